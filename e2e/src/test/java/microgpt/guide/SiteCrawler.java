package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a running copy of the guide the way a reader's browser would, starting from Home and
 * following every link, and checks each page on the way: it loads with 200 and no console
 * error, every link and asset it names exists on the same site, every code block is the real
 * source, its maths is typeset, its headings are in order.
 */
final class SiteCrawler {

    /** What one crawl found. */
    record Result(List<String> pages, Set<String> assets, List<String> problems) {}

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String CONTRAST_CHECK = resource("/browser/contrast.js");

    private static String resource(String name) {
        try (var in = SiteCrawler.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    private final BrowserContext context;
    private final String root;    // e.g. "http://127.0.0.1:1234/" or "http://127.0.0.1:1234/some/prefix/"
    private final String start;   // Home: the root itself (served) or root + "index.html" (exported)

    SiteCrawler(BrowserContext context, String root, String homePath) {
        this.context = context;
        this.root = root;
        this.start = root + homePath;
    }

    Result crawl() {
        List<String> problems = new ArrayList<>();
        List<String> pages = new ArrayList<>();
        Set<String> assets = new LinkedHashSet<>();
        Map<String, Set<String>> idsByPage = new LinkedHashMap<>();
        Map<String, String> fragmentLinks = new LinkedHashMap<>();   // "page#id" → where it was seen
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        Set<String> seen = new LinkedHashSet<>(queue);
        Page page = context.newPage();
        List<String> consoleErrors = new ArrayList<>();
        page.onConsoleMessage(message -> {
            if (message.type().equals("error")) consoleErrors.add(message.text());
        });
        page.onPageError(error -> consoleErrors.add("uncaught: " + error));
        page.onRequestFailed(request -> consoleErrors.add("request failed: " + request.url()));
        page.onResponse(response -> {
            if (response.status() >= 400) consoleErrors.add("HTTP " + response.status() + " for " + response.url());
        });
        while (!queue.isEmpty()) {
            String url = queue.removeFirst();
            consoleErrors.clear();
            Response response = page.navigate(url);
            if (response == null || response.status() != 200) {
                problems.add(url + ": HTTP " + (response == null ? "none" : response.status()));
                continue;
            }
            waitForScripts(page);
            pages.add(url);
            consoleErrors.forEach(error -> problems.add(url + ": console: " + error));
            checkPage(page, url, problems);
            idsByPage.put(url, Set.copyOf(strings(page.evaluate("() => Array.from(document.querySelectorAll('[id]'), e => e.id)"))));
            for (Object found : (List<?>) page.evaluate("() => Array.from(document.querySelectorAll("
                    + "'a[href], link[href], script[src], img[src]'), e => [e.tagName, e.href || e.src])")) {
                boolean anchor = "A".equals(((List<?>) found).get(0));
                String target = (String) ((List<?>) found).get(1);
                if (!target.startsWith(root)) {
                    // A link out (to a paper, a repository) is fine; a stylesheet, script or image from elsewhere is not.
                    if (!anchor || !target.matches("https?://.*")) problems.add(url + ": leaves the site: " + target);
                    continue;
                }
                int hash = target.indexOf('#');
                String resource = hash < 0 ? target : target.substring(0, hash);
                if (hash >= 0 && hash < target.length() - 1) fragmentLinks.putIfAbsent(target, url);
                if (isPage(resource)) {
                    if (seen.add(resource)) queue.addLast(resource);
                } else if (assets.add(resource)) {
                    int status = status(resource);
                    if (status != 200) problems.add(url + ": broken asset or link " + resource + " (HTTP " + status + ")");
                }
            }
        }
        page.close();
        fragmentLinks.forEach((target, from) -> {
            String pageUrl = target.substring(0, target.indexOf('#'));
            String id = target.substring(target.indexOf('#') + 1);
            Set<String> ids = idsByPage.get(pageUrl);
            if (ids != null && !ids.contains(id)) problems.add(from + ": link to a missing anchor " + target);
        });
        return new Result(pages, assets, problems);
    }

    /** A page of the guide: a folder URL (served) or an index.html (exported). */
    private static boolean isPage(String url) {
        return url.endsWith("/") || url.endsWith(".html");
    }

    /** The page's scripts have typeset the maths, coloured the code and mounted (or noted) every widget. */
    static void waitForScripts(Page page) {
        page.waitForFunction("() => document.readyState === 'complete'"
                + " && Array.from(document.querySelectorAll('[data-widget]')).every(e => e.querySelector('.widget-note') || e.children.length > 0)"
                + " && Array.from(document.querySelectorAll('.math')).every(e => e.querySelector('.katex') || e.classList.contains('math-error'))"
                + " && Array.from(document.querySelectorAll('pre code.language-java')).every(e => e.classList.contains('hljs'))");
    }

    /**
     * As {@link #waitForScripts}, and every widget's first render done too (widgets.js marks the
     * page when all have mounted): what an audit of the whole page should look at.
     */
    static void waitForWidgets(Page page) {
        waitForScripts(page);
        page.waitForFunction("() => document.documentElement.dataset.widgets === 'mounted'");
    }

    private static void checkPage(Page page, String url, List<String> problems) {
        // Headings: one h1, and no level skipped on the way down.
        List<Object> levels = page.evaluate("() => Array.from(document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6'),"
                + " h => Number(h.tagName.substring(1)))") instanceof List<?> list ? new ArrayList<>(list) : List.of();
        int previous = 0;
        int h1s = 0;
        for (Object level : levels) {
            int n = ((Number) level).intValue();
            if (n == 1) h1s++;
            if (n > previous + 1) problems.add(url + ": heading h" + n + " follows h" + previous);
            previous = n;
        }
        if (h1s != 1) problems.add(url + ": " + h1s + " h1 headings");
        // Landmarks.
        for (String landmark : List.of("header", "nav", "main", "footer", "a.skip-link")) {
            if (page.locator(landmark).count() == 0) problems.add(url + ": no " + landmark);
        }
        // Maths: every span typeset by KaTeX, none left as an error.
        int maths = page.locator(".math").count();
        int typeset = page.locator(".math .katex").count();
        if (maths != typeset) problems.add(url + ": " + (maths - typeset) + " of " + maths + " maths not typeset");
        // Contrast: every visible text at WCAG AA.
        for (Object problem : (List<?>) page.evaluate(CONTRAST_CHECK)) problems.add(url + ": contrast: " + problem);
        // Code blocks: the real source lines.
        for (Object block : (List<?>) page.evaluate("() => Array.from(document.querySelectorAll('figure.code-block'),"
                + " f => [f.dataset.source, f.dataset.lines, f.querySelector('code').textContent])")) {
            List<?> parts = (List<?>) block;
            String problem = CodeBlocks.differenceFromSource((String) parts.get(0), (String) parts.get(1), (String) parts.get(2));
            if (problem != null) problems.add(url + ": " + problem);
        }
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return (List<String>) value;
    }

    static void assertClean(Result result, int expectedPages) {
        System.out.println("crawled " + result.pages().size() + " pages, " + result.assets().size() + " other files; "
                + result.problems().size() + " problems");
        assertTrue(result.problems().isEmpty(), String.join("\n", result.problems()));
        assertEquals(expectedPages, result.pages().size(), "pages reached from Home: " + result.pages());
        assertFalse(result.assets().isEmpty());
    }
}
