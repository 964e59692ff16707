package microgpt.guide;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The directives of AUTHORING.md, expanded in a page's Markdown before Markdown itself runs:
 *
 * <ul>
 *   <li>{@code {{code:Class#region}}} — the region's real source, labelled with file and lines;
 *   <li>{@code {{try:WIDGET key=value…|Instruction}}} — a "Try it" block with the widget's mount point;
 *   <li>{@code {{num:KEY}}} — a number from the engine's catalogue;
 *   <li>{@code {{tok:a}}} — a token chip: the character and its id;
 *   <li>{@code {{fidelity:N}}} — step N's run against the CPython reference's log ({@link Fidelity});
 *   <li>{@code {{names:training}}} — the names the training steps learn from, in order, with a filter box;
 *   <li>{@code {{defined:N}}} — everything the sections of step N define (the list the "Previously defined" box links to);
 *   <li>{@code [[term]]}, {@code [[term|text]]} — a link to the glossary entry of term.
 * </ul>
 *
 * Anything that cannot be resolved (a class, region, number, token or glossary entry that does
 * not exist) throws, naming the directive: a page with a bad reference must never render.
 */
final class Directives {

    private static final Pattern DIRECTIVE = Pattern.compile("\\{\\{([a-z]+):([^{}\\n]*)\\}\\}");
    private static final Pattern TERM = Pattern.compile("\\[\\[([^\\[\\]|\\n]+)(?:\\|([^\\[\\]\\n]+))?\\]\\]");
    private static final Pattern CODE_REF = Pattern.compile("([A-Z][A-Za-z0-9]*)#([a-z0-9-]+)");
    private static final Pattern WIDGET_NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern WIDGET_OPTION = Pattern.compile("([a-z][a-z0-9-]*)=([^\\s\"'<>|]+)");

    /** What the directives read: the engine's source, its numbers, its tokenizer. */
    record Sources(SourceRegions regions, Function<String, String> numbers, ToIntFunction<String> tokenIds,
                   IntFunction<Fidelity.View> fidelity, Supplier<NamesView> trainingNames,
                   IntFunction<List<Page.Define>> definedIn) {}

    /** The anchor of a step's {{defined:N}} list, which every page's "Previously defined" box links to. */
    static final String DEFINED_ID = "defined";

    /** What one page's expansion needs: where its links go, and where finished HTML is parked. */
    record PageContext(Links links, GlossaryIndex glossary, HtmlIslands islands, Function<String, String> inlineMarkdown) {}

    // What the templates see.
    record CodeView(String file, int firstLine, int lastLine, String code) {}
    record TryView(String widget, List<Option> options, String instruction) {}
    record Option(String key, String value) {}
    record TokenView(String text, int id) {}
    record TermView(String href, String text) {}
    /** A list of names as the names template shows it: each with its number (its training step), and the counts. */
    record NamesView(List<Name> names, String count, String total) {}
    record Name(int number, String name) {}
    /** A step's definitions, as the "defines" template shows them (the box in the layout uses it too). */
    record DefinesView(String id, List<DefineItem> items) {}
    record DefineItem(String name, String meaning, Where section) {}
    record Where(String href, String label) {}

    private final Sources sources;
    private final Templates templates;

    Directives(Sources sources, Templates templates) {
        this.sources = sources;
        this.templates = templates;
    }

    /**
     * Expands every directive. {@code {{…}}} directives are expanded everywhere, code included (a
     * number in a code span is still a number); glossary links only in prose.
     */
    String expand(String markdown, PageContext page, List<int[]> codeRanges) {
        String withTerms = replace(TERM, markdown, codeRanges, match -> term(match, page));
        return replace(DIRECTIVE, withTerms, null, match -> directive(match, withTerms, page));
    }

    private String directive(Matcher match, String text, PageContext page) {
        String kind = match.group(1);
        String argument = match.group(2).strip();
        return switch (kind) {
            case "num" -> sources.numbers().apply(argument);
            case "tok" -> page.islands().inline(templates.render("token", token(argument)));
            case "code" -> {
                requireAloneOnLine(match, text);
                yield page.islands().block(templates.render("code", code(argument)));
            }
            case "try" -> {
                requireAloneOnLine(match, text);
                yield page.islands().block(templates.render("try", tryIt(argument, page)));
            }
            case "fidelity" -> {
                requireAloneOnLine(match, text);
                yield page.islands().block(templates.render("fidelity", fidelity(argument)));
            }
            case "names" -> {
                requireAloneOnLine(match, text);
                if (!argument.equals("training")) {
                    throw new IllegalArgumentException(match.group() + ": the only list of names is {{names:training}}");
                }
                yield page.islands().block(templates.render("names", sources.trainingNames().get()));
            }
            case "defined" -> {
                requireAloneOnLine(match, text);
                yield page.islands().block(templates.render("defines", defined(argument, page)));
            }
            default -> throw new IllegalArgumentException("unknown directive " + match.group()
                    + " (known: code, try, num, tok, fidelity, names, defined)");
        };
    }

    private CodeView code(String reference) {
        Matcher ref = CODE_REF.matcher(reference);
        if (!ref.matches()) {
            throw new IllegalArgumentException("{{code:" + reference + "}}: expected Class#region, e.g. Step0Counting#bigram");
        }
        try {
            SourceRegions.Region region = sources.regions().region(ref.group(1), ref.group(2));
            return new CodeView(region.file(), region.firstLine(), region.lastLine(), region.code());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("{{code:" + reference + "}}: " + e.getMessage(), e);
        }
    }

    private TryView tryIt(String argument, PageContext page) {
        int bar = argument.indexOf('|');
        if (bar < 0 || argument.substring(bar + 1).isBlank()) {
            throw new IllegalArgumentException("{{try:" + argument + "}}: expected WIDGET key=value…|One-line instruction");
        }
        String[] words = argument.substring(0, bar).trim().split("\\s+");
        if (!WIDGET_NAME.matcher(words[0]).matches()) {
            throw new IllegalArgumentException("{{try:" + argument + "}}: bad widget name '" + words[0] + "'");
        }
        List<Option> options = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            Matcher option = WIDGET_OPTION.matcher(words[i]);
            if (!option.matches() || option.group(1).equals("widget")) {
                throw new IllegalArgumentException("{{try:" + argument + "}}: bad option '" + words[i] + "' (expected key=value)");
            }
            options.add(new Option(option.group(1), option.group(2)));
        }
        String instruction = page.inlineMarkdown().apply(argument.substring(bar + 1).strip());
        return new TryView(words[0], options, instruction);
    }

    private Fidelity.View fidelity(String step) {
        if (!step.matches("[0-5]")) throw new IllegalArgumentException("{{fidelity:" + step + "}}: expected a step, 0 to 5");
        return sources.fidelity().apply(Integer.parseInt(step));
    }

    private DefinesView defined(String step, PageContext page) {
        if (!step.matches("[0-5]")) throw new IllegalArgumentException("{{defined:" + step + "}}: expected a step, 0 to 5");
        List<DefineItem> items = sources.definedIn().apply(Integer.parseInt(step)).stream()
                .map(d -> new DefineItem(page.inlineMarkdown().apply(d.name()), page.inlineMarkdown().apply(d.meaning()),
                        new Where(page.links().page(d.page().url()), d.page().number())))
                .toList();
        return new DefinesView(DEFINED_ID, items);
    }

    private TokenView token(String text) {
        try {
            return new TokenView(text, sources.tokenIds().applyAsInt(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("{{tok:" + text + "}}: " + e.getMessage(), e);
        }
    }

    private String term(Matcher match, PageContext page) {
        String term = match.group(1).strip();
        String shown = match.group(2) == null ? term : match.group(2).strip();
        String href = page.links().page(GlossaryIndex.URL, page.glossary().idOf(term));
        return page.islands().inline(templates.render("term", new TermView(href, shown)));
    }

    /** Block directives become blocks of their own, so they must not share a line with prose. */
    private static void requireAloneOnLine(Matcher match, String text) {
        int lineStart = text.lastIndexOf('\n', match.start() - 1) + 1;
        int lineEnd = text.indexOf('\n', match.end());
        if (lineEnd < 0) lineEnd = text.length();
        if (!text.substring(lineStart, match.start()).isBlank() || !text.substring(match.end(), lineEnd).isBlank()) {
            throw new IllegalArgumentException(match.group() + " must be alone on its line");
        }
    }

    /** Replaces each match (outside the code ranges, when given) with what {@code replacement} returns. */
    private static String replace(Pattern pattern, String text, List<int[]> codeRanges, Function<Matcher, String> replacement) {
        Matcher match = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (match.find()) {
            if (codeRanges != null && overlaps(codeRanges, match.start(), match.end())) continue;
            match.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(match)));
        }
        match.appendTail(out);
        return out.toString();
    }

    static boolean overlaps(List<int[]> ranges, int start, int end) {
        for (int[] range : ranges) {
            if (start < range[1] && end > range[0]) return true;
        }
        return false;
    }
}
