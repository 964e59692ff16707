package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every end-to-end test shares: the real guide on a loopback port and one headless Chromium
 * per test class, a fresh browser context per test, and no console error or uncaught exception
 * on any page the test opened (tabs opened by clicks included), unless the test said to expect it.
 */
abstract class BrowserTest {

    protected static Chromium chromium;
    protected static Guide guide;
    protected static GuideServer server;
    protected static String root;

    protected BrowserContext context;
    protected final List<String> consoleErrors = new ArrayList<>();
    private final List<String> expectedErrors = new ArrayList<>();

    @BeforeAll
    static void startServerAndBrowser() {
        chromium = Chromium.launch();
        guide = TestGuide.real();
        // Every number now, so no page waits on a training (the timed ones take a while): the
        // tests wait for the state they need, and a first visit is not a race with a timeout.
        guide.numbers().computeAll();
        server = GuideServer.start(guide, "127.0.0.1", 0, System.err);
        root = "http://127.0.0.1:" + server.port() + "/";
    }

    @AfterAll
    static void stopServerAndBrowser() {
        if (server != null) server.close();
        if (chromium != null) chromium.close();
    }

    @AfterEach
    void closeContextAndCheckConsole() {
        closeContext();
        assertEquals(List.of(), consoleErrors, "console errors");
    }

    protected void closeContext() {
        if (context != null) context.close();
        context = null;
    }

    /** A fresh context (the last one closed), downloads allowed, every page in it watched. */
    protected BrowserContext newContext(Browser.NewContextOptions options) {
        closeContext();
        context = chromium.browser.newContext(options.setAcceptDownloads(true));
        context.onPage(this::watch);
        return context;
    }

    /** A site path (e.g. "step/0/2/") in a fresh context, its scripts loaded. */
    protected Page open(String path) {
        return open(path, new Browser.NewContextOptions());
    }

    protected Page open(String path, Browser.NewContextOptions options) {
        Page page = newContext(options).newPage();
        assertEquals(200, page.navigate(root + path).status(), path);
        SiteCrawler.waitForScripts(page);
        return page;
    }

    /** Console errors containing this text are what the test expects (Chromium logs every 4xx answer). */
    protected void expectConsoleErrors(String fragment) {
        expectedErrors.add(fragment);
    }

    private void watch(Page page) {
        page.onConsoleMessage(message -> {
            if (message.type().equals("error") && expectedErrors.stream().noneMatch(message.text()::contains)) {
                consoleErrors.add(message.text());
            }
        });
        page.onPageError(error -> consoleErrors.add("uncaught: " + error));
    }

    protected static Locator widget(Page page, String name) {
        return page.locator("[data-widget=" + name + "]");
    }

    /** A number as the widgets print it: fixed decimals and a true minus sign. */
    protected static String fixed(double x, int decimals) {
        return String.format(java.util.Locale.US, "%." + decimals + "f", x).replace('-', '−');
    }
}
