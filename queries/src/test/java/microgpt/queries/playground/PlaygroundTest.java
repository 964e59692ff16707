package microgpt.queries.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import microgpt.data.DataSetLocator;
import microgpt.data.Documents;
import microgpt.queries.Answer;
import microgpt.queries.SiteData;
import microgpt.queries.WidgetQueries;
import microgpt.train.CPythonReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Playground's runs as the browser's worker drives them: start, advance slice by slice, stop, and what comes after. */
class PlaygroundTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SiteData data;

    @BeforeAll
    static void names() throws Exception {
        data = new SiteData();
        data.loadNames(String.join("\n", Documents.load(DataSetLocator.forTests())));
    }

    /** A fresh set of queries with a Playground, as the browser build makes it. */
    private static WidgetQueries browser() {
        WidgetQueries queries = new WidgetQueries(data);
        new Playground(data).addTo(queries);
        return queries;
    }

    private static Map<String, String> params(String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) params.put(namesAndValues[i], namesAndValues[i + 1]);
        return params;
    }

    private static JsonNode ok(WidgetQueries queries, String path, Map<String, String> params) throws Exception {
        Answer answer = queries.answer(path, params);
        assertEquals(200, answer.status(), path + ": " + answer.json());
        return JSON.readTree(answer.json());
    }

    /** Advances until done; returns every event, in order. */
    private static List<JsonNode> runToTheEnd(WidgetQueries queries, String id) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (int slice = 0; slice < 100_000; slice++) {
            for (JsonNode event : ok(queries, "train/advance", params("id", id, "millis", "20")).get("events")) {
                events.add(event);
                if (event.get("event").asText().equals("done")) return events;
            }
        }
        throw new AssertionError("the run never finished");
    }

    @Test
    void step5TrainedSliceBySliceIsTheSeededRun() throws Exception {
        WidgetQueries queries = browser();
        JsonNode start = ok(queries, "train/start", params("step", "5"));
        assertEquals("start", start.get("event").asText());
        assertEquals(4192, start.get("numParams").asInt());
        List<JsonNode> events = runToTheEnd(queries, start.get("id").asText());
        List<Double> losses = new ArrayList<>();
        for (JsonNode event : events) {
            if (!event.get("event").asText().equals("loss")) continue;
            assertEquals(losses.size(), event.get("from").asInt(), "batches follow each other");
            event.get("losses").forEach(loss -> losses.add(loss.asDouble()));
        }
        assertTrue(events.size() > 2, "the run came in more than one slice");
        double[] reference = CPythonReference.losses(5);
        assertEquals(1000, losses.size());
        for (int s = 0; s < 1000; s++) assertEquals(reference[s], losses.get(s), 1e-12, "step " + (s + 1));
        JsonNode done = events.get(events.size() - 1);
        assertEquals("kamon", done.get("samples").get(0).asText());
        assertEquals("anton", done.get("samples").get(19).asText());
        assertTrue(done.get("stopped").isNull());
        assertTrue(done.get("hasAttention").asBoolean());
    }

    @Test
    void aStoppedRunEndsAfterItsCurrentStepAndStillWritesNames() throws Exception {
        WidgetQueries queries = browser();
        String id = ok(queries, "train/start", params("step", "4", "steps", "100000")).get("id").asText();
        ok(queries, "train/advance", params("id", id, "millis", "5"));
        assertEquals(id, ok(queries, "train/stop", params("id", id)).get("stopping").asText());
        List<JsonNode> events = runToTheEnd(queries, id);
        JsonNode done = events.get(events.size() - 1);
        assertEquals("stopped", done.get("stopped").asText());
        assertTrue(done.get("steps").asInt() < 100_000);
        assertEquals(20, done.get("samples").size());
        assertEquals(200, queries.answer("train/attention", params("id", id, "name", "emma")).status());
        assertEquals(3, ok(queries, "train/sample", params("id", id, "seed", "9", "count", "3")).get("samples").size());
    }

    @Test
    void aShapeTooBigForABrowserTabIsRefusedBeforeAnyWork() throws Exception {
        Answer answer = browser().answer("train/start",
                params("step", "5", "n_embd", "512", "n_head", "64", "n_layer", "16", "block_size", "256"));
        assertEquals(400, answer.status());
        String error = JSON.readTree(answer.json()).get("error").asText();
        assertTrue(error.startsWith("this shape needs about ") && error.contains("the Playground allows 256 MB"), error);
        assertEquals(200, browser().answer("train/start", params("step", "5", "n_embd", "64", "n_layer", "2")).status(),
                "a shape that fits starts");
    }

    @Test
    void aDivergedRunStopsAndSaysSoWithLossesThatStayJson() throws Exception {
        WidgetQueries queries = browser();
        String id = ok(queries, "train/start", params("step", "3", "learning_rate", "100", "steps", "5000")).get("id").asText();
        List<JsonNode> events = runToTheEnd(queries, id);
        JsonNode done = events.get(events.size() - 1);
        assertEquals("diverged", done.get("stopped").asText());
        assertTrue(done.get("error").asText().contains("try a lower learning rate"), done.toString());
        assertEquals(0, done.get("samples").size(), "a model whose weights overflowed writes nothing");
        JsonNode lastBatch = events.get(events.size() - 2);
        JsonNode losses = lastBatch.get("losses");
        assertTrue(losses.get(losses.size() - 1).isNull(), "the loss that is not a number is null, not \"NaN\"");
    }

    @Test
    void badSettingsAndUnknownRunsAreRefusedWithTheirReason() throws Exception {
        WidgetQueries queries = browser();
        Map<String, String> cases = Map.of(
                "step=9", "step must be between 0 and 5",
                "step=3&n_head=2", "step 3 has one attention head",
                "step=4&n_embd=30&n_head=4", "n_embd (30) must be divisible by n_head (4)",
                "step=0&learning_rate=0.1", "learning_rate applies to steps 1 to 5",
                "step=5&optimizer=rmsprop", "optimizer must be sgd or adam");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Map<String, String> p = new LinkedHashMap<>();
            for (String pair : c.getKey().split("&")) p.put(pair.split("=")[0], pair.split("=")[1]);
            Answer answer = queries.answer("train/start", p);
            assertEquals(400, answer.status(), c.getKey());
            assertTrue(answer.json().contains(c.getValue()), c.getKey() + ": " + answer.json());
        }
        assertTrue(queries.answer("train/advance", params("id", "run-99")).json().contains("there is no run run-99"));
        assertEquals(400, queries.answer("train/start", params()).status(), "step is required");
    }

    @Test
    void runItYourselfHoldsTheBrowsersRunAgainstTheCPythonLog() throws Exception {
        Playground playground = new Playground(data);
        WidgetQueries queries = new WidgetQueries(data);
        playground.addTo(queries);
        String id = ok(queries, "train/start", params("step", "0")).get("id").asText();
        runToTheEnd(queries, id);
        playground.loadReference(0, new String(CPythonReference.logFile(0), StandardCharsets.UTF_8),
                new String(CPythonReference.lossesFile(0), StandardCharsets.UTF_8));
        JsonNode c = ok(queries, "train/compare", params("id", id));
        assertTrue(c.get("logsIdentical").asBoolean(), c.toString());
        assertEquals(0.0, c.get("maxLossDifference").asDouble());
        assertEquals(c.get("referenceLines").asInt(), c.get("identicalLines").asInt());
        assertTrue(c.get("excerpt").size() >= 6);
        assertFalse(c.get("excerpt").findValues("same").stream().anyMatch(same -> !same.asBoolean()));
    }

    @Test
    void theOldestRunsAreForgotten() throws Exception {
        WidgetQueries queries = browser();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < Playground.MAX_KEPT + 2; i++) {
            String id = ok(queries, "train/start", params("step", "0", "steps", "3")).get("id").asText();
            runToTheEnd(queries, id);
            ids.add(id);
        }
        assertEquals(Playground.MAX_KEPT, ok(queries, "train/runs", params()).get("runs").size());
        assertEquals(400, queries.answer("train/sample", params("id", ids.get(0))).status(), "the first run is forgotten");
        assertEquals(200, queries.answer("train/sample", params("id", ids.get(ids.size() - 1))).status());
    }
}
