package microgpt.guide;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A plain static file server on the loopback address, like any web host an exported guide might
 * be put on: files as they are, {@code index.html} for a folder, 404 otherwise. It serves the
 * folder under a path prefix, to show that the export does not assume it sits at the root. Public
 * for the browser benchmark ({@code microgpt.bench.BrowserBench}).
 */
public final class LoopbackFileServer implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("css", "text/css"), Map.entry("js", "text/javascript"),
            Map.entry("json", "application/json"), Map.entry("woff2", "font/woff2"), Map.entry("woff", "font/woff"),
            Map.entry("ttf", "font/ttf"), Map.entry("png", "image/png"), Map.entry("svg", "image/svg+xml"),
            Map.entry("wasm", "application/wasm"), Map.entry("txt", "text/plain; charset=utf-8"));

    private final HttpServer server;
    private final String prefix;

    public LoopbackFileServer(Path folder, String prefix) throws IOException {
        this.prefix = prefix;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(prefix, exchange -> serve(exchange, folder));
        server.start();
    }

    /** The URL of the site's root folder, e.g. http://127.0.0.1:PORT/some/prefix/. */
    public String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    private void serve(HttpExchange exchange, Path folder) throws IOException {
        try (exchange) {
            String path = URLDecoder.decode(exchange.getRequestURI().getPath(), StandardCharsets.UTF_8).substring(prefix.length());
            Path file = folder.resolve(path).normalize();
            if (Files.isDirectory(file)) file = file.resolve("index.html");
            if (!file.startsWith(folder) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String name = file.getFileName().toString();
            String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
