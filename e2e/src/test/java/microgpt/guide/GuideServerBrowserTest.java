package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real server, on a free loopback port, read by headless Chromium. */
class GuideServerBrowserTest extends BrowserTest {

    @Test
    void theFixtureCatchesConsoleErrorsOnEveryPageOfTheContext() {
        Page page = open("");
        page.evaluate("() => console.error('first tab')");
        Page tab = context.waitForPage(() -> page.evaluate("() => window.open(location.href)"));
        tab.evaluate("() => console.error('second tab')");
        assertEquals(List.of("first tab", "second tab"), consoleErrors);
        consoleErrors.clear();   // caught: this test passes only if both were
    }

    @Test
    void aCrawlFromHomeReachesEveryPageWithNothingBroken() {
        try (BrowserContext crawl = chromium.browser.newContext()) {
            SiteCrawler.Result result = new SiteCrawler(crawl, root, "").crawl();
            SiteCrawler.assertClean(result, guide.site().pages().size());
        }
    }

    @Test
    void followingNextFromHomeVisitsEveryStepIndexAndSectionInOrderAndReturnsHome() {
        Page page = open("");
        List<String> visited = new ArrayList<>();
        for (int i = 0; i < 42 + 6 + 1; i++) {
            page.locator("nav.pager-top a[rel=next]").click();
            page.waitForLoadState();
            visited.add(page.url().substring(root.length() - 1));
        }
        List<String> expected = new ArrayList<>();
        for (int step = 0; step < 6; step++) {
            expected.add("/step/" + step + "/");
            for (microgpt.guide.Page section : guide.site().sectionsOf(step)) expected.add(section.url());
        }
        expected.add("/");
        assertEquals(42, guide.site().sections().size());
        assertEquals(expected, visited);
    }

    @Test
    void theArrowKeysCrossAStepThroughItsIndex() {
        Page page = open("step/0/7/");
        page.keyboard().press("ArrowRight");
        page.waitForURL(root + "step/1/");
        SiteCrawler.waitForScripts(page);
        page.keyboard().press("ArrowRight");
        page.waitForURL(root + "step/1/1/");
        SiteCrawler.waitForScripts(page);
        page.keyboard().press("ArrowLeft");
        page.waitForURL(root + "step/1/");
        SiteCrawler.waitForScripts(page);
        page.keyboard().press("ArrowLeft");
        page.waitForURL(root + "step/0/7/");
    }

    @Test
    void arrowKeysMoveBetweenSectionsButNotWhileTyping() {
        Page page = open("step/0/2/");
        page.keyboard().press("ArrowRight");
        page.waitForURL(root + "step/0/3/");
        SiteCrawler.waitForScripts(page);
        page.keyboard().press("ArrowLeft");
        page.waitForURL(root + "step/0/2/");
        SiteCrawler.waitForScripts(page);
        page.evaluate("() => { const input = document.createElement('input'); input.id = 'typing'; document.querySelector('main').append(input); }");
        page.locator("#typing").focus();
        // The guide's handler sits on document and prevents the default of an arrow it follows; a
        // listener on window hears the key after it, so once that one has fired the decision is made.
        page.evaluate("() => window.addEventListener('keydown', e => { window.arrowSeen = { key: e.key, followed: e.defaultPrevented }; })");
        page.keyboard().press("ArrowRight");
        page.waitForFunction("() => window.arrowSeen !== undefined");
        assertEquals(java.util.Map.of("key", "ArrowRight", "followed", false), page.evaluate("() => window.arrowSeen"));
        assertEquals(root + "step/0/2/", page.url());
    }

    @Test
    void theTrainingNamesOnZeroPointOneFilterAsYouType() {
        Page page = open("step/0/1/");
        List<String> names = guide.numbers().trainingNames();
        assertTrue(page.locator(".name-filter").isVisible(), "the script shows the filter box");
        assertEquals(names, page.locator(".name-sample-list li").allTextContents());
        assertEquals("All 1,000 names.", page.locator(".name-filter-status").textContent());
        page.getByLabel("Show the names containing").fill("emm");
        List<String> expected = names.stream().filter(n -> n.contains("emm")).toList();
        assertTrue(!expected.isEmpty() && expected.size() < names.size());
        assertEquals(expected, page.locator(".name-sample-list li:visible").allTextContents());
        assertEquals(expected.size() + " of 1,000 names contain \u201cemm\u201d.", page.locator(".name-filter-status").textContent());
        // Each name keeps the number of its training step while others are hidden.
        String first = expected.get(0);
        assertEquals(String.valueOf(names.indexOf(first) + 1), page.locator(".name-sample-list li:visible").first().getAttribute("value"));
        page.getByLabel("Show the names containing").fill("");
        assertEquals(names.size(), page.locator(".name-sample-list li:visible").count());
    }

