package microgpt.guide;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.http.NotFoundResponse;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The guide on HTTP (Javalin): one route per page, the runs as JSON, the assets and WebJars from
 * the jar, a styled 404 for anything else. Start-up does no engine work: the first request that
 * needs a run computes it, and every later one reuses it.
 */
public final class GuideServer implements AutoCloseable {

    /** The server could not start: the port is taken or the host is not an address of this machine. */
    public static final class StartException extends RuntimeException {
        StartException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Javalin app;

    private GuideServer(Javalin app) {
        this.app = app;
    }

    /** Starts listening on host:port (port 0: any free port) and returns at once. */
    public static GuideServer start(Guide guide, String host, int port, PrintStream errors) {
        return start(CompletableFuture.completedFuture(guide), host, port, Set.of(), errors);
    }

    /**
     * Starts listening while the guide may still be loading (reading and checking every page
     * takes a few hundred milliseconds, as does starting Jetty: the two overlap). Requests wait
     * for the guide; the caller should {@code join()} it to learn whether it loaded.
     */
    public static GuideServer start(CompletableFuture<Guide> loading, String host, int port, Set<String> allowedHosts,
                                    PrintStream errors) {
        Supplier<Guide> guide = loading::join;
        ServerPolicy policy = new ServerPolicy(host, allowedHosts);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.modifyServer(server -> server.setErrorHandler(new ServerPolicy.RefusedByJetty()));
            config.http.prefer405over404 = true;   // a wrong method is a 405 (in JSON under /api), not "no such page"
            config.routes.before(policy::check);
            config.routes.exception(ServerPolicy.Refused.class, (refused, ctx) -> refused.answer(ctx));
            config.startup.showOldJavalinVersionWarning = false;
            config.router.ignoreTrailingSlashes = false;   // pages live at folder URLs; relative links depend on it
            config.staticFiles.add(files -> {
                files.hostedPath = "/assets";
                files.directory = "/guide/assets";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.add(files -> {   // the engine compiled for the browser (the web module)
                files.hostedPath = "/engine";
                files.directory = "/guide/engine";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();

            // The pages: Home, /step/N/, /step/N/M/, /history/, /glossary/, /playground/. A path of that shape
            // that names no page falls through to the 404 page; one without its final slash is
            // redirected, because the pages' relative links are relative to the folder.
            for (String pattern : List.of("/", "/step/{step}/", "/step/{step}/{section}/", "/history/", GlossaryIndex.URL, SiteMap.PLAYGROUND_URL)) {
                config.routes.get(pattern, ctx -> ctx.html(guide.get().servedPage(page(guide.get(), ctx.path()))));
                // HEAD: the same headers (Jetty leaves the body out); Javalin's own HEAD answers an empty text/plain
                config.routes.head(pattern, ctx -> ctx.html(guide.get().servedPage(page(guide.get(), ctx.path()))));
                if (!pattern.equals("/")) {
                    config.routes.get(pattern.substring(0, pattern.length() - 1), ctx -> {
                        String folder = ctx.path() + "/";
                        page(guide.get(), folder);
                        ctx.redirect(folder, HttpStatus.MOVED_PERMANENTLY);
                    });
                }
            }
            ApiRoutes.register(config.routes, guide);
            config.routes.get("/" + Guide.WIDGET_MANIFEST,
                    ctx -> ctx.contentType("application/json").result(guide.get().widgetManifestJson()));

            config.routes.error(405, ctx -> {
                if (ctx.path().startsWith("/api/")) {
                    ctx.contentType("application/json").result(microgpt.queries.Answer.error(405,
                            ctx.method() + " is not allowed here: the guide's API answers GET").json());
                }
            });
            config.routes.error(404, ctx -> {
                if (ctx.path().startsWith("/api/")) {   // the API answers JSON, even when there is nothing there
                    if (!"application/json".equals(ctx.contentType())) {
                        ctx.contentType("application/json").result(microgpt.queries.Answer.error(404,
                                "nothing at " + microgpt.queries.Params.shorten(ctx.path())).json());
                    }
                    return;
                }
                ctx.html(guide.get().renderer().notFound(ctx.path()));
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                errors.println("microgpt serve: " + ctx.path() + ": " + e);
                e.printStackTrace(errors);
                ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType("text/plain; charset=utf-8")
                        .result("The guide could not build this page: " + e.getMessage());
            });
        });
        try {
            java.net.InetAddress.getByName(host);   // a name that does not resolve is a typo: say so plainly
        } catch (java.net.UnknownHostException e) {
            throw new StartException("cannot listen on " + host + ":" + port + ": unknown host", e);
        }
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            app.stop();
            throw new StartException(describe(e, host, port), e);
        }
        return new GuideServer(app);
    }

    private static Page page(Guide guide, String path) {
        return guide.site().byUrl(path).orElseThrow(NotFoundResponse::new);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** One line that says what went wrong, instead of Jetty's stack trace. */
    private static String describe(RuntimeException e, String host, int port) {
        String where = "cannot listen on " + host + ":" + port + ": ";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return where + t.getMessage() + (port == 0 ? "" : " (is another server using the port? is the address on this machine?)");
            }
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return where + "unknown host";
            }
        }
        return where + e.getMessage();
    }
}
