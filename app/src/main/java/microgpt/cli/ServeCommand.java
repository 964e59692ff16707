package microgpt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import microgpt.guide.Guide;
import microgpt.guide.GuideServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code microgpt serve}: the visual guide on a local web server. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the visual guide at http://HOST:PORT/.",
                "Pages are ready at once; each step's training run is computed the first time a page needs it."})
final class ServeCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin DataOption data;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE}, this machine only)")
    String host;

    @Option(names = "--allow-host", paramLabel = "NAME",
            description = "also answer requests for this host name (repeatable); by default only the --host address and localhost are answered")
    java.util.List<String> allowHosts = new java.util.ArrayList<>();

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "port to listen on, 0–65,535; 0 for any free port (default: ${DEFAULT-VALUE})")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        TrainCommand.requireRange("--port", port, 0, 65_535);
        if (host.isBlank()) {   // it listened everywhere and printed http://:8080/
            throw new IllegalArgumentException("--host is empty: give an address to listen on, such as 127.0.0.1 "
                    + "(this machine only) or 0.0.0.0 (every interface)");
        }
        Path dataFile = data.locate();
        // Reading the pages and starting the web server each take a moment: do both at once.
        CompletableFuture<Guide> guide = CompletableFuture.supplyAsync(() -> Guide.load(dataFile));
        GuideServer server;
        try {
            server = GuideServer.start(guide, host, port, java.util.Set.copyOf(allowHosts), System.err);
        } catch (GuideServer.StartException e) {
            spec.commandLine().getErr().println("microgpt: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        try {
            if (!guide.join().hasBrowserEngine()) {   // the widgets ask this server; these two train in the browser
                spec.commandLine().getErr().println("microgpt: warning: the Playground and \"run it yourself\" train in "
                        + "the reader's browser, and " + Guide.NO_BROWSER_ENGINE);
            }
        } catch (CompletionException e) {
            server.close();
            spec.commandLine().getErr().println("microgpt: the guide cannot be served: " + e.getCause().getMessage());
            return Main.BAD_INPUT;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "microgpt-serve-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("MicroGPT Visualized: http://" + displayHost() + ":" + server.port() + "/  (Ctrl+C to stop)");
        out.flush();
        stopped.await();
        return 0;
    }

    private String displayHost() {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
