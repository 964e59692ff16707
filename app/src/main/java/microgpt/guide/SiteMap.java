package microgpt.guide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import microgpt.steps.Steps;

/**
 * Every page of the guide and the order a reader walks them in: Home, then each step's index
 * followed by its sections (Home → Step 0 → 0.1 … 0.7 → Step 1 → 1.1 … → 5.4), then back Home.
 * The History, Glossary and Playground pages hang off that chain.
 *
 * <p>Built from the files under {@code pages/}: a file whose name fits no page, a gap in a step's
 * sections, or a front matter that breaks the contract in AUTHORING.md is an error here, before
 * anything is served.
 */
public final class SiteMap {

    private static final Pattern SECTION = Pattern.compile("step(\\d+)/(\\d+)\\.md");
    private static final Pattern STEP_INDEX = Pattern.compile("step(\\d+)/index\\.md");
    public static final String PLAYGROUND_URL = "/playground/";
    private static final String DEFINE_SEPARATOR = " — ";

    private final Map<String, Page> byUrl = new LinkedHashMap<>();
    private final Page home;
    private final Page history;
    private final Page glossary;
    private final Page playground;     // optional: a site without pages/playground.md has none
    private final List<Page> stepIndexes;
    private final List<Page> sections;      // reading order: 0.1 … 5.4
    private final List<Page> chain;         // what previous/next walk: Home, Step 0, 0.1 … 0.7, Step 1, 1.1 … 5.4

    public SiteMap(ClasspathFolder pages) {
        this(pages, new Markdown());
    }

    SiteMap(ClasspathFolder pages, Markdown markdown) {
        Map<Integer, Page> indexes = new TreeMap<>();
        Map<Integer, Map<Integer, Page>> sectionsByStep = new TreeMap<>();
        Page homePage = null, historyPage = null, glossaryPage = null, playgroundPage = null;
        for (String file : pages.list()) {
            if (!file.endsWith(".md")) continue;   // pages/ may hold notes for the writer
            String text = pages.readText(file).orElseThrow();
            Matcher section = SECTION.matcher(file);
            Matcher index = STEP_INDEX.matcher(file);
            if (file.equals("home.md")) {
                homePage = load(markdown, file, text, Page.Kind.HOME, "/", -1, 0);
            } else if (file.equals("history.md")) {
                historyPage = load(markdown, file, text, Page.Kind.HISTORY, "/history/", -1, 0);
            } else if (file.equals("glossary.md")) {
                glossaryPage = load(markdown, file, text, Page.Kind.GLOSSARY, GlossaryIndex.URL, -1, 0);
            } else if (file.equals("playground.md")) {
                playgroundPage = load(markdown, file, text, Page.Kind.PLAYGROUND, PLAYGROUND_URL, -1, 0);
            } else if (index.matches()) {
                int step = stepNumber(file, index.group(1));
                indexes.put(step, load(markdown, file, text, Page.Kind.STEP_INDEX, "/step/" + step + "/", step, 0));
            } else if (section.matches()) {
                int step = stepNumber(file, section.group(1));
                int number = Integer.parseInt(section.group(2));
                sectionsByStep.computeIfAbsent(step, s -> new TreeMap<>())
                        .put(number, load(markdown, file, text, Page.Kind.SECTION, "/step/" + step + "/" + number + "/", step, number));
            } else {
                throw new IllegalStateException("pages/" + file + ": not a page of the guide (see AUTHORING.md, Files and URLs)");
            }
        }
        this.home = require(homePage, "home.md");
        this.history = require(historyPage, "history.md");
        this.glossary = require(glossaryPage, "glossary.md");
        this.playground = playgroundPage;
        this.stepIndexes = new ArrayList<>();
        this.sections = new ArrayList<>();
        for (int step = 0; step < Steps.COUNT; step++) {
            stepIndexes.add(require(indexes.get(step), "step" + step + "/index.md"));
            Map<Integer, Page> stepSections = sectionsByStep.getOrDefault(step, Map.of());
            if (stepSections.isEmpty()) throw new IllegalStateException("pages/step" + step + "/ has no sections (1.md, 2.md, …)");
            int expected = 1;
            for (int number : stepSections.keySet()) {
                if (number != expected) {
                    throw new IllegalStateException("pages/step" + step + "/: section " + expected + ".md is missing before " + number + ".md");
                }
                expected++;
            }
            sections.addAll(stepSections.values());
        }
        List<Page> reading = new ArrayList<>(List.of(home));
        for (int step = 0; step < Steps.COUNT; step++) {
            reading.add(stepIndexes.get(step));
            reading.addAll(sectionsOf(step));
        }
        this.chain = List.copyOf(reading);
        for (Page page : chain) byUrl.put(page.url(), page);
        byUrl.put(history.url(), history);
        byUrl.put(glossary.url(), glossary);
        if (playground != null) byUrl.put(playground.url(), playground);
    }

    /** The guide's own pages, packaged with the app. */
    public static SiteMap guide() {
        return new SiteMap(new ClasspathFolder("guide/pages/"));
    }

