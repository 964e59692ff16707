package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.steps.Step0Counting;
import microgpt.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The widgets' JSON API for Step 0, on the real server, checked against the engine. */
class Step0ApiTest extends ApiTest {

    private static final GuideNumbers numbers = TestGuide.numbers();

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static Step0Counting trained(int steps) {
        Tokenizer tok = numbers.tokenizer();
        Step0Counting model = new Step0Counting(tok);
        Trainer.train(model, numbers.shuffledDocs(), tok, steps, (s, total, loss) -> true);
        return model;
    }

    private static void assertBadRequest(ApiClient.Answer answer, String messagePart) throws Exception {
        assertBadRequest(answer, 400, messagePart);
    }

    private static void assertBadRequest(ApiClient.Answer answer, int status, String messagePart) throws Exception {
        assertEquals(status, answer.status());
        assertTrue(answer.json().get("error").asText().contains(messagePart), answer.json().toString());
        assertEquals(200, get("/api/step0/bigram?token=0").status(), "the server still answers");
    }

    // ---- /api/tokenize -----------------------------------------------------------------------

    @Test
    void tokenizeGivesTheUniqueSortedCharactersAndTheTokensWithBosOnBothEnds() throws Exception {
        ApiClient.Answer answer = get("/api/tokenize?text=ava");
        assertEquals(200, answer.status());
        assertEquals("[{\"text\":\"a\",\"id\":0},{\"text\":\"v\",\"id\":1}]", answer.json().get("uniqueChars").toString());
        List<String> tokens = new ArrayList<>();
        answer.json().get("tokens").forEach(t -> tokens.add(t.get("text").asText() + t.get("id").asInt()));
        assertEquals(List.of("BOS26", "a0", "v21", "a0", "BOS26"), tokens);
    }

    @Test
    void tokenizeNamesTheCharactersOutsideTheVocabularyAndStillGivesTheUniqueOnes() throws Exception {
        ApiClient.Answer answer = get("/api/tokenize?text=" + encode("Ava 7"));
        assertBadRequest(answer, "'A', space, '7' are not in the vocabulary");
        assertEquals("[\"A\",\" \",\"7\"]", answer.json().get("outside").toString());
        assertEquals(" 7Aav", textOf(answer.json().get("uniqueChars")));
    }

    @Test
    void uniqueCharsTakesAnyTextAndNumbersItsOwnCharacters() throws Exception {
        ApiClient.Answer answer = get("/api/unique-chars?text=" + encode("Hello, world"));
        assertEquals(200, answer.status());
        assertEquals(" ,Hdelorw", textOf(answer.json().get("uniqueChars")));
        assertEquals(9, answer.json().get("bos").asInt());
        assertEquals(0, get("/api/unique-chars?text=").json().get("uniqueChars").size());
        assertBadRequest(get("/api/unique-chars?text=" + "x".repeat(65)), "at most 64");
    }

    @Test
    void tokenizeRefusesTextLongerThan64Characters() throws Exception {
        assertEquals(200, get("/api/tokenize?text=" + "a".repeat(64)).status());
        assertBadRequest(get("/api/tokenize?text=" + "a".repeat(65)), "at most 64");
    }

    @Test
    void anOversizedQueryStringIsRefusedAndTheServerStaysUp() throws Exception {
        assertBadRequest(get("/api/tokenize?text=" + "a".repeat(20_000)), 414, "longer than the guide reads (8 KB)");
        assertEquals(200, get("/api/tokenize?text=emma").status());
    }

    private static String textOf(JsonNode tokens) {
        StringBuilder text = new StringBuilder();
        tokens.forEach(t -> text.append(t.get("text").asText()));
        return text.toString();
    }

    // ---- /api/step0/table --------------------------------------------------------------------

    @Test
    void theTableAfterKStepsHoldsTheEngineCountsAndTheNameJustCounted() throws Exception {
        int steps = 137;
        ApiClient.Answer answer = get("/api/step0/table?steps=" + steps);
        assertEquals(200, answer.status());
        Step0Counting model = trained(steps);
        JsonNode counts = answer.json().get("counts");
        assertEquals(27, counts.size());
        long total = 0;
        for (int i = 0; i < 27; i++) {
            int row = 0;
            for (int j = 0; j < 27; j++) {
                assertEquals(model.count(i, j), counts.get(i).get(j).asInt(), "count " + i + "," + j);
                row += model.count(i, j);
            }
            assertEquals(row, answer.json().get("rowTotals").get(i).asInt());
            total += row;
        }
        assertEquals(total, answer.json().get("total").asLong());
        String name = numbers.shuffledDocs().get(steps - 1);
        assertEquals(name, answer.json().get("name").asText());
        assertEquals(name.length() + 1, answer.json().get("pairs").size());
        assertEquals("BOS", answer.json().get("pairs").get(0).get("from").get("text").asText());
    }

