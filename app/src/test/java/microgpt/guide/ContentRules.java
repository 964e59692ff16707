package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What guide.md asks of the pages that the writer, not the renderer, provides: each step index
 * lists its sections and ends with its big idea; Home links every step. Checked on the rendered
 * HTML of any guide (the fixture and the real one).
 */
final class ContentRules {

    private static final Pattern H2 = Pattern.compile("<h2[^>]*>(.*?)</h2>");

    private ContentRules() {}

    static void check(Guide guide) {
        SiteMap site = guide.site();
        for (Page index : site.stepIndexes()) {
            String html = content(guide.renderer().render(index, Links.Style.SERVER));
            int at = 0;
            for (Page section : site.sectionsOf(index.step())) {
                String href = "href=\"" + Links.forPage(index.url(), Links.Style.SERVER).page(section.url()) + "\"";
                int found = html.indexOf(href, at);
                assertTrue(found >= 0, index.source() + " must list section " + section.number() + " (in order)");
                at = found;
            }
            int defines = site.definedIn(index.step()).size();
            int listed = html.indexOf("<dl class=\"defines\" id=\"" + Directives.DEFINED_ID + "\">");
            assertTrue(listed >= 0, index.source() + " must list what its step defines ({{defined:" + index.step() + "}}): every box links there");
            assertEquals(defines, html.substring(listed, html.indexOf("</dl>", listed)).split("<dt>").length - 1,
                    index.source() + ": every define of the step");
            String lastHeading = null;
            for (Matcher h2 = H2.matcher(html); h2.find(); ) lastHeading = h2.group(1);
            assertEquals("The big idea", lastHeading, index.source() + " must end with its big idea");
        }
        String home = content(guide.renderer().render(site.home(), Links.Style.SERVER));
        for (Page index : site.stepIndexes()) {
            assertTrue(home.contains("href=\"step/" + index.step() + "/\""), "home.md must link to Step " + index.step());
        }
    }

    /** The page's own prose, without the furniture around it. */
    static String content(String html) {
        int start = html.indexOf("<div class=\"content\">");
        int end = html.indexOf("</main>");
        return html.substring(start, end);
    }
}
