package microgpt.guide;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** What the JSON API tests share: the guide (fixture pages, real engine) on a loopback port, and a client for it. */
abstract class ApiTest {

    protected static GuideServer server;
    protected static ApiClient api;

    @BeforeAll
    static void startServer() {
        server = GuideServer.start(TestGuide.fixture(), "127.0.0.1", 0, System.err);
        api = new ApiClient(server);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    /** Any answer, which must be JSON. */
    protected static ApiClient.Answer get(String pathAndQuery) throws Exception {
        return api.get(pathAndQuery);
    }

    /** The JSON of an answer that must be 200. */
    protected static JsonNode ok(String pathAndQuery) throws Exception {
        return api.ok(pathAndQuery);
    }
}
