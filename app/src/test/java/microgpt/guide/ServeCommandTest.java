package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import microgpt.cli.Main;
import microgpt.data.Documents;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Starting the server: fast, with no engine work, and one clear line when it cannot listen. */
class ServeCommandTest {

    @Test
    void theServerListensAtOnceAndTrainsNothingUntilAPageNeedsIt() throws Exception {
        GuideNumbers fresh = new GuideNumbers(Documents.load(TestGuide.dataFile()));
        long start = System.nanoTime();
        Guide guide = new Guide(SiteMap.guide(), fresh, SourceRegions.engine(), Templates.guide());
        try (GuideServer server = GuideServer.start(guide, "127.0.0.1", 0, System.err)) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 2000, "listening after " + millis + " ms");
            assertFalse(fresh.anyRunComputed(), "no run at start-up");
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/step/0/2/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertFalse(fresh.anyRunComputed(), "0.2 needs only the data set");
        }
    }

    /** A fresh JVM, as a user starts it: the first line says where the guide is, within 2 s. */
    @Test
    void microgptServeListensWithinTwoSecondsOfStarting() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process serve = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "microgpt.cli.Main",
                "serve", "--port", "0", "--data", TestGuide.dataFile().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            long start = System.nanoTime();
            String line = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8)).readLine();
            long millis = (System.nanoTime() - start) / 1_000_000;
            Matcher url = Pattern.compile("MicroGPT Visualized: (http://127\\.0\\.0\\.1:\\d+/) .*").matcher(String.valueOf(line));
            assertTrue(url.matches(), line);
            System.out.println("microgpt serve: listening " + millis + " ms after the JVM was started");
            assertTrue(millis < 2000, "listening after " + millis + " ms");
            HttpResponse<String> home = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url.group(1) + "glossary/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, home.statusCode());
        } finally {
            serve.destroy();
            serve.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPortInUseIsOneLineAndExitCodeTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertServeFails(2, "--port", Integer.toString(taken.getLocalPort()));
        }
    }

    @Test
    void aBadHostIsOneLineAndExitCodeTwo() {
        String err = assertServeFails(2, "--host", "no-such-host.invalid", "--port", "0");
        assertTrue(err.contains("unknown host"), err);
        assertServeFails(2, "--port", "70000");
    }

    private static String assertServeFails(int expectedCode, String... options) {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        String[] args = new String[options.length + 3];
        args[0] = "serve";
        args[1] = "--data";
        args[2] = TestGuide.dataFile().toString();
        System.arraycopy(options, 0, args, 3, options.length);
        assertEquals(expectedCode, cli.execute(args));
        String text = err.toString();
        assertTrue(text.startsWith("microgpt: "), text);
        assertEquals(1, text.strip().lines().filter(line -> !line.startsWith("Try '")).count(), text);
        return text;
    }
}
