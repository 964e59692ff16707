package microgpt.guide;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finished HTML that must pass through Markdown untouched: code blocks, "Try it" blocks, token
 * chips, glossary links, maths. Each is swapped for a marker made of private-use characters,
 * which Markdown treats as plain text, and swapped back into the rendered HTML.
 */
final class HtmlIslands {

    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';
    private static final Pattern MARKER = Pattern.compile(OPEN + "(\\d+)" + CLOSE);
    /** A marker alone in its paragraph, as a block directive on its own line ends up. */
    private static final Pattern LONE_MARKER = Pattern.compile("<p>" + OPEN + "(\\d+)" + CLOSE + "</p>");

    private record Island(String html, boolean block) {}

    private final List<Island> islands = new ArrayList<>();

    /** Stores HTML that sits inside running text, and returns the marker to write instead. */
    String inline(String html) {
        return add(new Island(html, false));
    }

    /** Stores HTML that is a block of its own (it replaces the paragraph it ends up in). */
    String block(String html) {
        return add(new Island(html, true));
    }

    private String add(Island island) {
        islands.add(island);
        return OPEN + Integer.toString(islands.size() - 1) + CLOSE;
    }

    /** Puts every stored fragment back in place of its marker. */
    String restore(String renderedHtml) {
        String unwrapped = replace(LONE_MARKER, renderedHtml, island -> island.block ? island.html : "<p>" + island.html + "</p>");
        return replace(MARKER, unwrapped, Island::html);
    }

    private String replace(Pattern pattern, String text, java.util.function.Function<Island, String> replacement) {
        Matcher marker = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (marker.find()) {
            Island island = islands.get(Integer.parseInt(marker.group(1)));
            marker.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(island)));
        }
        marker.appendTail(out);
        return out.toString();
    }
}
