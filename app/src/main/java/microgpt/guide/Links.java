package microgpt.guide;

/**
 * How one page links to the rest of the site: always relatively, so the same HTML works from
 * the server, from a static export under any path prefix, and from {@code file://}.
 *
 * @param root        the way back up to the site root from this page ("", "../../", …)
 * @param directIndex whether links name {@code index.html} (a static export, which must also
 *                    work from the file system, where a folder is not a page)
 */
public record Links(String root, boolean directIndex) {

    /** How links are written: folder URLs for the server, explicit index.html for files. */
    public enum Style { SERVER, FILES }

    /** The links of the page at {@code urlPath} (a site path such as "/step/0/1/"). */
    public static Links forPage(String urlPath, Style style) {
        if (!urlPath.startsWith("/") || !urlPath.endsWith("/")) {
            throw new IllegalArgumentException("a page path starts and ends with '/': " + urlPath);
        }
        long depth = urlPath.chars().filter(c -> c == '/').count() - 1;
        return new Links("../".repeat((int) depth), style == Style.FILES);
    }

    /** Links from a page whose position is unknown (the server's 404 page): absolute paths. */
    public static Links absolute() {
        return new Links("/", false);
    }

    /** A link to a page, given its site path ("/glossary/") and an optional "#fragment". */
    public String page(String urlPath, String fragment) {
        String target = urlPath.substring(1) + (directIndex ? "index.html" : "");
        String href = root + target;
        if (href.isEmpty()) href = "./";
        return fragment == null || fragment.isEmpty() ? href : href + "#" + fragment;
    }

    public String page(String urlPath) {
        return page(urlPath, null);
    }

    /** A link to a file of the site ("assets/css/guide.css"). */
    public String file(String path) {
        return root + path;
    }
}
