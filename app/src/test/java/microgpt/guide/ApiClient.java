package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Asks a running guide server's JSON API, for the API tests: every answer must be JSON. */
public final class ApiClient {

    public record Answer(int status, JsonNode json) {}

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GuideServer server;

    public ApiClient(GuideServer server) {
        this.server = server;
    }

    public Answer get(String pathAndQuery) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("application/json", response.headers().firstValue("content-type").orElse("").split(";")[0], pathAndQuery);
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    /** The answer of a request that must succeed. */
    public JsonNode ok(String pathAndQuery) throws Exception {
        Answer answer = get(pathAndQuery);
        assertEquals(200, answer.status(), pathAndQuery + ": " + answer.json());
        return answer.json();
    }
}
