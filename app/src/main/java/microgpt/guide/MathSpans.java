package microgpt.guide;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps TeX away from Markdown. {@code $…$} and {@code $$…$$} outside code are replaced by
 * islands holding the TeX, escaped, in an element the browser typesets with KaTeX; otherwise
 * Markdown would read {@code *}, {@code _} and {@code \\} in the maths as its own syntax.
 */
final class MathSpans {

    /** Display maths: $$ … $$, possibly over several lines. */
    private static final Pattern DISPLAY = Pattern.compile("\\$\\$(.+?)\\$\\$", Pattern.DOTALL);
    /**
     * Inline maths: $ … $ on one line, not touching spaces on the inside (so "costs $5 or $6"
     * stays text), not escaped, not part of a $$.
     */
    private static final Pattern INLINE = Pattern.compile("(?<![\\\\$])\\$(?=[^\\s$])([^$\\n]*?[^\\s\\\\$])\\$(?![$\\d])");

    private MathSpans() {}

    static String protect(String markdown, Markdown parser, HtmlIslands islands, Templates templates) {
        String withDisplay = replaceOutsideCode(markdown, DISPLAY, parser,
                tex -> islands.inline(templates.render("math", new MathView(tex.strip(), true))));
        return replaceOutsideCode(withDisplay, INLINE, parser,
                tex -> islands.inline(templates.render("math", new MathView(tex, false))));
    }

    record MathView(String tex, boolean display) {}

    private static String replaceOutsideCode(String markdown, Pattern pattern, Markdown parser,
                                             java.util.function.Function<String, String> island) {
        List<int[]> code = parser.codeRanges(markdown);
        Matcher match = pattern.matcher(markdown);
        StringBuilder out = new StringBuilder();
        while (match.find()) {
            if (Directives.overlaps(code, match.start(), match.end())) continue;
            match.appendReplacement(out, Matcher.quoteReplacement(island.apply(match.group(1))));
        }
        match.appendTail(out);
        return out.toString();
    }
}
