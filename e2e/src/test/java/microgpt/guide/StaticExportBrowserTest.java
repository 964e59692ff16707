package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code microgpt export-site} in a browser: from a plain file server under a prefix, and from the disk. */
class StaticExportBrowserTest {

    @TempDir static Path temp;
    private static Guide guide;
    private static Path site;

    @BeforeAll
    static void export() throws Exception {
        guide = TestGuide.real();
        site = temp.resolve("site");
        new StaticExport(guide).writeTo(site);
    }

    @Test
    void aPlainFileServerUnderAPrefixServesAWorkingGuide() throws Exception {
        try (LoopbackFileServer files = new LoopbackFileServer(site, "/some/prefix/");
             Chromium chromium = Chromium.launch();
             BrowserContext context = chromium.browser.newContext()) {
            SiteCrawler.Result result = new SiteCrawler(context, files.root(), "index.html").crawl();
            SiteCrawler.assertClean(result, guide.site().pages().size());
        }
    }

    @Test
    void exportedWidgetsDrawTheRunsAndCarryTheEngine() throws Exception {
        try (LoopbackFileServer files = new LoopbackFileServer(site, "/some/prefix/");
             Chromium chromium = Chromium.launch();
             BrowserContext context = chromium.browser.newContext()) {
            Page page = context.newPage();
            page.navigate(files.root() + "step/0/7/index.html");
            SiteCrawler.waitForScripts(page);
            assertEquals(guide.numbers().run(0).samples(), page.locator("[data-widget=samples] .samples-list li").allTextContents());
            assertEquals(1, page.locator(".samples-reroll").count(), "re-roll works without a server: the engine runs in the page");
        }
        assertTrue(Files.size(site.resolve("engine/microgpt.wasm")) > 100_000);
        assertTrue(Files.exists(site.resolve("engine/worker.js")));
        assertEquals(String.join("\n", guide.numbers().docs()) + "\n", Files.readString(site.resolve("api/data/names.txt")));
        assertEquals(8L * guide.numbers().model(5).parameterCount(), Files.size(site.resolve("api/models/step5.bin")));
        assertTrue(Files.readString(site.resolve("api/reference/step5.log")).contains("step 1000 / 1000 | loss 2.6497"));
    }

    /** What works from files alone: 0.1's name filter (plain script) and 1.9's replay with its names. */
    @Test
    void thePagesOpenFromTheDisk() throws Exception {
        try (Chromium chromium = Chromium.launch(); BrowserContext context = chromium.browser.newContext()) {
            Page page = context.newPage();
            List<String> errors = new ArrayList<>();
            page.onConsoleMessage(message -> {
                if (message.type().equals("error")) errors.add(message.text());
            });
            page.navigate(site.resolve("step/0/6/index.html").toUri().toString());
            SiteCrawler.waitForScripts(page);
            assertTrue(page.locator(".math .katex").count() > 0, "maths typeset from file://");
            assertEquals(0, page.locator(".math-error").count());
            assertTrue(page.locator("figure.code-block code.hljs").count() > 0, "code highlighted from file://");
            page.locator("nav.pager-top a[rel=next]").click();
            page.waitForURL(site.resolve("step/0/7/index.html").toUri().toString());
            assertEquals(List.of(), errors);
        }
    }

    @Test
    void exportedNamesFilterAndTheReplaySaysWhichNameEachStepLearnedFrom() throws Exception {
        try (LoopbackFileServer files = new LoopbackFileServer(site, "/some/prefix/");
             Chromium chromium = Chromium.launch();
             BrowserContext context = chromium.browser.newContext()) {
            Page page = context.newPage();
            page.navigate(files.root() + "step/0/1/index.html");
            SiteCrawler.waitForScripts(page);
            page.getByLabel("Show the names containing").fill("ann");
            List<String> expected = guide.numbers().trainingNames().stream().filter(n -> n.contains("ann")).toList();
            assertEquals(expected, page.locator(".name-sample-list li:visible").allTextContents());

            page.navigate(files.root() + "step/1/9/index.html");
            SiteCrawler.waitForScripts(page);
            page.waitForSelector(".tr-scrub");
            page.locator(".tr-scrub").focus();
            page.keyboard().press("Home");
            String first = guide.numbers().trainingNames().get(0);
            assertTrue(page.locator(".tr-readout").textContent().startsWith("Step 1 of 1000: the name \"" + first + "\", loss "),
                    page.locator(".tr-readout").textContent());
            page.locator(".tr-play").click();
            page.waitForFunction("() => !document.querySelector('.tr-readout').textContent.startsWith('Step 1 of')");
            page.locator(".tr-play").click();   // pause: the step it stopped at, with its name
            String readout = page.locator(".tr-readout").textContent();
            int step = Integer.parseInt(readout.replaceAll("^Step (\\d+) of.*", "$1"));
            assertTrue(readout.contains("the name \"" + guide.numbers().trainingNames().get(step - 1) + "\""), readout);
        }
    }
}
