package microgpt.guide;

import microgpt.queries.Lazy;
import java.util.List;
import java.util.Optional;
import microgpt.steps.Steps;

/**
 * A page of the guide as a complete HTML document: the prose rendered from Markdown inside the
 * furniture every page shares (header, breadcrumb, previous/next, "Previously defined", footer).
 */
public final class PageRenderer {

    public static final String SITE_TITLE = "MicroGPT Visualized";
    public static final String SUBTITLE = "Build a GPT from scratch in six steps, with every number computed by a small Java engine";

    // What the layout template sees.
    record LinkView(String href, String label) {}
    record Pager(LinkView previous, LinkView next) {}
    record Breadcrumb(LinkView step, String section) {}
    record DefineView(String name, String meaning, LinkView section) {}
    /** The box: this step's earlier definitions, and links to every step's full list so far. */
    record Defined(int step, List<DefineView> items, int count, boolean hasItems, List<LinkView> steps) {
        /** The list has no anchor of its own in the box (the template is shared with {{defined:N}}, whose list has one). */
        public String id() { return null; }
    }
    record Assets(String favicon, String css, String katexCss, String katexJs, String highlightCss, String highlightJs,
                  String guideJs, String widgetsJs) {}
    record Letter(String letter, String href) {}
    record Letters(List<Letter> items) {}
    record LayoutView(String documentTitle, String heading, String kind, String root, Assets assets,
                      String homeHref, String historyHref, String glossaryHref, String playgroundHref,
                      Breadcrumb breadcrumb, Pager pager, Defined previouslyDefined, Letters glossaryLetters, String content,
                      String firstAnswers) {
        /** Whether the page holds a widget: widgets.js then asks for what widgets need as soon as it runs. */
        public boolean hasWidgets() {
            return content.contains("data-widget=");
        }

        /** Whether the page has maths to typeset: only then does it load KaTeX. */
        public boolean hasMaths() {
            return content.contains("class=\"math");
        }

        /** Whether the page shows Java code: only then does it load highlight.js. */
        public boolean hasCode() {
            return content.contains("language-java");
        }
    }

    private final SiteMap site;
    private final Prose prose;
    private final Templates templates;
    private final Lazy<GlossaryIndex> glossary;
    private final Markdown markdown;

    PageRenderer(SiteMap site, Prose prose, Templates templates, Markdown markdown) {
        this.site = site;
        this.prose = prose;
        this.templates = templates;
        this.markdown = markdown;
        this.glossary = Lazy.of(() -> new GlossaryIndex(markdown.headings(site.glossary().body())));
    }

    public GlossaryIndex glossary() {
        return glossary.get();
    }

    /** The page as served or exported; every link in it is relative to the page's own URL. */
    public String render(Page page, Links.Style style) {
        return render(page, style, null);
    }

    /**
     * The page with its widgets' first answers in it ({@link FirstAnswers}: the JSON, or null for
     * none), as an exported page carries them.
     */
    public String render(Page page, Links.Style style, String firstAnswers) {
        Links links = Links.forPage(page.url(), style);
        String content = prose.block(page.body(), links, glossary.get());
        boolean section = page.isSection();
        return layout(new LayoutView(
                page.kind() == Page.Kind.HOME ? SITE_TITLE : page.title() + " · " + SITE_TITLE,
                heading(page), page.kind().name().toLowerCase().replace('_', '-'), links.root(), assets(links),
                links.page("/"), links.page("/history/"), links.page(GlossaryIndex.URL), playgroundHref(links),
                breadcrumb(page, links), pager(page, links),
                section ? defined(page, links) : null,
                page.kind() == Page.Kind.GLOSSARY ? letters() : null,
                content, firstAnswers));
    }

    /** The page for a URL the guide does not have. Its links are absolute: the server alone shows it. */
    public String notFound(String path) {
        Links links = Links.absolute();
        String content = prose.block("There is no page at `" + path.replace("`", "'") + "`. "
                + "Start from the [home page](/) or look a word up in the [glossary](/glossary/).", links, glossary.get());
        return layout(new LayoutView("Page not found · " + SITE_TITLE, "Page not found", "not-found", links.root(),
                assets(links), links.page("/"), links.page("/history/"), links.page(GlossaryIndex.URL), playgroundHref(links),
                null, null, null, null, content, null));
    }

