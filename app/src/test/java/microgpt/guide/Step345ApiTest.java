package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import microgpt.data.Documents;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.fast.TapeGpt;
import microgpt.train.LanguageModel;
import microgpt.train.Trainer;
import microgpt.guide.ApiClient.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Step 3–5 JSON API on a real server, against the engine's own models. */
class Step345ApiTest extends ApiTest {

    private static Tokenizer tokenizer;

    @BeforeAll
    static void vocabulary() {
        tokenizer = TestGuide.numbers().tokenizer();
    }

    @Test
    void step3IsTrainedExactlyAsTheSeed42Run() {
        // The run samples 20 names right after training with the random stream it drew the weights from.
        PyRandom rng = new PyRandom(GuideNumbers.SEED);
        List<String> shuffled = Documents.shuffled(TestGuide.numbers().docs(), rng);
        TapeGpt.transformer(new Tokenizer(shuffled), rng, TapeGpt.step3Config(16, 16), microgpt.fast.Optimizer.SGD, 0.0);
        TapeGpt model = ((TapeGpt) TestGuide.numbers().model(3));
        List<String> samples = Trainer.samples(model, tokenizer, rng, microgpt.steps.Steps.info(3).temperature(),
                16, GuideNumbers.NUM_SAMPLES);
        assertEquals(TestGuide.numbers().run(3).samples(), samples);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5})
    void traceGivesTheEnginesProbabilitiesAtEveryPosition(int step) throws Exception {
        JsonNode trace = ok("/api/step345/trace?step=" + step + "&name=emma");
        assertEquals(5, trace.get("positions").size());
        LanguageModel.Generator generator = ((TapeGpt) TestGuide.numbers().model(step)).generator(1.0);
        int[] tokens = tokenizer.encode("emma");
        double loss = 0;
        for (int pos = 0; pos < 5; pos++) {
            double[] expected = generator.nextTokenProbabilities(tokens[pos]);
            JsonNode position = trace.get("positions").get(pos);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], position.get("probabilities").get(i).asDouble(), 1e-12, "step " + step + " pos " + pos);
            }
            assertEquals(-Math.log(expected[tokens[pos + 1]]), position.get("loss").asDouble(), 1e-12);
            loss += position.get("loss").asDouble();
        }
        assertEquals(loss / 5, trace.get("loss").asDouble(), 1e-12);
        assertEquals(step == 3 ? 1 : 4, trace.get("nHead").asInt());
    }

    @Test
    void embeddingsHeadsAndCacheFitTogether() throws Exception {
        JsonNode trace = ok("/api/step345/trace?step=4&name=emma");
        JsonNode m1 = trace.get("positions").get(2);
        JsonNode m2 = trace.get("positions").get(3);
        assertEquals("m", m1.get("token").get("text").asText());
        assertEquals(m1.get("tokenEmbedding"), m2.get("tokenEmbedding"), "same letter, same token vector");
        assertNotEquals(m1.get("sum"), m2.get("sum"), "different positions, different sums");
        for (int i = 0; i < 16; i++) {
            assertEquals(m1.get("tokenEmbedding").get(i).asDouble() + m1.get("positionEmbedding").get(i).asDouble(),
                    m1.get("sum").get(i).asDouble(), 0);
        }
        assertEquals(4.0, m1.get("embeddingNorm").get("lengthAfter").asDouble(), 1e-3, "rmsnorm gives length about √16");
        JsonNode layer = m2.get("layers").get(0);
        assertEquals(4, layer.get("heads").size());
        for (JsonNode head : layer.get("heads")) {
            assertEquals(4, head.get("weights").size(), "position 3 attends over positions 0..3");
            double sum = 0;
            for (JsonNode w : head.get("weights")) sum += w.asDouble();
            assertEquals(1.0, sum, 1e-12);
            int from = head.get("from").asInt();
            for (int j = 0; j < 4; j++) {
                assertEquals(layer.get("xAttn").get(from + j).asDouble(), head.get("out").get(j).asDouble(), 0);
                assertEquals(layer.get("q").get(from + j).asDouble(), head.get("q").get(j).asDouble(), 0);
                assertEquals(trace.get("positions").get(1).get("layers").get(0).get("k").get(from + j).asDouble(),
                        head.get("keys").get(1).get(j).asDouble(), 0, "the cache keeps earlier keys");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5})
    void theExplorersMapsAreTheTracesWeights(int step) throws Exception {
        JsonNode trace = ok("/api/step345/trace?step=" + step + "&name=olivia");
        JsonNode maps = ok("/api/step345/attention?step=" + step + "&name=olivia");
        assertEquals(step, maps.get("step").asInt());
        assertEquals(trace.get("nHead").asInt(), maps.get("nHead").asInt());
        assertEquals(trace.get("loss").asDouble(), maps.get("loss").asDouble(), 0);
        assertFalse(maps.get("truncated").asBoolean());
        assertEquals(7, maps.get("tokens").size(), "BOS o l i v i a");
        for (int t = 0; t < 7; t++) {
            assertEquals(trace.get("positions").get(t).get("token"), maps.get("tokens").get(t));
            for (int h = 0; h < maps.get("nHead").asInt(); h++) {
                assertEquals(trace.get("positions").get(t).get("layers").get(0).get("heads").get(h).get("weights"),
                        maps.get("weights").get(0).get(h).get(t), "layer 0, head " + h + ", position " + t);
            }
        }
    }

    @Test
    void rmsnormOfAVector() throws Exception {
        JsonNode r = ok("/api/step345/rmsnorm?x=3,4");
        assertEquals(12.5, r.get("meanSquare").asDouble(), 1e-12);
        assertEquals(3 / Math.sqrt(12.5 + 1e-5), r.get("norm").get("after").get(0).asDouble(), 1e-12);
        assertEquals(5.0, r.get("norm").get("lengthBefore").asDouble(), 1e-12);
    }

    @Test
    void badInputIs400WithAMessage() throws Exception {
        for (String query : List.of("/api/step345/trace?name=", "/api/step345/trace?name=Emma", "/api/step345/trace?name=abcdefghijklmnopq",
                "/api/step345/trace?step=2", "/api/step345/trace?step=x", "/api/step345/trace?bogus=1",
                "/api/step345/attention?step=6", "/api/step345/attention?name=a%20b", "/api/step345/attention?id=run-1",
                "/api/step345/rmsnorm?x=1,,2", "/api/step345/rmsnorm?x=nan", "/api/step345/rmsnorm?x=1e9")) {
            Answer answer = get(query);
            assertEquals(400, answer.status(), query);
            assertTrue(answer.json().get("error").asText().length() > 5, query);
        }
    }

    @Test
    void aSixteenLetterNameStopsAtTheBlockSize() throws Exception {
        assertEquals(16, ok("/api/step345/trace?step=3&name=abcdefghijklmnop").get("positions").size());
        JsonNode maps = ok("/api/step345/attention?step=3&name=abcdefghijklmnop");
        assertEquals(16, maps.get("tokens").size());
        assertTrue(maps.get("truncated").asBoolean(), "17 positions, 16 fit");
    }
}
