package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answers an exported page carries ({@link FirstAnswers}) are the ones its widgets ask for:
 * served, each page's questions before its widgets have mounted are exactly the list in
 * {@code guide/first-questions.json}; exported, every such question is answered by the page and
 * none waits for the engine.
 */
class FirstAnswersBrowserTest extends BrowserTest {

    @TempDir static Path temp;

    @Test
    void eachServedPageAsksOnLoadExactlyItsListedQuestions() throws Exception {
        Map<String, List<String>> asked = new LinkedHashMap<>();
        for (microgpt.guide.Page guidePage : guide.site().pages()) {
            Page page = newContext(new com.microsoft.playwright.Browser.NewContextOptions()).newPage();
            List<String> questions = new ArrayList<>();
            // The engine's worker, started when idle on pages whose widgets will ask it, fetches the
            // data set as it starts: the engine loading, not a widget's question (and its requests
            // look like the page's). Here it is an empty script.
            page.route("**/engine/worker.js", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                    .setContentType("text/javascript").setBody("")));
            page.onRequest(request -> {
                String path = URI.create(request.url()).getRawPath();
                if (path.startsWith("/api/") && !path.startsWith("/api/runs/")) questions.add(question(request.url()));
            });
            assertEquals(200, page.navigate(root + guidePage.url().substring(1)).status(), guidePage.url());
            SiteCrawler.waitForWidgets(page);
            if (!questions.isEmpty()) asked.put(guidePage.url(), questions.stream().sorted().toList());   // widgets ask side by side
        }
        String listed = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(sorted(FirstAnswers.guide().byPage()));
        String found = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(asked);
        assertEquals(found, listed, "the questions the pages ask on load (app/src/main/resources" + FirstAnswers.RESOURCE
                + " should read as expected here)");
        assertTrue(asked.size() >= 18, asked.size() + " pages ask on load");
    }

    @Test
    void exportedPagesDrawTheirWidgetsFromTheAnswersTheyCarry() throws Exception {
        Path site = temp.resolve("site");
        new StaticExport(guide).writeTo(site);
        try (LoopbackFileServer files = new LoopbackFileServer(site, "/prefix/")) {
            for (Map.Entry<String, List<String>> listed : FirstAnswers.guide().byPage().entrySet()) {
                Page page = newContext(new com.microsoft.playwright.Browser.NewContextOptions()).newPage();
                page.navigate(files.root() + listed.getKey().substring(1) + "index.html");
                SiteCrawler.waitForWidgets(page);
                Map<?, ?> answered = (Map<?, ?>) page.evaluate("async (root) => (await import(root + 'assets/js/widgets/lib/guide-api.js')).asked",
                        files.root());
                assertEquals(0, ((Number) answered.get("fromEngine")).intValue(), listed.getKey() + ": questions the engine answered on load");
                assertEquals(listed.getValue().size(), ((Number) answered.get("fromPage")).intValue(), listed.getKey() + ": answers from the page");
            }

            // After its first drawing a widget asks the engine in the page, as before.
            Page page = newContext(new com.microsoft.playwright.Browser.NewContextOptions()).newPage();
            page.navigate(files.root() + "step/0/2/index.html");
            SiteCrawler.waitForWidgets(page);
            page.locator(".token-chips-input").fill("emma");
            String ids = java.util.Arrays.toString(guide.numbers().tokenizer().encode("emma"));
            page.locator(".token-chips-ids").getByText("ids: " + ids).waitFor();
            Map<?, ?> answered = (Map<?, ?>) page.evaluate("async (root) => (await import(root + 'assets/js/widgets/lib/guide-api.js')).asked",
                    files.root());
            assertEquals(1, ((Number) answered.get("fromEngine")).intValue(), "the new name was the engine's question");
        }
    }

    private static Map<String, List<String>> sorted(Map<String, List<String>> byPage) {
        Map<String, List<String>> sorted = new LinkedHashMap<>();
        byPage.forEach((page, questions) -> sorted.put(page, questions.stream().sorted().toList()));
        return sorted;
    }

    /** A request to /api/PATH?… as the list writes it: {@link FirstAnswers#key}. */
    private static String question(String url) {
        URI uri = URI.create(url);
        FirstAnswers.Question question = FirstAnswers.parse(uri.getRawPath().substring("/api/".length())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        return FirstAnswers.key(question.path(), question.parameters());
    }
}
