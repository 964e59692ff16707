package microgpt.guide;

import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Turns the guide's Markdown into HTML, in the order AUTHORING.md promises: directives first,
 * then maths set aside, then Markdown, then the set-aside HTML put back.
 */
final class Prose {

    private final Markdown markdown;
    private final Directives directives;
    private final Templates templates;
    private final Predicate<String> isPage;

    Prose(Markdown markdown, Directives directives, Templates templates, Predicate<String> isPage) {
        this.markdown = markdown;
        this.directives = directives;
        this.templates = templates;
        this.isPage = isPage;
    }

    /** A whole page body (or any run of blocks). */
    String block(String text, Links links, GlossaryIndex glossary) {
        HtmlIslands islands = new HtmlIslands();
        return islands.restore(markdown.toHtml(prepare(text, links, glossary, islands), sitePaths(links)));
    }

    /** One line, as inline HTML (a "defines" entry, a widget's instruction). */
    String inline(String text, Links links, GlossaryIndex glossary) {
        HtmlIslands islands = new HtmlIslands();
        return islands.restore(markdown.inlineToHtml(prepare(text, links, glossary, islands), sitePaths(links)));
    }

    /**
     * Pages link to each other by site path ("/step/0/1/", "/glossary/#bigram"); on the page
     * those become relative links, so the guide works under any prefix and from the disk. A
     * site path that names no page is an error.
     */
    private UnaryOperator<String> sitePaths(Links links) {
        return destination -> {
            if (!destination.startsWith("/") || destination.startsWith("//")) return destination;   // external or relative
            int hash = destination.indexOf('#');
            String path = hash < 0 ? destination : destination.substring(0, hash);
            String fragment = hash < 0 ? null : destination.substring(hash + 1);
            String lastSegment = path.substring(path.lastIndexOf('/') + 1);
            if (lastSegment.contains(".")) return links.file(path.substring(1)) + (fragment == null ? "" : "#" + fragment);
            String page = path.endsWith("/") ? path : path + "/";
            if (!isPage.test(page)) throw new IllegalArgumentException("link to " + destination + ", which is not a page of the guide");
            return links.page(page, fragment);
        };
    }

    private String prepare(String text, Links links, GlossaryIndex glossary, HtmlIslands islands) {
        Directives.PageContext page = new Directives.PageContext(links, glossary, islands,
                line -> inline(line, links, glossary));
        String expanded = directives.expand(text, page, markdown.codeRanges(text));
        return MathSpans.protect(expanded, markdown, islands, templates);
    }
}
