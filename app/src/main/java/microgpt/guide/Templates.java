package microgpt.guide;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.StringReader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page frame and the HTML of the directives, as Mustache templates under
 * {@code guide/templates/}. Values are HTML-escaped unless a template asks for {@code {{{raw}}}}.
 */
public final class Templates {

    /** The characters that matter in HTML text and attribute values (JMustache's default also escapes = and `). */
    private static final String[][] HTML_ESCAPES = {
        {"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}, {"'", "&#39;"}};

    private final ClasspathFolder folder;
    private final Mustache.Compiler compiler;
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();

    public Templates(ClasspathFolder folder) {
        this.folder = folder;
        this.compiler = Mustache.compiler()
                .withLoader(name -> new StringReader(source(name)))
                .withEscaper(Escapers.simple(HTML_ESCAPES))
                .nullValue("");   // an absent optional value renders as nothing; a misspelt name still fails
    }

    public static Templates guide() {
        return new Templates(new ClasspathFolder("guide/templates/"));
    }

    /**
     * Renders template {@code name} (file {@code name.mustache}) with the given context, without
     * the white space around it (so a snippet can sit inside a sentence).
     */
    public String render(String name, Object context) {
        return compiled.computeIfAbsent(name, n -> compiler.compile(source(n))).execute(context).strip();
    }

    private String source(String name) {
        return folder.readText(name + ".mustache")
                .orElseThrow(() -> new IllegalArgumentException("no template " + folder.root() + name + ".mustache"));
    }
}
