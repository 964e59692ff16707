package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import microgpt.autograd.Value;
import microgpt.data.Documents;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.steps.Step1GradientDescent;
import microgpt.steps.Step2Autograd;
import microgpt.guide.ApiClient.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Step 1 and Step 2 JSON API on a real server, against the engine's own numbers. */
class Step12ApiTest extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Tokenizer tokenizer;
    private static List<String> names;
    private static PyRandom rngAfterInit;
    private static Step1GradientDescent step1;

    @BeforeAll
    static void models() {
        PyRandom rng = new PyRandom(GuideNumbers.SEED);
        names = Documents.shuffled(TestGuide.numbers().docs(), rng);
        tokenizer = new Tokenizer(names);
        step1 = new Step1GradientDescent(tokenizer, rng, 1.0);
        rngAfterInit = rng;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void paramsAreTheThreeMatricesAtInitialisation() throws Exception {
        JsonNode params = ok("/api/step1/params");
        assertEquals(3184, params.get("numParams").asInt());
        JsonNode wte = params.get("matrices").get(0);
        assertEquals("wte", wte.get("name").asText());
        assertEquals(27, wte.get("rows").asInt());
        assertEquals("BOS", wte.get("rowLabels").get(26).asText());
        assertEquals(step1.parameters().get("wte")[3][7], wte.get("values").get(3).get(7).asDouble());
        JsonNode fc2 = params.get("matrices").get(2);
        assertEquals(step1.parameters().get("mlp_fc2")[26][63], fc2.get("values").get(26).get(63).asDouble());
    }

    @Test
    void activationsOfTheUntrainedModelAreTheEngines() throws Exception {
        JsonNode a = ok("/api/step1/activations?token=BOS&trained=false");
        Step1GradientDescent.Activations expected = step1.forward(tokenizer.bos);
        for (int k = 0; k < 64; k++) assertEquals(expected.hiddenPre()[k], a.get("hiddenPre").get(k).asDouble());
        for (int c = 0; c < 27; c++) assertEquals(expected.probs()[c], a.get("probs").get(c).asDouble());
        assertEquals(16, a.get("x").size());
    }

    @Test
    void forwardGivesEachPositionItsProbabilityAndLossAndTheMean() throws Exception {
        JsonNode ava = ok("/api/step1/forward?name=ava");
        assertEquals(4, ava.get("positions").size());
        JsonNode first = ava.get("positions").get(0);
        assertEquals("BOS", first.get("token").asText());
        assertEquals("a", first.get("target").asText());
        assertEquals(first.get("probs").get(0).asDouble(), first.get("pTarget").asDouble());
        assertEquals(-Math.log(first.get("pTarget").asDouble()), first.get("loss").asDouble(), 1e-12);
        double sum = 0;
        for (JsonNode p : ava.get("positions")) sum += p.get("loss").asDouble();
        assertEquals(sum / 4, ava.get("meanLoss").asDouble(), 1e-12);
        assertTrue(ava.get("meanLoss").asDouble() < 3.0, "trained: better than guessing");
        JsonNode untrained = ok("/api/step1/forward?name=ava&trained=false");
        assertEquals(step1.loss(tokenizer.encode("ava")), untrained.get("meanLoss").asDouble());
    }

    @Test
    void slopeComparesTheSecantWithTheAnalyticGradient() throws Exception {
        JsonNode slope = ok("/api/step1/slope?name=yuheng&param=" + encode("wte[26][3]") + "&epsilon=1e-6");
        assertEquals(26 * 16 + 3, slope.get("index").asInt());
        assertEquals(41, slope.get("curve").size());
        int[] tokens = tokenizer.encode("yuheng");
        double expected = step1.analyticGradient(tokens).wte()[26][3];
        assertEquals(expected, slope.get("analyticGradient").asDouble());
        assertEquals(expected, slope.get("numericalSlope").asDouble(), 1e-5);
        assertEquals(step1.loss(tokens), slope.get("loss").asDouble());
        assertEquals("wte[26][3]", ok("/api/step1/slope?param=419").get("param").asText());
    }

    @Test
    void gradcheckOnTheFirstNameHasTheGuidesMaxDifference() throws Exception {
        JsonNode check = ok("/api/step1/gradcheck");
        assertEquals(names.get(0), check.get("name").asText());
        assertEquals(3184, check.get("numerical").size());
        assertEquals(3184, check.get("analytic").size());
        Step1GradientDescent.GradientCheck expected = step1.gradientCheck(tokenizer.encode(names.get(0)));
        assertEquals(expected.maxDifference(), check.get("maxDifference").asDouble());
        assertEquals("2.030e-09", microgpt.data.PyFormat.scientific(check.get("maxDifference").asDouble(), 3));
        assertEquals(3184, ok("/api/step1/gradcheck?name=emma").get("analytic").size());
    }

    @Test
    void samplesAtTheStepsOwnTemperatureAreTheRunsNames() throws Exception {
        JsonNode samples = ok("/api/step1/samples?temperature=0.5");
        assertEquals(TestGuide.numbers().run(1).samples(), JSON.convertValue(samples.get("samples"), List.class));
        assertEquals(samples, ok("/api/step1/samples?temperature=0.5"), "the same every time");
        assertEquals(20, ok("/api/step1/samples?temperature=2").get("samples").size());
    }

    @Test
    void anExpressionGraphHasTheGradsOfValueBackward() throws Exception {
        JsonNode answer = ok("/api/step2/graph?expr=diffsquares&a=3&b=-2");
        JsonNode graph = answer.get("graph");
        // (a + b)(a − b) = a² − b²: d/da = 2a = 6, d/db = −2b = 4
        JsonNode a = node(graph, "a");
        JsonNode b = node(graph, "b");
        assertEquals(6.0, a.get("grad").asDouble());
        assertEquals(4.0, b.get("grad").asDouble());
        assertEquals(5.0, graph.get("nodes").get(graph.get("root").asInt()).get("data").asDouble());
        assertEquals(graph.get("root").asInt(), graph.get("backwardOrder").get(0).asInt());
        JsonNode relu = ok("/api/step2/graph?expr=relulog&a=2&b=-3&c=10").get("graph");
        assertEquals(0.0, node(relu, "a").get("grad").asDouble(), "relu of −6 passes no gradient");
        assertEquals(0.1, node(relu, "c").get("grad").asDouble(), 1e-15);
        assertTrue(relu.get("ops").has("relu") && relu.get("ops").has("log"));
    }

    private static JsonNode node(JsonNode graph, String label) {
        for (JsonNode n : graph.get("nodes")) if (n.get("label").asText().equals(label)) return n;
        throw new AssertionError("no node " + label);
    }

    @Test
    void aPositionGraphIsTheWholeGraphOfOnePositionsLoss() throws Exception {
        JsonNode answer = ok("/api/step2/position-graph?name=ava&position=1");
        assertEquals("a", answer.get("token").asText());
        assertEquals("v", answer.get("target").asText());
        PyRandom rng = new PyRandom(GuideNumbers.SEED);
        Documents.shuffled(TestGuide.numbers().docs(), rng);
        Step2Autograd model = new Step2Autograd(tokenizer, rng, 1.0);
        Value loss = model.positionLoss(tokenizer.encode("ava"), 1);
        loss.backward();
        JsonNode graph = answer.get("graph");
        assertEquals(loss.topologicalOrder().size(), graph.get("size").asInt());
        assertEquals(loss.data, answer.get("loss").asDouble());
        assertEquals(model.parameters().get("wte")[0][5].grad, node(graph, "wte[0][5]").get("grad").asDouble());
        assertEquals(model.parameters().get("mlp_fc2")[21][7].grad, node(graph, "mlp_fc2[21][7]").get("grad").asDouble());
        assertEquals(64, graph.get("ops").get("relu").asInt());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/step1/forward?name=Ava|not in the vocabulary",
        "/api/step1/forward?name=abcdefghijklmnopq|at most 16",
        "/api/step1/forward?name=|empty",
        "/api/step1/forward?nom=ava|unknown parameter 'nom'",
        "/api/step1/params?x=1|unknown parameter 'x'",
        "/api/step1/activations?token=ab|one character",
        "/api/step1/activations?token=a&trained=yes|true or false",
        "/api/step1/slope?param=wte%5B27%5D%5B0%5D|no wte[27][0]",
        "/api/step1/slope?param=3184|between 0 and 3183",
        "/api/step1/slope?param=fc9|param must be like",
        "/api/step1/slope?epsilon=0|epsilon must be above 0",
        "/api/step1/slope?epsilon=abc|epsilon must be a number",
        "/api/step1/gradcheck?name=a1|not in the vocabulary",
        "/api/step1/samples?temperature=0|temperature must be between 0.01 and 5.0, got 0",
        "/api/step1/samples?temperature=5.5|between 0.01 and 5.0, got 5.5",
        "/api/step1/samples?temperature=NaN|temperature must be a number, got 'NaN'",
        "/api/step1/samples?temperature=0x1p-2|temperature must be a number",
        "/api/step1/samples?temperature=٣|temperature must be a number",
        "/api/step2/graph?expr=a%2Bb|expr must be one of",
        "/api/step2/graph?expr=relulog&c=-1|log(c)",
        "/api/step2/graph?a=1e9|at most 1000",
        "/api/step2/position-graph?name=ava&position=4|between 0 and 3",
        "/api/step2/position-graph?name=ava&position=x|whole number",
    })
    void badInputIsA400ThatSaysWhatWasWrong(String pathAndQuery, String says) throws Exception {
        Answer answer = get(pathAndQuery);
        assertEquals(400, answer.status(), pathAndQuery);
        assertTrue(answer.json().get("error").asText().contains(says), pathAndQuery + ": " + answer.json());
        assertEquals(200, get("/api/step1/samples?temperature=1").status(), "the server stays up");
    }
}
