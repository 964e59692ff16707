package microgpt.guide;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Predicate;
import java.util.Properties;

/**
 * The front-end libraries the pages load, served from their WebJars inside the app (no CDN:
 * the guide works offline). Versions are read from the jars themselves, so a version bump in
 * the pom needs no change here.
 */
public final class WebJars {

    /** Where WebJars keep their files on the class path, and the URL prefix they are served under. */
    public static final String CLASSPATH_ROOT = "META-INF/resources/webjars/";
    public static final String URL_PREFIX = "webjars/";

    private WebJars() {}

    /** A library: the folder its files sit in, under {@code webjars/NAME/VERSION/}. */
    public record Library(String name, String version) {
        /** Site path of one of its files, relative to the site root ("webjars/katex/0.16.47/dist/katex.min.js"). */
        public String file(String path) {
            return URL_PREFIX + name + "/" + version + "/" + path;
        }

        /** One of its folders on the class path, found through a file in it, for the static export. */
        public ClasspathFolder folder(String subFolder, String fileInIt) {
            return new ClasspathFolder(CLASSPATH_ROOT + name + "/" + version + "/" + subFolder, fileInIt);
        }
    }

    public static final Library KATEX = library("org.webjars.npm", "katex");
    public static final Library HIGHLIGHT_JS = library("org.webjars", "highlightjs");

    /** Files the pages load, relative to the site root. */
    public static final String KATEX_CSS = KATEX.file("dist/katex.min.css");
    public static final String KATEX_JS = KATEX.file("dist/katex.min.js");
    public static final String HIGHLIGHT_CSS = HIGHLIGHT_JS.file("styles/a11y-light.min.css");
    public static final String HIGHLIGHT_SCRIPT = HIGHLIGHT_JS.file("highlight.min.js");

    /** What a static export copies: KaTeX's script, stylesheet and the fonts it pulls in; highlight.js and its theme. */
    public static List<ExportedFolder> exported() {
        return List.of(
                new ExportedFolder(KATEX.folder("dist/", "katex.min.js"), KATEX.file("dist/"),
                        file -> file.equals("katex.min.js") || file.equals("katex.min.css") || file.startsWith("fonts/")),
                new ExportedFolder(HIGHLIGHT_JS.folder("", "highlight.min.js"), HIGHLIGHT_JS.file(""),
                        file -> file.equals("highlight.min.js") || file.equals("styles/a11y-light.min.css")));
    }

    /** A folder to copy, where to, and which of its files. */
    public record ExportedFolder(ClasspathFolder from, String to, Predicate<String> include) {}

    private static Library library(String groupId, String artifactId) {
        String properties = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = WebJars.class.getClassLoader().getResourceAsStream(properties)) {
            if (in == null) throw new IllegalStateException("the " + groupId + ":" + artifactId + " WebJar is not on the class path");
            Properties pom = new Properties();
            pom.load(in);
            return new Library(artifactId, pom.getProperty("version"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
