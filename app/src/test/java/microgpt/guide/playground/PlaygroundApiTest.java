package microgpt.guide.playground;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import microgpt.fast.EngineChoice;
import microgpt.fast.FusedGpt;
import microgpt.guide.ApiClient;
import microgpt.guide.ClasspathFolder;
import microgpt.guide.Guide;
import microgpt.guide.GuideNumbers;
import microgpt.guide.GuideServer;
import microgpt.guide.SiteMap;
import microgpt.guide.SourceRegions;
import microgpt.guide.Templates;
import microgpt.train.TrainingRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Playground's training stream on a real server: checks, events, cancelling, the two-run limit. */
class PlaygroundApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG_RUN = "step=5&steps=100000";
    private static GuideServer server;
    private static ApiClient API;
    private static List<String> docs;

    @BeforeAll
    static void start() {
        String property = System.getProperty("microgpt.data");
        java.nio.file.Path data = java.nio.file.Path.of(property != null ? property : "../../shared/data/names.txt");
        GuideNumbers numbers = GuideNumbers.forDataFile(data);
        docs = numbers.docs();
        Guide guide = new Guide(new SiteMap(new ClasspathFolder("fixture-site/pages/")), numbers,
                SourceRegions.engine(), Templates.guide());
        server = GuideServer.start(guide, "127.0.0.1", 0, System.err);
        API = new ApiClient(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @AfterEach
    void everyRunEnded() throws InterruptedException {
        awaitNoTraining();
    }

    private static HttpResponse<InputStream> open(String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/train/stream?" + query))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private record Event(String name, JsonNode data) {}

    /** Reads the next server-sent event (name and JSON data), or null at the end of the stream. */
    private static Event next(BufferedReader in) throws Exception {
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isEmpty()) {
                if (name != null || data.length() > 0) return new Event(name, JSON.readTree(data.toString()));
                continue;
            }
            if (line.startsWith("event:")) name = line.substring(6).strip();
            else if (line.startsWith("data:")) data.append(line.substring(5).strip());
        }
        return null;
    }

    private static BufferedReader reader(HttpResponse<InputStream> response) {
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    private static void awaitNoTraining() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (Trainings.SHARED.running() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(20);
        assertEquals(0, Trainings.SHARED.running(), "every training thread has ended");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|step is required",
        "step=6|step must be between 0 and 5, got 6",
        "step=2&steps=100001|steps must be between 1 and 100000, got 100001",
        "step=2&steps=ten|steps must be a whole number, got 'ten'",
        "step=3&learning_rate=-1|learning_rate must be a number in (0, 100], got -1",
        "step=1&temperature=abc|temperature must be a number, got 'abc'",
        "step=0&learning_rate=0.1|learning_rate applies to steps 1 to 5",
        "step=1&n_embd=8|n_embd applies to steps 3 to 5",
        "step=2&optimizer=adam|optimizer applies to steps 3 to 5",
        "step=4&n_embd=10&n_head=4|n_embd (10) must be divisible by n_head (4)",
        "step=5&optimizer=rmsprop|optimizer must be sgd or adam, got 'rmsprop'",
        "step=5&block_size=100000|block_size must be between 1 and",
        "step=3&n_head=2|step 3 has one attention head and one layer",
    })
    void badSettingsAnswer400WithAMessage(String query, String message) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/train/stream?" + query)).header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode(), response.body());
        String error = JSON.readTree(response.body()).get("error").asText();
        assertTrue(error.startsWith(message), error);
    }

    @Test
    void withoutTheEventStreamAcceptHeaderItSaysWhatToSend() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/train/stream?step=1")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("Accept: text/event-stream"), response.body());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "step=1&steps=300&seed=7&learning_rate=0.5&temperature=0.8|1|7|300|0.5|0.8|||||",
        "step=4&steps=120&seed=3&learning_rate=0.05&optimizer=adam&n_embd=8&n_head=2&n_layer=2&block_size=8|4|3|120|0.05|0.5|8|2|2|8|adam",
    })
    void theStreamSendsTheEnginesLossesAndThenDone(String query, int step, long seed, int steps, double lr, double temperature,
                                                  Integer nEmbd, Integer nHead, Integer nLayer, Integer blockSize, String optimizer) throws Exception {
        HttpResponse<InputStream> response = open(query);
        assertEquals(200, response.statusCode());
        assertEquals("text/event-stream", response.headers().firstValue("content-type").orElse("").split(";")[0]);
        List<Double> streamed = new ArrayList<>();
        Event done = null;
        int lossEvents = 0;
        try (BufferedReader in = reader(response)) {
            Event start = next(in);
            assertEquals("start", start.name());
            assertTrue(start.data().get("id").asText().startsWith("run-"));
            assertEquals(step, start.data().get("settings").get("step").asInt());
            for (Event e; (e = next(in)) != null; ) {
                if (e.name().equals("loss")) {
                    assertEquals(streamed.size(), e.data().get("from").asInt(), "batches arrive in order, none missing");
                    e.data().get("losses").forEach(x -> streamed.add(x.asDouble()));
                    lossEvents++;
                } else {
                    done = e;
                    break;
                }
            }
        }
        assertTrue(lossEvents >= 1);
        assertEquals("done", done.name());

        EngineChoice.Choice choice = EngineChoice.choose(new EngineChoice.Request(step, null, nEmbd, nHead, nLayer, blockSize, optimizer, lr));
        microgpt.train.LanguageModel[] model = {null};
        microgpt.data.Tokenizer[] vocabulary = {null};
        TrainingRun expected = TrainingRun.execute(docs, new TrainingRun.Settings(seed, steps, temperature,
                PlaygroundSettings.NUM_SAMPLES, choice.maxSampleLength()), (tokenizer, rng) -> {
                    vocabulary[0] = tokenizer;
                    return model[0] = choice.factory().create(tokenizer, rng);
                }, (a, b, c) -> {}, (s, n, l) -> true);
        assertArrayEquals(expected.losses(), streamed.stream().mapToDouble(Double::doubleValue).toArray(),
                "the streamed losses are the engine's, bit for bit");
        assertEquals(steps, done.data().get("steps").asInt());
        assertEquals(expected.losses()[steps - 1], done.data().get("finalLoss").asDouble());
        assertTrue(done.data().get("stopped").isNull());
        assertTrue(done.data().get("samplesStopped").isNull(), "every name was drawn");
        List<String> samples = new ArrayList<>();
        done.data().get("samples").forEach(x -> samples.add(x.asText()));
        assertEquals(expected.samples(), samples);
        assertTrue(done.data().has("trainMillis"));

        // "Sample again": more names from the same trained model, with a fresh random stream.
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/train/sample?id=" + done.data().get("id").asText() + "&seed=5&count=7")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, again.statusCode(), again.body());
        List<String> more = new ArrayList<>();
        JSON.readTree(again.body()).get("samples").forEach(x -> more.add(x.asText()));
        assertEquals(microgpt.train.Trainer.samples(model[0], vocabulary[0], new microgpt.data.PyRandom(5), temperature,
                choice.maxSampleLength(), 7), more);
    }

    /** Trains a run to its end and answers its done event. */
    private static JsonNode trainToTheEnd(String query) throws Exception {
        try (BufferedReader in = reader(open(query))) {
            for (Event e; (e = next(in)) != null; ) {
                if (e.name().equals("done")) return e.data();
            }
        }
        throw new AssertionError("no done event for " + query);
    }

    @Test
    void aFinishedTransformerRunShowsItsAttention() throws Exception {
        JsonNode done = trainToTheEnd("step=4&steps=60&n_embd=8&n_head=2&n_layer=2&block_size=4");
        String id = done.get("id").asText();
        assertTrue(done.get("hasAttention").asBoolean());

        JsonNode newest = API.ok("/api/train/runs").get("runs").get(0);
        assertEquals(id, newest.get("id").asText(), "the newest run is listed first");
        assertEquals(60, newest.get("stepsTrained").asInt());
        assertEquals(done.get("finalLoss").asDouble(), newest.get("finalLoss").asDouble());
        assertEquals(2, newest.get("settings").get("n_layer").asInt());
        assertEquals("fused", newest.get("settings").get("engine").asText());
        assertTrue(newest.get("hasAttention").asBoolean());

        JsonNode maps = API.ok("/api/train/attention?id=" + id + "&name=sophia");
        assertEquals(4, maps.get("step").asInt());
        assertEquals(2, maps.get("nLayer").asInt());
        assertEquals(2, maps.get("nHead").asInt());
        assertEquals(4, maps.get("tokens").size(), "block_size 4: the first four of sophia's seven positions");
        assertTrue(maps.get("truncated").asBoolean());
        for (JsonNode layer : maps.get("weights")) {
            for (JsonNode head : layer) {
                for (int t = 0; t < 4; t++) {
                    assertEquals(t + 1, head.get(t).size(), "position t attends to positions 0..t");
                    double sum = 0;
                    for (JsonNode w : head.get(t)) sum += w.asDouble();
                    assertEquals(1.0, sum, 1e-12);
                }
            }
        }
        // The maps come from a forward pass over the run's own weights: its loss is the engine's.
        Trainings.Trained kept = Trainings.SHARED.trained(id).orElseThrow();
        double engineLoss = ((FusedGpt) kept.model()).loss(kept.tokenizer().encode("sophia"));
        assertEquals(engineLoss, maps.get("loss").asDouble(), 1e-12);
    }

    @Test
    void attentionNeedsAKeptRunWithHeadsAndANameItCanSpell() throws Exception {
        String counting = trainToTheEnd("step=1&steps=5").get("id").asText();
        String transformer = trainToTheEnd("step=3&steps=5").get("id").asText();
        assertFalse(API.ok("/api/train/runs").get("runs").get(1).get("hasAttention").asBoolean(), "step 1 has no heads");
        String[][] cases = {
            {"/api/train/attention?name=emma", "400", "id is required"},
            {"/api/train/attention?id=run-0&name=emma", "404", "run run-0 has not finished or was forgotten"},
            {"/api/train/attention?id=" + counting + "&name=emma", "400", "run " + counting + " trained step 1, which has no attention"},
            {"/api/train/attention?id=" + transformer, "400", "name is required"},
            {"/api/train/attention?id=" + transformer + "&name=Emma", "400", "name: 'E' is not in the vocabulary"},
            {"/api/train/attention?id=" + transformer + "&name=abcdefghijklmnopq", "400", "name is 17 characters long"},
        };
        for (String[] c : cases) {
            ApiClient.Answer answer = API.get(c[0]);
            assertEquals(Integer.parseInt(c[1]), answer.status(), c[0]);
            assertTrue(answer.json().get("error").asText().startsWith(c[2]), c[0] + ": " + answer.json());
        }
        assertEquals(1, API.ok("/api/train/attention?id=" + transformer + "&name=emma").get("nHead").asInt());
    }

    @Test
    void sampleAgainNeedsAFinishedRun() throws Exception {
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/train/sample?id=run-0")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
        assertTrue(JSON.readTree(unknown.body()).get("error").asText().contains("has not finished"), unknown.body());
        HttpResponse<String> noId = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/train/sample")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, noId.statusCode());
    }

    @Test
    void closingTheStreamStopsTheTraining() throws Exception {
        long before = Trainings.SHARED.stepsTaken();
        HttpResponse<InputStream> response = open(LONG_RUN);
        BufferedReader in = reader(response);
        assertEquals("start", next(in).name());
        assertEquals("loss", next(in).name());
        assertEquals(1, Trainings.SHARED.running());
        in.close();   // the reader leaves, as a closed tab does
        awaitNoTraining();
        long taken = Trainings.SHARED.stepsTaken() - before;
        Thread.sleep(200);
        assertEquals(taken, Trainings.SHARED.stepsTaken() - before, "no step is taken after the thread ended");
        assertTrue(taken < 100_000, "stopped early, after " + taken + " steps");
    }

    @Test
    void aStopRequestEndsTheRunWithItsSamples() throws Exception {
        HttpResponse<InputStream> response = open(LONG_RUN);
        try (BufferedReader in = reader(response)) {
            Event start = next(in);
            String id = start.data().get("id").asText();
            assertEquals("loss", next(in).name());
            HttpResponse<String> stop = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/train/stop?id=" + id)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, stop.statusCode(), stop.body());
            Event e;
            while ((e = next(in)).name().equals("loss")) { /* the last batches */ }
            assertEquals("done", e.name());
            assertEquals("stopped", e.data().get("stopped").asText());
            assertEquals(PlaygroundSettings.NUM_SAMPLES, e.data().get("samples").size());
            assertTrue(e.data().get("steps").asInt() < 100_000);
            assertNull(next(in), "the stream ends after done");
        }
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/train/stop?id=run-0")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
        assertTrue(JSON.readTree(unknown.body()).get("error").asText().startsWith("no running training has id"), unknown.body());
    }

    @Test
    void aStopWhileItSamplesEndsTheSamplingWithTheNamesSoFar() throws Exception {
        // One step leaves a big model untrained: its names run to the block size, 256 letters, seconds each.
        HttpResponse<InputStream> response = open("step=4&steps=1&n_embd=256&n_head=4&n_layer=8&block_size=256");
        try (BufferedReader in = reader(response)) {
            String id = next(in).data().get("id").asText();
            assertEquals("loss", next(in).name(), "the only step is taken: sampling has begun");
            HttpResponse<String> stop = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/train/stop?id=" + id)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, stop.statusCode(), stop.body());
            Event done = next(in);
            assertEquals("done", done.name());
            assertTrue(done.data().get("stopped").isNull(), "the training itself ran to its end");
            assertEquals("stopped", done.data().get("samplesStopped").asText());
            assertTrue(done.data().get("samples").size() < PlaygroundSettings.NUM_SAMPLES, done.data().get("samples").size() + " names");
        }
    }

    @Test
    void aThirdRunIsRefusedWhileTwoTrain() throws Exception {
        BufferedReader first = reader(open(LONG_RUN));
        BufferedReader second = reader(open(LONG_RUN));
        try {
            assertEquals("start", next(first).name());
            assertEquals("start", next(second).name());
            assertEquals(2, Trainings.SHARED.running());
            HttpResponse<String> third = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/train/stream?step=1")).header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(429, third.statusCode());
            assertTrue(JSON.readTree(third.body()).get("error").asText().startsWith("busy"), third.body());
        } finally {
            first.close();
            second.close();
        }
        awaitNoTraining();
        HttpResponse<InputStream> again = open("step=0&steps=10");
        try (BufferedReader in = reader(again)) {
            assertEquals(200, again.statusCode(), "a slot is free again once a run ends");
            assertEquals("start", next(in).name());
        }
    }
}
