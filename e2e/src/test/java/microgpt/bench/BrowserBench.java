package microgpt.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Route;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import microgpt.guide.Chromium;
import microgpt.guide.DrawnWidgets;
import microgpt.guide.LoopbackFileServer;
import microgpt.web.BrowserEngine;

/**
 * The engine in the browser, measured on this machine: not a test (nothing here passes or
 * fails, and {@code ./mvnw verify} never runs it), but the figures of the README's "In the
 * browser" table. {@code tools/bench-browser.sh} builds the static export and runs it:
 *
 * <ol>
 *   <li><b>Payload</b>: every file of the compiled engine and every data file the worker may fetch,
 *       raw and gzipped, as a web host would send them.</li>
 *   <li><b>Training</b>: Step 5 for 1000 steps with the fused and the tape engine, by the
 *       WebAssembly build and the JavaScript build in Chromium (one page each), and by the JVM in
 *       this process, through the same method ({@link BrowserEngine#bench}), interleaved round by
 *       round so that the machine's load weighs on all of them alike: the first run (cold), and the
 *       median and the fastest of three after four rounds of warm-up.</li>
 *   <li><b>Widgets</b>: every page of the export that has widgets, loaded cold (a fresh browser
 *       context: no cache, no compiled WebAssembly), and for each widget the time from the start of
 *       the navigation to the moment it first shows its answer.</li>
 * </ol>
 */
public final class BrowserBench {

    private static final int STEP = 5;
    private static final int STEPS = 1000;
    private static final int RUNS = 3;
    /** Rounds before the timed ones: on two busy cores the JIT took four runs of fused Step 5 to settle. */
    private static final int WARM_UP_ROUNDS = 4;
    private static final List<String> ENGINES = List.of("fused", "tape");
    private static final ObjectMapper JSON = new ObjectMapper();

