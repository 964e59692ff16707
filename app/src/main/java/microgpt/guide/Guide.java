package microgpt.guide;

import microgpt.queries.Lazy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import microgpt.data.Tokenizer;
import microgpt.queries.WidgetQueries;

/**
 * The whole guide, ready to serve or export: its pages, the engine numbers behind them, and
 * the renderer that puts the two together. One object, shared by the server and the export.
 */
public final class Guide {

    private final SiteMap site;
    private final GuideNumbers numbers;
    private final PageRenderer renderer;
    private final ClasspathFolder assets = new ClasspathFolder("guide/assets/");
    /** The engine compiled for the browser (the web module): its worker, runtime and WebAssembly. */
    private final ClasspathFolder browserEngine = new ClasspathFolder("guide/engine/");
    private final Lazy<WidgetQueries> queries;
    private final SiteFiles siteFiles;
    private final Map<String, Lazy<String>> servedPages = new LinkedHashMap<>();

    public Guide(SiteMap site, GuideNumbers numbers, SourceRegions regions, Templates templates) {
        this.site = site;
        this.numbers = numbers;
        Markdown markdown = new Markdown();
        Directives directives = new Directives(
                new Directives.Sources(regions, numbers::format, text -> tokenId(numbers.tokenizer(), text),
                        step -> Fidelity.of(numbers, step), () -> trainingNames(numbers), site::definedIn), templates);
        this.renderer = new PageRenderer(site, new Prose(markdown, directives, templates, url -> site.byUrl(url).isPresent()), templates, markdown);
        for (Page page : site.pages()) servedPages.put(page.url(), Lazy.of(() -> renderer.render(page, Links.Style.SERVER)));
        this.queries = Lazy.of(() -> new WidgetQueries(numbers));
        this.siteFiles = new SiteFiles(numbers);
    }

    /** The packaged guide over the names in {@code dataFile}. */
    public static Guide load(Path dataFile) {
        return new Guide(SiteMap.guide(), GuideNumbers.forDataFile(dataFile), SourceRegions.engine(), Templates.guide());
    }

    public SiteMap site() { return site; }
    public GuideNumbers numbers() { return numbers; }
    public PageRenderer renderer() { return renderer; }

    /** A page as the server sends it, rendered once and kept (its numbers never change in a process). */
    public String servedPage(Page page) {
        return servedPages.get(page.url()).get();
    }

    /** The widget modules that exist, by name: the loader imports only these (no failing requests). */
    public List<String> widgets() {
        return assets.list().stream()
                .filter(file -> file.startsWith("js/widgets/") && file.endsWith(".js") && file.indexOf('/', "js/widgets/".length()) < 0)
                .map(file -> file.substring("js/widgets/".length(), file.length() - ".js".length()))
                .sorted()
                .toList();
    }

    /**
     * What {@code assets/js/widgets/manifest.json} says: the widget modules that exist, and whether
     * the live JSON API ({@code api/tokenize}, {@code api/step0/...}) answers (served: yes; exported: no).
     */
    public record WidgetManifest(List<String> widgets, boolean api) {}

    public static final String WIDGET_MANIFEST = "assets/js/widgets/manifest.json";

    /** The manifest the server sends (the live API answers). */
    public byte[] widgetManifestJson() {
        return widgetManifestJson(true);
    }

    public byte[] widgetManifestJson(boolean api) {
        return RunData.toJson(new WidgetManifest(widgets(), api));
    }

    /** A step's seeded run as JSON (computes the run on first use). */
    public byte[] runJson(int step) {
        return RunData.of(step, numbers.run(step), numbers.trainingNames(), numbers.trainMillis(step)).toJson();
    }

    public ClasspathFolder assets() {
        return assets;
    }

    /** The engine for the reader's browser: {@code worker.js}, {@code microgpt.wasm} and its runtime (served at /engine/). */
    public ClasspathFolder browserEngine() {
        return browserEngine;
    }

    /** Whether this build carries the engine compiled for the browser (a jar built with web/ skipped does not). */
    public boolean hasBrowserEngine() {
        return browserEngine.list().contains("microgpt.wasm");
    }

    public static final String NO_BROWSER_ENGINE = "this build has no browser engine (guide/engine/microgpt.wasm is "
            + "not in the jar): rebuild with ./mvnw -B -DskipTests package";

    /** The widget queries over this guide's data and seeded runs (the server's /api/…). */
    public WidgetQueries queries() {
        return queries.get();
    }

    /** A file the browser's engine reads (see {@link SiteFiles}), or empty for a path that is not one. */
    public java.util.Optional<byte[]> siteFile(String path) {
        return siteFiles.bytes(path);
    }

    /** {{names:training}}: the names of the training steps, numbered from 1 as the steps are. */
    private static Directives.NamesView trainingNames(GuideNumbers numbers) {
        List<String> names = numbers.trainingNames();
        List<Directives.Name> numbered = java.util.stream.IntStream.range(0, names.size())
                .mapToObj(i -> new Directives.Name(i + 1, names.get(i))).toList();
        return new Directives.NamesView(numbered, GuideNumbers.count(names.size()), GuideNumbers.count(numbers.docs().size()));
    }

    /** The id of a token written as text: one character of the vocabulary, or "BOS". */
    static int tokenId(Tokenizer tokenizer, String text) {
        if (text.equals("BOS")) return tokenizer.bos;
        if (text.codePointCount(0, text.length()) != 1) {
            throw new IllegalArgumentException("a token is one character or BOS, got '" + text + "'");
        }
        return tokenizer.encode(text)[1];
    }
}
