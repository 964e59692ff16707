package microgpt.guide;

/**
 * Turns the guide's Markdown into HTML, in the order AUTHORING.md promises: directives first,
 * then maths set aside, then Markdown, then the set-aside HTML put back.
 */
final class Prose {

    private final Markdown markdown;
    private final Directives directives;
    private final Templates templates;

    Prose(Markdown markdown, Directives directives, Templates templates) {
        this.markdown = markdown;
        this.directives = directives;
        this.templates = templates;
    }

    /** A whole page body (or any run of blocks). */
    String block(String text, Links links, GlossaryIndex glossary) {
        HtmlIslands islands = new HtmlIslands();
        return islands.restore(markdown.toHtml(prepare(text, links, glossary, islands)));
    }

    /** One line, as inline HTML (a "defines" entry, a widget's instruction). */
    String inline(String text, Links links, GlossaryIndex glossary) {
        HtmlIslands islands = new HtmlIslands();
        return islands.restore(markdown.inlineToHtml(prepare(text, links, glossary, islands)));
    }

    private String prepare(String text, Links links, GlossaryIndex glossary, HtmlIslands islands) {
        Directives.PageContext page = new Directives.PageContext(links, glossary, islands,
                line -> inline(line, links, glossary));
        String expanded = directives.expand(text, page, markdown.codeRanges(text));
        return MathSpans.protect(expanded, markdown, islands, templates);
    }
}