    private BrowserBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--compare")) {
            compare(Path.of(args[1]).toAbsolutePath(), Path.of(args[2]).toAbsolutePath());
            return;
        }
        if (args.length != 1 || !Files.isDirectory(Path.of(args[0]))) {
            System.err.println("usage: BrowserBench SITE   (SITE: a folder written by ./microgpt export-site from a -Pjs build)");
            System.err.println("       BrowserBench --compare BEFORE AFTER   (each widget's first answer on two exports, side by side)");
            System.exit(2);
        }
        Path site = Path.of(args[0]).toAbsolutePath();
        String loadBefore = loadAverage();
        try (LoopbackFileServer files = new LoopbackFileServer(site, "/");
             Chromium chromium = Chromium.launch()) {
            System.out.printf(Locale.ROOT, "Browser benchmark, %s, %d cores, Chromium %s, Java %s, load average %s%n%n",
                    Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                    chromium.browser.version(), System.getProperty("java.version"), loadBefore);
            printPayload(site);
            printTraining(site, files, chromium);
            printWidgets(site, files, chromium);
        }
        System.out.printf("%nload average before: %s, after: %s%n", loadBefore, loadAverage());
    }

    /** The 1-, 5- and 15-minute load averages, as uptime prints them. */
    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    // ---- payload ----------------------------------------------------------------------------

    /** The engine's files (the export's engine/ folder) and the data files the worker fetches. */
    private static void printPayload(Path site) throws IOException {
        System.out.println("## Payload (raw / gzip, java.util.zip's default level 6, as a web host compresses)");
        long[] wasmBuild = new long[2];
        for (String name : List.of("engine/microgpt.wasm", "engine/microgpt.wasm-runtime.js", "engine/worker.js")) {
            add(wasmBuild, printSize(site, name));
        }
        System.out.printf(Locale.ROOT, "  %-34s %10s %10s%n", "engine, as shipped (the three above)", kb(wasmBuild[0]), kb(wasmBuild[1]));
        if (Files.exists(site.resolve("engine/microgpt.js"))) {
            printSize(site, "engine/microgpt.js");
            System.out.println("  (microgpt.js: TeaVM's JavaScript build, only in a -Pjs build, for the comparison below)");
        }
        long[] data = new long[2];
        for (String name : dataFiles(site)) add(data, printSize(site, name));
        System.out.printf(Locale.ROOT, "  %-34s %10s %10s%n%n", "data files, all of them", kb(data[0]), kb(data[1]));
    }

    private static List<String> dataFiles(Path site) throws IOException {
        List<String> names = new ArrayList<>();
        for (String folder : List.of("api/data", "api/models", "api/reference")) {
            try (Stream<Path> files = Files.list(site.resolve(folder))) {
                files.map(file -> site.relativize(file).toString()).sorted().forEach(names::add);
            }
        }
        return names;
    }

    /** Prints one file's raw and gzipped size; returns both. */
    private static long[] printSize(Path site, String name) throws IOException {
        byte[] raw = Files.readAllBytes(site.resolve(name));
        long[] sizes = {raw.length, gzipped(raw)};
        System.out.printf(Locale.ROOT, "  %-34s %10s %10s%n", name, kb(sizes[0]), kb(sizes[1]));
        return sizes;
    }

    private static long gzipped(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(raw);
        }
        return out.size();
    }

    private static void add(long[] total, long[] sizes) {
        total[0] += sizes[0];
        total[1] += sizes[1];
    }

    private static String kb(long bytes) {
        return String.format(Locale.ROOT, "%,.1f KB", bytes / 1000.0);
    }

    // ---- training ---------------------------------------------------------------------------

    /** Something that trains Step 5 through {@link BrowserEngine#bench} and answers its JSON. */
    private interface Target {
        String name();

        String bench(int step, String engine, int steps);
    }

    /** This JVM, calling the very method the browser builds export. */
    private static Target jvm(Path site) throws IOException {
        BrowserEngine.loadNames(Files.readString(site.resolve("api/data/names.txt")));
        return new Target() {
            public String name() {
                return "JVM";
            }

            public String bench(int step, String engine, int steps) {
                return BrowserEngine.bench(step, engine, steps);
            }
        };
    }

    /** Loads the WebAssembly build (its runtime, then the module) into the page, and the data set. */
    private static final String LOAD_WASM = """
            async (root) => {
              await new Promise((loaded, failed) => {
                const script = document.createElement('script');
                script.src = root + 'engine/microgpt.wasm-runtime.js';
                script.onload = loaded;
                script.onerror = failed;
                document.head.append(script);
              });
              window.engine = (await TeaVM.wasmGC.load(root + 'engine/microgpt.wasm')).exports;
              window.engine.loadNames(await (await fetch(root + 'api/data/names.txt')).text());
            }""";

    /** Loads the JavaScript build (an ES module exporting the same functions) and the data set. */
    private static final String LOAD_JS = """
            async (root) => {
              window.engine = await import(root + 'engine/microgpt.js');
              window.engine.loadNames(await (await fetch(root + 'api/data/names.txt')).text());
            }""";

    /**
     * One page of the export's origin with one build of the engine loaded. The page is an empty
     * one made up by Playwright at SITE/bench.html, so no widget runs beside the benchmark, while
     * the engine's files still come from the export as a reader's browser would fetch them.
     */
    private static Target browser(String name, BrowserContext context, String root, String load) {
        Page page = context.newPage();
        page.navigate(root + "bench.html");
        page.evaluate(load, root);
        return new Target() {
            public String name() {
                return name;
            }

            public String bench(int step, String engine, int steps) {
                return (String) page.evaluate("([step, engine, steps]) => window.engine.bench(step, engine, steps)",
                        List.of(step, engine, steps));
            }
        };
    }

    /**
     * The runs of one engine on one target, in milliseconds of training: the first (cold: the JIT
     * or the browser's WebAssembly tiers have not compiled the hot loops yet), then the others.
     */
    private record Runs(List<Double> millis, List<Double> lastLosses) {
        Runs() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        double first() {
            return millis.get(0);
        }

        /** The median of the last RUNS runs, once WARM_UP_ROUNDS runs warmed the engine up. */
        double median() {
            return timed().get(RUNS / 2);
        }

        /** The fastest timed run: the least disturbed by other jobs, which only ever add time. */
        double fastest() {
            return timed().get(0);
        }

        private List<Double> timed() {
            return millis.subList(WARM_UP_ROUNDS, millis.size()).stream().sorted().toList();
        }
    }

    private static void printTraining(Path site, LoopbackFileServer files, Chromium chromium) throws IOException {
        System.out.printf(Locale.ROOT, "## Step %d, %d steps (seed 42): ms of training; %d rounds, each running every engine on every"
                + " target in turn; the first (cold), and the median and fastest of the last %d%n", STEP, STEPS, WARM_UP_ROUNDS + RUNS, RUNS);
        try (BrowserContext context = chromium.browser.newContext()) {
            context.route(files.root() + "bench.html", route -> route.fulfill(new Route.FulfillOptions()
                    .setContentType("text/html").setBody("<!doctype html><title>engine benchmark</title>")));
            List<Target> targets = List.of(jvm(site), browser("WASM", context, files.root(), LOAD_WASM),
                    browser("JS", context, files.root(), LOAD_JS));
            Map<String, Runs> runs = new LinkedHashMap<>();
            for (int round = 0; round < WARM_UP_ROUNDS + RUNS; round++) {
                for (String engine : ENGINES) {
                    for (Target target : targets) {
                        JsonNode answer = JSON.readTree(target.bench(STEP, engine, STEPS));
                        Runs these = runs.computeIfAbsent(target.name() + " " + engine, key -> new Runs());
                        these.millis().add(answer.get("trainMillis").asDouble());
                        these.lastLosses().add(answer.get("lastLoss").asDouble());
                    }
                }
            }
            printRuns(runs, targets);
        }
    }

    private static void printRuns(Map<String, Runs> runs, List<Target> targets) {
        System.out.printf(Locale.ROOT, "  %-12s %9s %7s %10s %7s %11s %7s   %-40s %s%n", "engine", "first ms", "× JVM",
                "median ms", "× JVM", "fastest ms", "× JVM", "every run (ms)", "last loss (first run)");
        for (Target target : targets) {
            for (String engine : ENGINES) {
                Runs these = runs.get(target.name() + " " + engine);
                Runs jvm = runs.get("JVM " + engine);
                System.out.printf(Locale.ROOT, "  %-12s %9.1f %6.1f× %10.1f %6.1f× %11.1f %6.1f×   %-40s %s%n",
                        target.name() + " " + engine, these.first(), these.first() / jvm.first(), these.median(),
                        these.median() / jvm.median(), these.fastest(), these.fastest() / jvm.fastest(),
                        these.millis().stream().map(ms -> String.format(Locale.ROOT, "%.0f", ms)).toList(),
                        these.lastLosses().get(0));
            }
        }
        System.out.println();
    }

    // ---- widgets ----------------------------------------------------------------------------

    /** Widgets whose first drawing needs no engine answer: timed like the others, but not engine figures. */
    private static final Map<String, String> NO_ENGINE_ON_LOAD = microgpt.guide.FirstDrawing.WITHOUT_ENGINE;

    /**
     * Put into each page before its own scripts run: notes, for every widget, when the element
     * that shows its answer ({@link DrawnWidgets#SELECTORS}) first appears, in milliseconds since
     * the navigation started ({@code performance.now()}'s origin).
     */
    private static final String FIRST_DRAWN = """
            (() => {
              const selectors = SELECTORS;
              const drawnAt = new Map();
              const check = () => {
                for (const widget of document.querySelectorAll('[data-widget]')) {
                  const selector = selectors[widget.dataset.widget];
                  if (!drawnAt.has(widget) && selector && widget.querySelector(selector)) drawnAt.set(widget, performance.now());
                }
              };
              new MutationObserver(check).observe(document, { childList: true, subtree: true });
              const widgets = () => [...document.querySelectorAll('[data-widget]')];
              window.firstDrawn = {
                all: () => document.readyState === 'complete' && widgets().every((widget) => drawnAt.has(widget)),
                list: () => widgets().map((widget) => [widget.dataset.widget, drawnAt.get(widget) ?? -1]),
              };
            })();""";

    private static void printWidgets(Path site, LoopbackFileServer files, Chromium chromium) throws IOException {
        System.out.println("## Each widget's first answer after a cold page load (ms from navigation start; fresh browser context per page)");
        String script = FIRST_DRAWN.replace("SELECTORS", JSON.writeValueAsString(DrawnWidgets.SELECTORS));
        double slowest = 0;
        String slowestWidget = "";
        int engineWidgets = 0;
        int overOneSecond = 0;
        List<Double> withoutEngine = new ArrayList<>();
        for (String path : pagesWithWidgets(site)) {
            for (List<Object> drawn : firstDrawn(chromium, files.root() + path, script)) {
                String widget = (String) drawn.get(0);
                double ms = ((Number) drawn.get(1)).doubleValue();
                String note = ms < 0 ? "NOT DRAWN within 120 s" : NO_ENGINE_ON_LOAD.getOrDefault(widget, "engine");
                System.out.printf(Locale.ROOT, "  %-22s %-20s %8.0f   %s%n", label(path), widget, ms, note);
                if (NO_ENGINE_ON_LOAD.containsKey(widget)) {
                    withoutEngine.add(ms);
                    continue;
                }
                engineWidgets++;
                if (ms < 0 || ms > 1000) overOneSecond++;
                if (ms > slowest) {
                    slowest = ms;
                    slowestWidget = widget + " on " + label(path);
                }
            }
        }
        System.out.printf(Locale.ROOT, "  engine widgets: %d, over 1 s (or not drawn): %d, slowest: %.0f ms (%s)%n", engineWidgets, overOneSecond,
                slowest, slowestWidget);
        // What the page costs on its own on this machine: the floor under every engine widget's time.
        System.out.printf(Locale.ROOT, "  widgets that need no engine answer: %.0f to %.0f ms%n",
                withoutEngine.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                withoutEngine.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    }

    /**
     * Each widget's first answer on two exports (say, before and after a change), measured side by
     * side: three rounds, each loading every page of BEFORE and then of AFTER, so that whatever
     * else the machine does falls on both alike. Prints the median of the three for each.
     */
    private static void compare(Path before, Path after) throws IOException {
        String script = FIRST_DRAWN.replace("SELECTORS", JSON.writeValueAsString(DrawnWidgets.SELECTORS));
        String loadBefore = loadAverage();
        Map<String, List<List<Double>>> millis = new java.util.TreeMap<>();   // "page widget" -> [before runs, after runs]
        try (LoopbackFileServer beforeFiles = new LoopbackFileServer(before, "/");
             LoopbackFileServer afterFiles = new LoopbackFileServer(after, "/");
             Chromium chromium = Chromium.launch()) {
            System.out.printf(Locale.ROOT, "First answers compared, %s, %d cores, Chromium %s, load average %s%n  before: %s%n  after:  %s%n%n",
                    Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                    chromium.browser.version(), loadBefore, before, after);
            for (int round = 0; round < 3; round++) {
                for (String path : pagesWithWidgets(after)) {
                    List<LoopbackFileServer> both = List.of(beforeFiles, afterFiles);
                    for (int side = 0; side < 2; side++) {
                        for (List<Object> drawn : firstDrawn(chromium, both.get(side).root() + path, script, both.get(side).root())) {
                            String key = String.format(Locale.ROOT, "%-22s %-20s", label(path), drawn.get(0));
                            millis.computeIfAbsent(key, k -> List.of(new ArrayList<>(), new ArrayList<>()))
                                    .get(side).add(((Number) drawn.get(1)).doubleValue());
                        }
                    }
                }
            }
        }
        System.out.println("  page                   widget               before ms  after ms   after/before   (median of 3 cold loads each)");
        millis.forEach((key, runs) -> {
            double was = median(runs.get(0));
            double is = median(runs.get(1));
            System.out.printf(Locale.ROOT, "  %s %9.0f %9.0f %10.2f   %s%n", key, was, is, is / was,
                    key.substring(23).strip().equals(NEXT_QUESTION) ? "the engine in the page, asked once every widget has drawn"
                            : NO_ENGINE_ON_LOAD.getOrDefault(key.substring(23).strip(), "engine"));
        });
        System.out.printf("%nload average before: %s, after: %s%n", loadBefore, loadAverage());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    /** A page's path as the guide names it: /step/1/3/ for step/1/3/index.html. */
    private static String label(String path) {
        return "/" + path.replace("index.html", "");
    }

    /** Every exported page with a widget on it, e.g. step/1/3/index.html. */
    private static List<String> pagesWithWidgets(Path site) throws IOException {
        try (Stream<Path> files = Files.walk(site)) {
            return files.filter(file -> file.getFileName().toString().equals("index.html"))
                    .filter(file -> read(file).contains("data-widget"))
                    .map(file -> site.relativize(file).toString())
                    .sorted()
                    .toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads one page in a fresh context and answers [widget, ms] for each of its widgets, in page order. */
    @SuppressWarnings("unchecked")
    private static List<List<Object>> firstDrawn(Chromium chromium, String url, String script) {
        return firstDrawn(chromium, url, script, null);
    }

    /** A question no page asks on load, so the engine in the page answers it. */
    static final String NEXT_QUESTION = "(next question)";

    /**
     * As above; with {@code root} (the site's), also the moment the engine in the page answers a
     * question of its own once every widget has drawn (a row named {@link #NEXT_QUESTION}): when a
     * reader's first move would get its answer.
     */
    private static List<List<Object>> firstDrawn(Chromium chromium, String url, String script, String root) {
        try (BrowserContext cold = chromium.browser.newContext()) {
            Page page = cold.newPage();
            page.addInitScript(script);
            page.navigate(url);
            try {
                page.waitForFunction("() => window.firstDrawn.all()", null, new Page.WaitForFunctionOptions().setTimeout(120_000));
            } catch (PlaywrightException notAll) {
                // A widget that never drew is reported as -1 below, rather than ending the benchmark.
            }
            List<List<Object>> drawn = new ArrayList<>((List<List<Object>>) page.evaluate("() => window.firstDrawn.list()"));
            if (root != null) {
                Object answered = page.evaluate("async (api) => { const engine = await import(api);"
                        + " await engine.askEngine('unique-chars', { text: 'next question' }); return performance.now(); }",
                        root + "assets/js/widgets/lib/guide-api.js");
                drawn.add(List.of(NEXT_QUESTION, answered));
            }
            return drawn;
        }
    }
}