    @Test
    void mathsIsTypesetByKatex() {
        Page page = open("step/0/6/");
        int maths = page.locator(".math").count();
        assertTrue(maths > 0, "0.6 has maths");
        assertEquals(maths, page.locator(".math .katex").count());
        assertEquals(0, page.locator(".math-error").count());
    }

    @Test
    void widgetsNotYetWrittenSayTheyAreComing() {
        Page page = newContext(new com.microsoft.playwright.Browser.NewContextOptions()).newPage();
        // A manifest without rmsnorm, as before that widget was written.
        page.route("**/assets/js/widgets/manifest.json", route -> route.fulfill(new Route.FulfillOptions()
                .setContentType("application/json").setBody("{\"widgets\":[],\"api\":true}")));
        page.navigate(root + "step/3/3/");
        page.waitForFunction("() => document.querySelector('[data-widget=rmsnorm] .widget-note') !== null");
        assertTrue(page.locator("[data-widget=rmsnorm]").count() == 1);
        assertEquals("Interactive widget coming soon.", page.locator("[data-widget=rmsnorm] .widget-note").textContent());
    }

    @Test
    void theLoaderImportsAWidgetTheManifestListsAndCallsItWithItsOptions() {
        Page page = newContext(new com.microsoft.playwright.Browser.NewContextOptions()).newPage();
        // A stand-in manifest and widget module, answered by the browser itself.
        page.route("**/assets/js/widgets/manifest.json", route -> route.fulfill(new Route.FulfillOptions()
                .setContentType("application/json").setBody("{\"widgets\":[\"loss-chart\"]}")));
        page.route("**/assets/js/widgets/loss-chart.js", route -> route.fulfill(new Route.FulfillOptions()
                .setContentType("text/javascript")
                .setBody("export default (element, options) => { element.textContent = 'mounted ' + options.widget + ' ' + options.steps; };")));
        page.navigate(root + "step/0/6/");
        page.waitForFunction("() => document.querySelector('[data-widget=loss-chart]').textContent.startsWith('mounted')");
        assertEquals("mounted loss-chart 0", page.locator("[data-widget=loss-chart]").textContent());
        assertEquals("Interactive widget coming soon.", page.locator("[data-widget=ava-pairs] .widget-note").textContent());
    }

    @Test
    void theSkipLinkIsTheFirstStopAndFocusIsVisible() {
        Page page = open("step/1/3/");
        page.keyboard().press("Tab");
        assertEquals("skip-link", page.evaluate("() => document.activeElement.className"));
        assertTrue(((Number) page.evaluate("() => document.activeElement.getBoundingClientRect().top")).doubleValue() >= 0, "shown when focused");
        assertEquals("solid", page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle"));
        page.keyboard().press("Enter");
        assertEquals("main", page.evaluate("() => document.activeElement.id"));
    }

    @Test
    void theContrastCheckOfTheCrawlCatchesFaintText() {
        Page page = open("step/0/1/");
        assertEquals(List.of(), page.evaluate(SiteCrawler.CONTRAST_CHECK));
        page.evaluate("() => { const p = document.createElement('p'); p.style.color = '#aaaaaa'; p.textContent = 'faint';"
                + " document.querySelector('main').append(p); }");
        List<?> problems = (List<?>) page.evaluate(SiteCrawler.CONTRAST_CHECK);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).toString().contains("faint"));
    }

    @Test
    void javaIsHighlighted() {
        Page page = open("step/0/4/");
        assertTrue(page.locator("figure.code-block code.hljs .hljs-keyword").count() > 0);
    }

    @Test
    void anUnknownPathGetsTheStyledNotFoundPage() {
        try (BrowserContext fresh = chromium.browser.newContext()) {
            Page page = fresh.newPage();
            Response response = page.navigate(root + "step/9/9/");
            assertEquals(404, response.status());
            assertEquals("Page not found", page.locator("h1").textContent());
            assertEquals("rgb(221, 244, 255)", page.locator("header.site-header").evaluate("e => getComputedStyle(e).backgroundColor"));
        }
    }

    @Test
    void theRunsAreServedAsJson() {
        Page page = open("");
        Object losses = page.evaluate("async () => (await (await fetch('api/runs/step5.json')).json()).losses.length");
        assertEquals(1000, ((Number) losses).intValue());
    }

    @Test
    void theLayoutFitsANarrowScreen() {
        try (BrowserContext phone = chromium.browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(360, 740))) {
            Page page = phone.newPage();
            page.navigate(root + "step/1/3/");
            SiteCrawler.waitForScripts(page);
            Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0, ((Number) overflow).intValue(), "no sideways scrolling at 360 px");
        }
    }
}
