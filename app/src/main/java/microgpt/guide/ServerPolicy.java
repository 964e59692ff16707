package microgpt.guide;

import io.javalin.http.Context;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import microgpt.queries.Answer;

/**
 * The guide's server is for the person who started it. Every request passes through here first:
 *
 * <ul>
 *   <li><b>Host</b>: only the names this server was started for are answered (the address it
 *       listens on, localhost, and any name given with {@code serve --allow-host}), so a web page
 *       whose domain is made to resolve to 127.0.0.1 (DNS rebinding) gets a 403, not the guide.</li>
 *   <li><b>Origin</b>: the API ({@code /api/…}, computed by the engine on request) answers only this
 *       site's own pages, and programs that are not browsers: a request another site's page makes
 *       ({@code Origin} of another site, or {@code Sec-Fetch-Site: cross-site/same-site}) gets a 403.</li>
 *   <li><b>Headers</b> on every answer: a content security policy that allows just what the pages
 *       use, {@code nosniff}, no framing, no referrer; and caching: the versioned WebJars for a year (Javalin's own policy),
 *       the API never, everything else revalidated on each visit.</li>
 * </ul>
 */
final class ServerPolicy {

    /**
     * What the pages use: their own scripts, styles (with the inline style attributes KaTeX and the
     * charts write), fonts, images drawn in the page (PNG downloads), the engine's worker.
     */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /**
     * The engine's worker also compiles WebAssembly, and TeaVM's runtime builds small functions
     * from text ({@code new Function}); a worker takes its policy from its own script's answer.
     */
    static final String WORKER_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'";

    private final Set<String> allowedHosts;

    /** A server listening on {@code host}, also answering the names in {@code alsoAllowed}. */
    ServerPolicy(String host, Set<String> alsoAllowed) {
        Set<String> names = new LinkedHashSet<>();
        names.add(normal(host));
        names.add("localhost");
        names.add("127.0.0.1");
        names.add("::1");
        for (String name : alsoAllowed) names.add(normal(name));
        this.allowedHosts = Set.copyOf(names);
    }

    /** Checks the request and sets the answer's headers; throws a refusal the server answers as it is. */
    void check(Context ctx) {
        secure(ctx);
        String host = hostName(ctx.header("Host"));
        if (host == null || !allowedHosts.contains(host)) {
            throw new Refused(403, "this guide answers only to " + String.join(", ", allowedHosts.stream().sorted().toList())
                    + " (start it with --allow-host NAME to add a name)");
        }
        if (ctx.path().startsWith("/api/") && !fromThisSite(ctx, host)) {
            throw new Refused(403, "the guide's API answers only its own pages");
        }
    }

    /** A request refused before any route: its status and its message. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        void answer(Context ctx) {
            ctx.status(status).contentType("application/json").result(Answer.error(status, getMessage()).json());
        }
    }

    private static void secure(Context ctx) {
        String path = ctx.path();
        securityHeaders(path, ctx::header);
        if (path.startsWith("/webjars/")) return;   // versioned paths: Javalin's WebJars handler caches them for a year
        if (path.startsWith("/api/") && !path.startsWith("/api/runs/")) ctx.header("Cache-Control", "no-store");
        else ctx.header("Cache-Control", "no-cache");   // pages and assets: revalidated, so a new version shows at once
    }

    /** The headers every answer carries, whoever writes it (a route, or Jetty refusing a request). */
    static void securityHeaders(String path, java.util.function.BiConsumer<String, String> header) {
        header.accept("X-Content-Type-Options", "nosniff");
        header.accept("X-Frame-Options", "DENY");
        header.accept("Referrer-Policy", "no-referrer");
        header.accept("Cross-Origin-Resource-Policy", "same-origin");
        header.accept("Content-Security-Policy", path.startsWith("/engine/") ? WORKER_POLICY : PAGE_POLICY);
    }

    /**
     * Answers what Jetty refuses before any route sees it (an address over 8 KB: 414, headers over
     * 8 KB: 431, a request that is not HTTP: 400) in JSON, with the same headers as every other
     * answer, instead of Jetty's HTML error page.
     */
    static final class RefusedByJetty extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        protected void generateResponse(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                        int status, String message, Throwable cause, org.eclipse.jetty.util.Callback callback) {
            securityHeaders("", (name, value) -> response.getHeaders().put(name, value));
            response.getHeaders().put("Cache-Control", "no-store");
            response.getHeaders().put("Content-Type", "application/json");
            String json = Answer.error(status, describe(status, message)).json();
            response.write(true, java.nio.ByteBuffer.wrap(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), callback);
        }

        private static String describe(int status, String message) {
            return switch (status) {
                case 414 -> "the address is longer than the guide reads (8 KB): ask for less";
                case 431 -> "the request's headers are larger than the guide reads (8 KB)";
                default -> "the guide could not read this request: " + (message == null ? "HTTP " + status : message);
            };
        }
    }

    /** Same origin, or not a browser (no Origin, no Sec-Fetch-Site): then it is the reader's own page or tool. */
    private boolean fromThisSite(Context ctx, String host) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) return false;
        String origin = ctx.header("Origin");
        if (origin == null || origin.isEmpty()) return true;
        try {
            URI uri = URI.create(origin);
            String originHost = uri.getHost() == null ? null : normal(uri.getHost());
            int port = uri.getPort() == -1 ? ("https".equals(uri.getScheme()) ? 443 : 80) : uri.getPort();
            return originHost != null && allowedHosts.contains(originHost) && port == ctx.port();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The name of a Host header, without the port and the brackets of an IPv6 address, in lower case. */
    static String hostName(String header) {
        if (header == null || header.isBlank()) return null;
        String h = header.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : normal(h.substring(1, end));
        }
        int colon = h.lastIndexOf(':');
        return normal(colon >= 0 && h.indexOf(':') == colon ? h.substring(0, colon) : h);
    }

    private static String normal(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("[") && n.endsWith("]")) n = n.substring(1, n.length() - 1);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