    @Test
    void theTableBeforeTrainingIsAllZerosWithNoName() throws Exception {
        ApiClient.Answer answer = get("/api/step0/table?steps=0");
        assertEquals(0, answer.json().get("total").asLong());
        assertTrue(answer.json().get("name").isNull());
        assertEquals(0, answer.json().get("pairs").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1001", "abc", "1e3", "99999999999999999999"})
    void stepsOutsideZeroTo1000AreRefused(String steps) throws Exception {
        ApiClient.Answer answer = get("/api/step0/table?steps=" + encode(steps));
        assertBadRequest(answer, "steps");
    }

    // ---- /api/step0/bigram -------------------------------------------------------------------

    @Test
    void bigramGivesTheEngineProbabilitiesAfter1000StepsByDefault() throws Exception {
        ApiClient.Answer answer = get("/api/step0/bigram?token=0");
        assertEquals(1000, answer.json().get("steps").asInt());
        double[] expected = trained(1000).bigram(0);
        JsonNode probabilities = answer.json().get("probabilities");
        assertEquals(27, probabilities.size());
        for (int i = 0; i < 27; i++) assertEquals(expected[i], probabilities.get(i).asDouble());
        assertEquals(answer.json(), get("/api/step0/bigram?token=a&steps=1000").json());
        assertEquals("BOS", get("/api/step0/bigram?token=BOS").json().get("token").get("text").asText());
        assertEquals(26, get("/api/step0/bigram?token=26").json().get("token").get("id").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"27", "-1", "A", "ab", ""})
    void anUnknownTokenIsRefused(String token) throws Exception {
        assertBadRequest(get("/api/step0/bigram?token=" + encode(token)), "token");
    }

    // ---- /api/step0/pairs --------------------------------------------------------------------

    @Test
    void thePairsOfAvaAfter100StepsAreTheGuidesWorkedExample() throws Exception {
        ApiClient.Answer answer = get("/api/step0/pairs?name=ava&steps=100");
        assertEquals(200, answer.status());
        JsonNode pairs = answer.json().get("pairs");
        assertEquals(4, pairs.size());
        for (int i = 0; i < 4; i++) {
            double p = pairs.get(i).get("probability").asDouble();
            assertEquals(numbers.format("step0.ava.p" + (i + 1)), GuideNumbers.probability(p));
            assertEquals(-Math.log(p), pairs.get(i).get("surprise").asDouble(), 1e-12);
        }
        assertEquals(numbers.format("step0.ava.loss"), GuideNumbers.loss(answer.json().get("loss").asDouble()));
        assertTrue(numbers.format("step0.ava.loss").startsWith("2.31"));
    }

    @Test
    void pairsRefusesAnEmptyALongOrAForeignName() throws Exception {
        assertBadRequest(get("/api/step0/pairs?name="), "name is required");
        assertBadRequest(get("/api/step0/pairs?name=" + "a".repeat(17)), "at most 16");
        assertBadRequest(get("/api/step0/pairs?name=Bob"), "'B' is not in the vocabulary");
    }

    // ---- /api/samples ------------------------------------------------------------------------

    @Test
    void samplesComeFromTheTrainedTableWithAFreshRandomStreamPerSeed() throws Exception {
        ApiClient.Answer answer = get("/api/samples?step=0&seed=7&count=5");
        assertEquals(200, answer.status());
        List<String> expected = Trainer.samples(trained(1000), numbers.tokenizer(), new PyRandom(7), 1.0, 16, 5);
        List<String> names = new ArrayList<>();
        answer.json().get("samples").forEach(n -> names.add(n.asText()));
        assertEquals(expected, names);
        assertEquals(20, get("/api/samples?step=0&seed=-9223372036854775808").json().get("samples").size());
        assertFalse(get("/api/samples?step=0&seed=8&count=5").json().equals(answer.json()));
    }

    @Test
    void step5SamplesComeFromItsSeededRunsModelAtItsTemperature() throws Exception {
        // Trained here from scratch as the seed-42 run trains it: shuffle, draw the weights, 1000 steps of Adam.
        PyRandom rng = new PyRandom(GuideNumbers.SEED);
        List<String> shuffled = microgpt.data.Documents.shuffled(numbers.docs(), rng);
        microgpt.data.Tokenizer tokenizer = new microgpt.data.Tokenizer(shuffled);
        microgpt.fast.TapeGpt model = microgpt.fast.TapeGpt.transformer(tokenizer, rng, microgpt.steps.GptConfig.MICROGPT,
                microgpt.fast.Optimizer.ADAM, 0.01);
        Trainer.train(model, shuffled, tokenizer, GuideNumbers.NUM_STEPS, (s, total, loss) -> true);
        List<String> expected = Trainer.samples(model, tokenizer, new PyRandom(7), 0.5, 16, 5);
        List<String> names = new ArrayList<>();
        get("/api/samples?step=5&seed=7&count=5").json().get("samples").forEach(n -> names.add(n.asText()));
        assertEquals(expected, names);
        for (int step = 1; step <= 4; step++) {
            assertEquals(3, get("/api/samples?step=" + step + "&seed=1&count=3").json().get("samples").size(), "step " + step);
        }
    }

    @Test
    void samplesRefuseUnknownStepsAndTooMany() throws Exception {
        assertBadRequest(get("/api/samples?step=6"), "step must be between 0 and 5");
        assertBadRequest(get("/api/samples?step=0&count=51"), "count must be between 1 and 50");
        assertBadRequest(get("/api/samples?step=0&seed=x"), "seed must be a whole number");
    }
}
