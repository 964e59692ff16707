package microgpt.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search order, and the download, against a server on the loopback address. */
class DataSetLocatorTest {

    @TempDir Path dir;
    private HttpServer server;

    private static final byte[] NAMES = "emma\nava\n".getBytes(StandardCharsets.UTF_8);
    private static final String NAMES_SHA256 = DataSetLocator.sha256Hex(NAMES);

    private URI serve(int status, byte[] body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/names.txt", exchange -> {
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/names.txt");
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    private Path cache() {
        return dir.resolve("cache").resolve("microgpt").resolve("names.txt");
    }

    @Test
    void anExplicitFileComesFirst() throws IOException {
        Path file = Files.write(dir.resolve("mine.txt"), NAMES);
        DataSetLocator locator = new DataSetLocator("/elsewhere.txt", cache(), URI.create("http://127.0.0.1:9/"), NAMES_SHA256);
        assertEquals(file, locator.locate(file));
    }

    @Test
    void thenTheEnvironmentVariable() throws IOException {
        Path file = Files.write(dir.resolve("env.txt"), NAMES);
        DataSetLocator locator = new DataSetLocator(file.toString(), cache(), URI.create("http://127.0.0.1:9/"), NAMES_SHA256);
        assertEquals(file, locator.locate(null));
    }

    @Test
    void aMissingExplicitFileIsAnErrorNotAFallThrough() {
        DataSetLocator locator = new DataSetLocator(null, cache(), URI.create("http://127.0.0.1:9/"), NAMES_SHA256);
        DataSetException e = assertThrows(DataSetException.class, () -> locator.locate(dir.resolve("typo.txt")));
        assertTrue(e.getMessage().contains("--data"), e.getMessage());
    }

    @Test
    void thenTheCache() throws IOException {
        Files.createDirectories(cache().getParent());
        Files.write(cache(), NAMES);
        DataSetLocator locator = new DataSetLocator(null, cache(), URI.create("http://127.0.0.1:9/"), NAMES_SHA256);
        assertEquals(cache(), locator.locate(null));
    }

    @Test
    void thenAVerifiedDownloadIntoTheCache() throws IOException {
        DataSetLocator locator = new DataSetLocator(null, cache(), serve(200, NAMES), NAMES_SHA256);
        assertEquals(cache(), locator.locate(null));
        assertArrayEquals(NAMES, Files.readAllBytes(cache()));
        try (var files = Files.list(cache().getParent())) {
            assertEquals(1, files.count(), "no partial file is left beside the cache");
        }
    }

    @Test
    void aDownloadWithTheWrongHashIsRefusedAndNothingIsWritten() throws IOException {
        DataSetLocator locator = new DataSetLocator(null, cache(), serve(200, "tampered\n".getBytes()), NAMES_SHA256);
        DataSetException e = assertThrows(DataSetException.class, () -> locator.locate(null));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        assertTrue(e.getMessage().contains("--data"), "says how to provide the file: " + e.getMessage());
        assertFalse(Files.exists(cache()));
    }

    @Test
    void aFailedDownloadSaysHowToProvideTheFile() throws IOException {
        DataSetLocator locator = new DataSetLocator(null, cache(), serve(404, new byte[0]), NAMES_SHA256);
        DataSetException e = assertThrows(DataSetException.class, () -> locator.locate(null));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains("MICROGPT_DATA"), e.getMessage());
        assertFalse(Files.exists(cache()));
    }

    @Test
    void anUnreachableServerSaysSo() {
        // port 9 (discard) on loopback: nothing listens, the connection is refused at once
        DataSetLocator locator = new DataSetLocator(null, cache(), URI.create("http://127.0.0.1:9/names.txt"), NAMES_SHA256);
        DataSetException e = assertThrows(DataSetException.class, () -> locator.locate(null));
        assertTrue(e.getMessage().contains("download"), e.getMessage());
        assertFalse(Files.exists(cache()));
    }
}
