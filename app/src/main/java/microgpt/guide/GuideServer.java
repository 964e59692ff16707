package microgpt.guide;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.io.PrintStream;
import microgpt.steps.Steps;

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
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.router.ignoreTrailingSlashes = false;   // pages live at folder URLs; relative links depend on it
            config.staticFiles.add(files -> {
                files.hostedPath = "/assets";
                files.directory = "/guide/assets";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();

            for (Page page : guide.site().pages()) {
                config.routes.get(page.url(), ctx -> ctx.html(guide.servedPage(page)));
                if (!page.url().equals("/")) {
                    String bare = page.url().substring(0, page.url().length() - 1);
                    config.routes.get(bare, ctx -> ctx.redirect(page.url(), HttpStatus.MOVED_PERMANENTLY));
                }
            }
            for (int step = 0; step < Steps.COUNT; step++) {
                int s = step;
                config.routes.get("/" + RunData.path(s), ctx -> ctx.contentType("application/json").result(guide.runJson(s)));
            }
            config.routes.get("/" + Guide.WIDGET_MANIFEST,
                    ctx -> ctx.contentType("application/json").result(guide.widgetManifestJson()));

            config.routes.error(404, ctx -> ctx.html(guide.renderer().notFound(ctx.path())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                errors.println("microgpt serve: " + ctx.path() + ": " + e);
                e.printStackTrace(errors);
                ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType("text/plain; charset=utf-8")
                        .result("The guide could not build this page: " + e.getMessage());
            });
        });
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            app.stop();
            throw new StartException(describe(e, host, port), e);
        }
        return new GuideServer(app);
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
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException || t instanceof io.javalin.util.JavalinBindException) {
                return "cannot listen on " + host + ":" + port + ": the port is in use or the address is not on this machine";
            }
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "cannot listen on " + host + ":" + port + ": unknown host '" + host + "'";
            }
        }
        return "cannot listen on " + host + ":" + port + ": " + e.getMessage();
    }
}
