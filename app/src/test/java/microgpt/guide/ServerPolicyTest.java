package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server answers only the person who started it (ServerPolicy): a foreign Host is refused
 * (DNS rebinding), another site's page cannot make the engine compute, every answer carries the
 * security headers and a caching policy, and a wrong method or path under /api is JSON.
 * Raw requests over a socket, since Java's HTTP client will not send a Host of our choosing.
 */
class ServerPolicyTest {

    private static GuideServer server;

    @BeforeAll
    static void start() {
        server = GuideServer.start(java.util.concurrent.CompletableFuture.completedFuture(TestGuide.fixture()),
                "127.0.0.1", 0, Set.of("guide.example"), System.err);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    /** One HTTP/1.1 request with exactly these header lines; the whole raw answer. */
    private static String request(String method, String path, String... headers) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            for (String header : headers) request.append(header).append("\r\n");
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static int status(String answer) {
        return Integer.parseInt(answer.substring(9, 12));
    }

    private static String header(String answer, String name) {
        for (String line : answer.split("\r\n")) {
            if (line.isEmpty()) break;
            if (line.toLowerCase().startsWith(name.toLowerCase() + ":")) return line.substring(name.length() + 1).strip();
        }
        return null;
    }

    private String host() {
        return "Host: 127.0.0.1:" + server.port();
    }

    @Test
    void aForeignHostIsRefusedAndTheNamesItWasStartedForAreAnswered() throws Exception {
        String rebound = request("GET", "/", "Host: evil.example:" + server.port());
        assertEquals(403, status(rebound));
        assertTrue(rebound.contains("this guide answers only to"), rebound);
        assertEquals(403, status(request("GET", "/api/tokenize?text=ava", "Host: evil.example")));
        assertEquals(403, status(request("GET", "/", "Host: 127.0.0.1.evil.example")));
        assertEquals(200, status(request("GET", "/", host())));
        assertEquals(200, status(request("GET", "/", "Host: localhost:" + server.port())));
        assertEquals(200, status(request("GET", "/", "Host: LOCALHOST.")));
        assertEquals(200, status(request("GET", "/", "Host: [::1]:" + server.port())));
        assertEquals(200, status(request("GET", "/", "Host: guide.example"), "--allow-host adds a name"));
    }

    private static int status(String answer, String why) {
        return status(answer);
    }

    @Test
    void anotherSitesPageCannotMakeTheEngineCompute() throws Exception {
        String fromAnotherSite = request("GET", "/api/step0/table?steps=7", host(), "Origin: https://evil.example");
        assertEquals(403, status(fromAnotherSite));
        assertTrue(fromAnotherSite.contains("\"error\":\"the guide's API answers only its own pages\""), fromAnotherSite);
        assertEquals(403, status(request("GET", "/api/step0/table", host(), "Sec-Fetch-Site: cross-site")), "an <img> on another site");
        assertEquals(403, status(request("GET", "/api/step0/table", host(), "Sec-Fetch-Site: same-site")), "another port of localhost");
        assertEquals(403, status(request("GET", "/api/step0/table", host(), "Origin: http://127.0.0.1:1")), "another port");
        assertEquals(200, status(request("GET", "/api/step0/table", host(), "Origin: http://127.0.0.1:" + server.port(),
                "Sec-Fetch-Site: same-origin")), "the guide's own page");
        assertEquals(200, status(request("GET", "/api/step0/table", host())), "curl, a script: no browser headers");
        assertEquals(200, status(request("GET", "/", host(), "Sec-Fetch-Site: cross-site")), "a link from anywhere opens a page");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndACachingPolicy() throws Exception {
        for (String path : new String[] {"/", "/step/0/1/", "/assets/css/guide.css", "/api/tokenize?text=ava", "/no/such/page",
            "/engine/worker.js", "/webjars/katex/" + WebJars.KATEX.version() + "/dist/katex.min.js"}) {
            String answer = request("GET", path, host());
            assertEquals("nosniff", header(answer, "X-Content-Type-Options"), path);
            assertEquals("DENY", header(answer, "X-Frame-Options"), path);
            assertEquals("no-referrer", header(answer, "Referrer-Policy"), path);
            String policy = header(answer, "Content-Security-Policy");
            assertTrue(policy != null && policy.contains("frame-ancestors 'none'") || path.startsWith("/engine/"), path + ": " + policy);
            assertTrue(policy.contains("default-src 'self'"), path);
            assertTrue(header(answer, "Cache-Control") != null, path);
        }
        String webjar = header(request("GET", "/webjars/katex/" + WebJars.KATEX.version() + "/dist/katex.min.js", host()), "Cache-Control");
        assertTrue(Long.parseLong(webjar.replaceAll(".*max-age=(\\d+).*", "$1")) >= 365L * 24 * 3600, "versioned: kept a year, " + webjar);
        assertEquals("no-store", header(request("GET", "/api/tokenize?text=ava", host()), "Cache-Control"));
        assertEquals("no-cache", header(request("GET", "/", host()), "Cache-Control"), "pages: revalidated on each visit");
        assertTrue(header(request("GET", "/engine/worker.js", host()), "Content-Security-Policy").contains("'wasm-unsafe-eval'"),
                "the worker may compile the engine; the pages may not evaluate code");
        assertTrue(!ServerPolicy.PAGE_POLICY.contains("eval"));
    }

    @Test
    void theApiAnswersJsonForAWrongMethodOrAPathItDoesNotHave() throws Exception {
        String post = request("POST", "/api/tokenize?text=ava", host(), "Content-Length: 0");
        assertEquals(405, status(post));
        assertTrue(header(post, "Content-Type").startsWith("application/json"), post);
        assertTrue(post.contains("\"error\":\"POST is not allowed here"), post);
        String missing = request("GET", "/api/no/such/query", host());
        assertEquals(404, status(missing));
        assertTrue(header(missing, "Content-Type").startsWith("application/json"), missing);
        assertTrue(request("GET", "/no/such/page", host()).contains("<html"), "a page that is not there is the guide's 404 page");
    }

    /** Jetty refuses these before any route runs; they answered its HTML error page, without our headers. */
    @Test
    void whatJettyRefusesIsJsonWithTheSameHeaders() throws Exception {
        String longAddress = request("GET", "/api/tokenize?text=" + "a".repeat(9000), host());
        String bigHeaders = request("GET", "/api/tokenize?text=ava", host(), "X-Padding: " + "b".repeat(9000));
        String notHttp = request("GET", "/%", host());
        for (String answer : new String[] {longAddress, bigHeaders, notHttp}) {
            assertTrue(header(answer, "Content-Type").startsWith("application/json"), answer);
            assertEquals("nosniff", header(answer, "X-Content-Type-Options"), answer);
            assertTrue(header(answer, "Content-Security-Policy").contains("frame-ancestors 'none'"), answer);
            assertTrue(!answer.contains("<html"), answer);
        }
        assertEquals(414, status(longAddress));
        assertTrue(longAddress.contains("{\"error\":\"the address is longer than the guide reads (8 KB): ask for less\"}"), longAddress);
        assertEquals(431, status(bigHeaders));
        assertTrue(bigHeaders.contains("larger than the guide reads (8 KB)"), bigHeaders);
        assertEquals(400, status(notHttp));
        assertEquals(200, status(request("GET", "/api/tokenize?text=ava", host())), "and the server answers on");
    }

    @Test
    void headAnswersAsGetDoesWithoutTheBody() throws Exception {
        String head = request("HEAD", "/", host());
        assertEquals(200, status(head));
        assertTrue(header(head, "Content-Type").startsWith("text/html"), head);
    }
}
