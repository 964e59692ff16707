package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A few thousand random and hostile requests to every route under /api: each is answered with a
 * status the API means (200, 400, 404, 405, 414), in JSON, with no stack trace, and the server
 * still answers and holds no more memory than it should afterwards.
 */
class ApiFuzzTest {

    private static GuideServer server;
    private static Guide guide;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Values a careless or hostile caller might send, on top of random ones. */
    private static final List<String> HOSTILE = List.of("", " ", "-1", "0", "1", "999999999999999999999999", "-9223372036854775809",
            "NaN", "Infinity", "-Infinity", "1e308", "1e-308", "4.9e-324", "1e-310", "0x1p3", "1d", "٣", "３", "+7", "1.5",
            "ava", "Zoë", "BOS", "<script>alert(1)</script>", "../../etc/passwd", "%00", "\u0000", "a\nb", "' OR 1=1 --",
            "wte[26][0]", "wte[99][0]", "mlp_fc1[-1][0]", "emma", "x".repeat(17), "y".repeat(2000), "😀", "true", "false",
            "1,2,3", ",,,", "1e9,2", "relulog", "muladd", "step", "3", "4", "5", "6", "1000", "1001", "100000");

    @BeforeAll
    static void start() {
        guide = TestGuide.fixture();
        server = GuideServer.start(guide, "127.0.0.1", 0, System.err);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thousandsOfRandomAndHostileRequestsGetAMeaningfulJsonAnswer() throws Exception {
        Random random = new Random(11);
        List<String> paths = new ArrayList<>(guide.queries().paths());
        paths.addAll(List.of("runs/step0.json", "runs/step9.json", "runs/..%2F..%2Fpom.xml", "data/names.txt", "models/step7.bin",
                "train/stream", "train/stop", "nothing", "step0", "step0/", "%2e%2e/%2e%2e/etc/passwd"));
        Map<Integer, Integer> statuses = new TreeMap<>();
        int requests = 3000;
        for (int i = 0; i < requests; i++) {
            String path = paths.get(random.nextInt(paths.size()));
            StringBuilder query = new StringBuilder();
            int parameters = random.nextInt(4);
            for (int p = 0; p < parameters; p++) {
                String name = random.nextInt(4) == 0 ? pick(random, HOSTILE) : pick(random, PARAMETER_NAMES);
                String value = random.nextInt(5) == 0 ? randomText(random) : pick(random, HOSTILE);
                query.append(p == 0 ? "?" : "&").append(encode(name)).append('=').append(encode(value));
            }
            String request = "/api/" + path + query;
            HttpResponse<String> response = get(request);
            int status = response.statusCode();
            statuses.merge(status, 1, Integer::sum);
            assertTrue(Set.of(200, 400, 404, 405, 414).contains(status), request + ": HTTP " + status + " " + response.body());
            String type = response.headers().firstValue("content-type").orElse("");
            boolean file = path.startsWith("runs/step0") || path.startsWith("data/") || (path.startsWith("models/") && status == 200);
            // what Jetty refuses before any code of ours runs (too long: 414; encoded dots or slashes: 400) is JSON too
            if (!file) assertTrue(type.startsWith("application/json"), request + ": " + type);
            String body = response.body();
            assertTrue(!body.contains("Exception") && !body.contains("\tat ") && !body.contains("at microgpt."), request + ": " + body);
        }
        System.out.println("fuzzed " + requests + " requests: " + statuses);
        assertEquals(200, get("/api/tokenize?text=ava").statusCode(), "the server still answers");
        System.gc();
        long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertTrue(used < 1L << 30, "heap after the fuzzing: " + (used >> 20) + " MB");
    }

    /** /api/step1/samples?temperature=1e-308 answered 500 with a stack trace in the log. */
    @Test
    void aTemperatureTooColdToSampleIs400() throws Exception {
        for (String t : List.of("1e-308", "1e-310", "4.9e-324")) {
            HttpResponse<String> response = get("/api/step1/samples?temperature=" + t);
            assertEquals(400, response.statusCode(), t + ": " + response.body());
            assertTrue(response.body().contains("temperature must be between 0.01 and 5.0, got " + t), response.body());
        }
    }

    private static final List<String> PARAMETER_NAMES = List.of("text", "steps", "token", "name", "step", "seed", "count", "trained",
            "param", "epsilon", "at", "temperature", "expr", "a", "b", "c", "position", "x", "id");

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Up to 40 characters from all over Unicode, surrogates and controls included. */
    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(4);
            text.append(kind == 0 ? (char) random.nextInt(128) : kind == 1 ? (char) ('a' + random.nextInt(26))
                    : kind == 2 ? (char) random.nextInt(0x3000) : (char) (0xD800 + random.nextInt(0x800)));
        }
        return text.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
