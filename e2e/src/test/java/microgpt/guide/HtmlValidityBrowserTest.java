package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every page of the guide checked by the Nu HTML Checker, in this JVM: as the server sends it, as
 * {@code export-site} writes it, and as the browser holds it once the maths is typeset and every
 * widget drawn (the document the scripts made, serialized). Not one error, not one warning.
 */
class HtmlValidityBrowserTest extends BrowserTest {

    private static HtmlChecker checker;

    @BeforeAll
    static void readTheCheckersSchemas() {
        checker = new HtmlChecker();
    }

    @Test
    void everyPageIsValidAsServedAndAsExported() throws Exception {
        List<HtmlChecker.Message> messages = new ArrayList<>();
        for (microgpt.guide.Page page : guide.site().pages()) {
            messages.addAll(checker.check("served " + page.url(), get(root + page.url().substring(1))));
            messages.addAll(checker.check("exported " + page.url(), guide.renderer().render(page, Links.Style.FILES)));
        }
        assertEquals("", report(messages));
    }

    @Test
    void everyPageIsValidAfterItsScriptsRan() {
        Page page = newContext(new com.microsoft.playwright.Browser.NewContextOptions()).newPage();
        List<HtmlChecker.Message> messages = new ArrayList<>();
        for (microgpt.guide.Page guidePage : guide.site().pages()) {
            assertEquals(200, page.navigate(root + guidePage.url().substring(1)).status(), guidePage.url());
            SiteCrawler.waitForWidgets(page);
            messages.addAll(checker.check("after scripts " + guidePage.url(), page.content()));
        }
        assertEquals("", report(messages));
    }

    /** The checker can fail a page, for an error and for a warning alike (the guide's old duplicate terms were a warning). */
    @Test
    void theCheckerReportsErrorsAndWarnings() {
        List<HtmlChecker.Message> messages = checker.check("test page", "<!DOCTYPE html><html lang=\"en\"><title>t</title>"
                + "<p><span aria-label=\"a, id 0\">a</span></p><dl><dt>loss</dt><dd>one</dd><dt>loss</dt><dd>two</dd></dl></html>");
        assertEquals(List.of(HtmlChecker.Severity.ERROR, HtmlChecker.Severity.WARNING), messages.stream().map(HtmlChecker.Message::severity).toList(),
                messages.toString());
        assertTrue(messages.get(0).text().contains("“aria-label” attribute must not be specified on any “span” element"), messages.get(0).text());
        assertTrue(messages.get(1).text().startsWith("Duplicate “dt” name “loss”"), messages.get(1).text());
    }

    /** The messages one to a line, counted, so a failure reads as a list of what to fix. */
    private static String report(List<HtmlChecker.Message> messages) {
        if (messages.isEmpty()) return "";
        StringBuilder out = new StringBuilder(messages.size() + " messages from the Nu HTML Checker:\n");
        messages.forEach(message -> out.append(message).append('\n'));
        return out.toString();
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }
}