    public Page home() { return home; }
    public Page history() { return history; }
    public Page glossary() { return glossary; }
    /** The Playground page (train any step live), if the site has one. */
    public Optional<Page> playground() { return Optional.ofNullable(playground); }
    public Page stepIndex(int step) { return stepIndexes.get(step); }
    public List<Page> stepIndexes() { return List.copyOf(stepIndexes); }

    /** Every page, Home first, each step index followed by its sections, then History, Glossary and the Playground (if any). */
    public List<Page> pages() {
        return List.copyOf(byUrl.values());
    }

    /** The section pages in reading order. */
    public List<Page> sections() {
        return List.copyOf(sections);
    }

    public List<Page> sectionsOf(int step) {
        return sections.stream().filter(page -> page.step() == step).toList();
    }

    public Optional<Page> byUrl(String url) {
        return Optional.ofNullable(byUrl.get(url));
    }

    /** The page after this one in the reading chain (Home → Step 0 → 0.1 → … → 5.4 → Home); none off the chain. */
    public Optional<Page> next(Page page) {
        int i = chain.indexOf(page);
        return i < 0 ? Optional.empty() : Optional.of(chain.get((i + 1) % chain.size()));
    }

    /** The page before this one in the reading chain (Home's is the last section); none off the chain. */
    public Optional<Page> previous(Page page) {
        int i = chain.indexOf(page);
        return i < 0 ? Optional.empty() : Optional.of(chain.get((i - 1 + chain.size()) % chain.size()));
    }

    /** The reading chain itself, Home first. */
    public List<Page> chain() {
        return chain;
    }

    /**
     * What the earlier sections of this page's step defined, oldest first (the "Previously
     * defined" box): a short list, where a whole guide's worth was too long to read at the top of
     * a page. The rest is on each step's index ({@link #definedIn}).
     */
    public List<Page.Define> definedBefore(Page page) {
        if (!page.isSection()) return List.of();
        return sectionsOf(page.step()).stream().filter(p -> p.section() < page.section())
                .flatMap(p -> p.defines().stream()).toList();
    }

    /** Everything the sections of a step define, in reading order (the step index's list). */
    public List<Page.Define> definedIn(int step) {
        Steps.requireValid(step);
        return sectionsOf(step).stream().flatMap(p -> p.defines().stream()).toList();
    }

    // ---- loading ---------------------------------------------------------------------------

    private static Page load(Markdown markdown, String file, String text, Page.Kind kind, String url, int step, int section) {
        Markdown.Split split = markdown.split(text);
        Map<String, List<String>> fm = split.frontMatter();
        String title = single(fm, "title", file).orElseThrow(() -> contract(file, "front matter needs a title"));
        if (kind == Page.Kind.SECTION || kind == Page.Kind.STEP_INDEX) {
            int declared = integer(fm, "step", file);
            if (declared != step) throw contract(file, "front matter says step " + declared + " but the file is in step" + step + "/");
        }
        if (kind == Page.Kind.SECTION) {
            int declared = integer(fm, "section", file);
            if (declared != section) throw contract(file, "front matter says section " + declared + " but the file is " + section + ".md");
        }
        String bigIdea = single(fm, "bigidea", file).orElse(null);
        if (kind == Page.Kind.STEP_INDEX && bigIdea == null) throw contract(file, "a step index needs a bigidea");
        List<String> defineLines = fm.getOrDefault("defines", List.of());
        Page page = new Page(file, url, kind, title, step, section, bigIdea, List.of(), split.body());
        List<Page.Define> defines = new ArrayList<>();
        for (String line : defineLines) {
            int at = line.indexOf(DEFINE_SEPARATOR);
            if (at <= 0) throw contract(file, "a defines entry must read \"name — meaning\": " + line);
            defines.add(new Page.Define(line.substring(0, at).strip(), line.substring(at + DEFINE_SEPARATOR.length()).strip(), page));
        }
        return new Page(file, url, kind, title, step, section, bigIdea, List.copyOf(defines), split.body());
    }

    private static Optional<String> single(Map<String, List<String>> fm, String key, String file) {
        List<String> values = fm.get(key);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) return Optional.empty();
        if (values.size() > 1) throw contract(file, key + " must be a single value");
        return Optional.of(values.get(0).strip());
    }

    private static int integer(Map<String, List<String>> fm, String key, String file) {
        String value = single(fm, key, file).orElseThrow(() -> contract(file, "front matter needs " + key));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw contract(file, key + " must be a number, got " + value);
        }
    }

    private static int stepNumber(String file, String digits) {
        int step = Integer.parseInt(digits);
        if (step >= Steps.COUNT) throw contract(file, "there is no step " + step);
        return step;
    }

    private static Page require(Page page, String file) {
        if (page == null) throw new IllegalStateException("pages/" + file + " is missing");
        return page;
    }

    private static IllegalStateException contract(String file, String problem) {
        return new IllegalStateException("pages/" + file + ": " + problem);
    }
}
