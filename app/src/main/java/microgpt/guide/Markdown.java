package microgpt.guide;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.commonmark.Extension;
import org.commonmark.ext.front.matter.YamlFrontMatterBlock;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.ext.front.matter.YamlFrontMatterVisitor;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * commonmark-java, set up the way the guide's pages are written (AUTHORING.md): GFM tables,
 * heading anchors, YAML front matter.
 */
final class Markdown {

    /** The front matter of a page (each key's values, in order) and the Markdown after it. */
    record Split(Map<String, List<String>> frontMatter, String body) {}

    /** A heading of a document: its level, text and the id its anchor gets. */
    record HeadingInfo(int level, String text, String id) {}

    private static final List<Extension> EXTENSIONS = List.of(
            TablesExtension.create(), HeadingAnchorExtension.create(), YamlFrontMatterExtension.create());

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final Parser spanParser = Parser.builder().extensions(EXTENSIONS)
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
    /** Front matter only needs block positions, and the server reads every page at start-up. */
    private final Parser blockSpanParser = Parser.builder().extensions(List.of(YamlFrontMatterExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS)
            .attributeProviderFactory(context -> new CodeMeaningTables())
            .build();

    /** Separates the YAML front matter from the body that follows it. */
    Split split(String text) {
        Node document = blockSpanParser.parse(text);
        YamlFrontMatterVisitor visitor = new YamlFrontMatterVisitor();
        document.accept(visitor);
        String body = text;
        if (document.getFirstChild() instanceof YamlFrontMatterBlock frontMatter) {
            List<SourceSpan> spans = frontMatter.getSourceSpans();
            SourceSpan closing = spans.get(spans.size() - 1);
            int end = closing.getInputIndex() + closing.getLength();
            body = text.substring(Math.min(text.length(), end)).replaceFirst("^\\r?\\n", "");
        }
        return new Split(visitor.getData(), body);
    }

    /** Renders Markdown; every link and image destination passes through {@code destinations} first. */
    String toHtml(String markdown, UnaryOperator<String> destinations) {
        Node document = parser.parse(markdown);
        document.accept(new AbstractVisitor() {
            @Override public void visit(Link link) {
                link.setDestination(destinations.apply(link.getDestination()));
                visitChildren(link);
            }
            @Override public void visit(Image image) {
                image.setDestination(destinations.apply(image.getDestination()));
                visitChildren(image);
            }
        });
        return renderer.render(document);
    }

    /** One line of Markdown as inline HTML, without the paragraph around it. */
    String inlineToHtml(String markdown, UnaryOperator<String> destinations) {
        String html = toHtml(markdown, destinations).strip();
        if (html.startsWith("<p>") && html.endsWith("</p>")) html = html.substring(3, html.length() - 4);
        return html;
    }

    /**
     * Where the code is, as [start, end) offsets into {@code markdown}: code spans, code blocks
     * and raw HTML. Maths and directives are not looked for there.
     */
    List<int[]> codeRanges(String markdown) {
        List<int[]> ranges = new ArrayList<>();
        spanParser.parse(markdown).accept(new AbstractVisitor() {
            @Override public void visit(Code code) { add(code); }
            @Override public void visit(FencedCodeBlock block) { add(block); }
            @Override public void visit(IndentedCodeBlock block) { add(block); }
            @Override public void visit(HtmlBlock block) { add(block); }
            @Override public void visit(HtmlInline html) { add(html); }

            private void add(Node node) {
                for (SourceSpan span : node.getSourceSpans()) {
                    ranges.add(new int[] {span.getInputIndex(), span.getInputIndex() + span.getLength()});
                }
            }
        });
        return ranges;
    }

    /** The headings of a document with the ids the heading-anchor extension gives them. */
    List<HeadingInfo> headings(String markdown) {
        IdGenerator ids = IdGenerator.builder().build();   // one per document, as the renderer uses
        List<HeadingInfo> headings = new ArrayList<>();
        parser.parse(markdown).accept(new AbstractVisitor() {
            @Override public void visit(Heading heading) {
                String text = plainText(heading);
                headings.add(new HeadingInfo(heading.getLevel(), text, ids.generateId(text.trim().toLowerCase())));
            }
        });
        return headings;
    }

    /** The id the heading-anchor extension gives a heading with this text (the first one in a page). */
    static String slug(String text) {
        return IdGenerator.builder().build().generateId(text.trim().toLowerCase());
    }

    /** The text of a node as the heading-anchor extension reads it: text and code, nothing else. */
    private static String plainText(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override public void visit(Text t) { text.append(t.getLiteral()); }
            @Override public void visit(Code c) { text.append(c.getLiteral()); }
        });
        return text.toString();
    }

    /** Marks "Code → meaning" tables (header | Code | Meaning |) so the stylesheet can lay them out. */
    private static final class CodeMeaningTables implements AttributeProvider {
        @Override
        public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
            if (node instanceof TableBlock table && isCodeMeaning(table)) attributes.put("class", "code-meaning");
        }

        private static boolean isCodeMeaning(TableBlock table) {
            List<String> header = new ArrayList<>();
            Node head = table.getFirstChild();                       // TableHead
            Node row = head == null ? null : head.getFirstChild();  // TableRow
            for (Node cell = row == null ? null : row.getFirstChild(); cell != null; cell = cell.getNext()) {
                if (cell instanceof TableCell) header.add(plainText(cell).trim());
            }
            return header.equals(List.of("Code", "Meaning"));
        }
    }
}