    /**
     * The glossary's jump bar: A to Z, each letter a link to its heading ("## A" in glossary.md),
     * or plain text when no term starts with it.
     */
    private Letters letters() {
        java.util.Map<String, String> ids = new java.util.HashMap<>();
        for (Markdown.HeadingInfo h : markdown.headings(site.glossary().body())) {
            if (h.level() == 2 && h.text().matches("[A-Z]")) ids.put(h.text(), h.id());
        }
        List<Letter> items = new java.util.ArrayList<>();
        for (char c = 'A'; c <= 'Z'; c++) {
            String id = ids.get(String.valueOf(c));
            items.add(new Letter(String.valueOf(c), id == null ? null : "#" + id));
        }
        return new Letters(items);
    }

    /** A piece of Markdown rendered as a page body would be (for tests and previews). */
    String prose(String markdown, Links links) {
        return prose.block(markdown, links, glossary.get());
    }

    /** The header and footer link to the Playground when the site has one. */
    private String playgroundHref(Links links) {
        return site.playground().map(p -> links.page(p.url())).orElse(null);
    }

    private String layout(LayoutView view) {
        return templates.render("layout", view) + "\n";
    }

    private static String heading(Page page) {
        return switch (page.kind()) {
            case SECTION -> page.number() + " " + page.title();
            default -> page.title();
        };
    }

    private static Assets assets(Links links) {
        return new Assets(links.file("assets/favicon.svg"), links.file("assets/css/guide.css"),
                links.file(WebJars.KATEX_CSS), links.file(WebJars.KATEX_JS),
                links.file(WebJars.HIGHLIGHT_CSS), links.file(WebJars.HIGHLIGHT_SCRIPT),
                links.file("assets/js/guide.js"), links.file("assets/js/widgets.js"));
    }

    private Breadcrumb breadcrumb(Page page, Links links) {
        if (page.kind() != Page.Kind.SECTION && page.kind() != Page.Kind.STEP_INDEX) return null;
        Page index = site.stepIndex(page.step());
        LinkView step = new LinkView(links.page(index.url()), "Step " + page.step() + ": " + Steps.info(page.step()).title());
        return new Breadcrumb(step, page.isSection() ? page.number() : null);
    }

    private Pager pager(Page page, Links links) {
        Optional<Page> previous = site.previous(page);
        Optional<Page> next = site.next(page);
        if (previous.isEmpty() && next.isEmpty()) return null;
        return new Pager(previous.map(p -> link(p, links)).orElse(null), next.map(p -> link(p, links)).orElse(null));
    }

    private static LinkView link(Page page, Links links) {
        String label = switch (page.kind()) {
            case SECTION -> page.number() + " " + page.title();
            case HOME -> "Home";
            default -> page.title();
        };
        return new LinkView(links.page(page.url()), label);
    }

    /**
     * The "Previously defined" box: what the earlier sections of this step defined, newest last,
     * and a link to each step's complete list so far (on its index, {@code {{defined:N}}}). None
     * on 0.1, which has nothing before it.
     */
    private Defined defined(Page page, Links links) {
        if (page.step() == 0 && page.section() == 1) return null;
        List<DefineView> items = site.definedBefore(page).stream()
                .map(d -> new DefineView(prose.inline(d.name(), links, glossary.get()), prose.inline(d.meaning(), links, glossary.get()),
                        new LinkView(links.page(d.page().url()), d.page().number())))
                .toList();
        List<LinkView> steps = new java.util.ArrayList<>();
        for (int step = 0; step <= page.step(); step++) {
            steps.add(new LinkView(links.page(site.stepIndex(step).url(), Directives.DEFINED_ID), "Step " + step));
        }
        return new Defined(page.step(), items, items.size(), !items.isEmpty(), steps);
    }

}
