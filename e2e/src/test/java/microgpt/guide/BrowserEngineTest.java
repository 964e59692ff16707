package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import microgpt.data.PyFormat;
import microgpt.data.PyRandom;
import microgpt.fast.FastLibm;
import microgpt.math.CorrectlyRounded;
import microgpt.math.FloatingPoint;
import microgpt.queries.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide with no Java running: the static export, served by a plain file server under a
 * sub-path (no /api at all), with the engine compiled to WebAssembly answering every widget in
 * the reader's browser. Every widget draws engine numbers; the browser's answers are the
 * server's; the Playground trains Step 5 to microgpt's log; the compiled arithmetic is the JVM's.
 */
class BrowserEngineTest {

    @TempDir static Path temp;
    private static Guide guide;
    private static LoopbackFileServer files;
    private static Chromium chromium;
    private static final ObjectMapper JSON = new ObjectMapper();

    private BrowserContext context;
    private final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    static void exportAndServe() throws Exception {
        guide = TestGuide.real();
        Path site = temp.resolve("site");
        new StaticExport(guide).writeTo(site);
        files = new LoopbackFileServer(site, "/some/prefix/");
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() {
        if (files != null) files.close();
        if (chromium != null) chromium.close();
    }

    @BeforeEach
    void freshContext() {
        context = chromium.browser.newContext();
        context.onPage(page -> {
            page.onConsoleMessage(message -> {
                if (message.type().equals("error")) consoleErrors.add(message.text());
            });
            page.onPageError(error -> consoleErrors.add("uncaught: " + error));
        });
    }

    @AfterEach
    void noErrors() {
        context.close();
        assertEquals(List.of(), consoleErrors, "console errors");
    }

    private Page open(String path) {
        Page page = context.newPage();
        assertEquals(200, page.navigate(files.root() + path).status(), path);
        SiteCrawler.waitForScripts(page);
        return page;
    }

    /** What each widget shows once the engine has answered it: a widget not listed there fails the test. */
    private static final Map<String, String> DRAWN = DrawnWidgets.SELECTORS;

    @Test
    void everyWidgetOfEveryPageDrawsWhatTheEngineAnswersWithNoServer() {
        Set<String> seen = new TreeSet<>();
        Page page = context.newPage();
        for (microgpt.guide.Page guidePage : guide.site().pages()) {
            String path = guidePage.url().substring(1) + "index.html";
            assertEquals(200, page.navigate(files.root() + path).status(), path);
            SiteCrawler.waitForScripts(page);
            Locator widgets = page.locator("[data-widget]");
            for (int i = 0; i < widgets.count(); i++) {
                Locator widget = widgets.nth(i);
                String name = widget.getAttribute("data-widget");
                String drawn = DRAWN.get(name);
                if (drawn == null) fail("widget " + name + " on " + path + " has no check here");
                widget.locator(drawn).first().waitFor();
                seen.add(name);
            }
            String text = page.locator("main").textContent();
            assertFalse(text.contains("microgpt serve") && text.contains("widget"), path + " still asks for the server");
            assertEquals(0, page.locator(".widget-note").count(), path + ": " + page.locator(".widget-note").allTextContents());
            for (String error : page.locator("[data-widget] .widget-error").allTextContents()) {
                assertTrue(error.isBlank(), path + ": " + error);
            }
        }
        assertEquals(new TreeSet<>(DRAWN.keySet()), seen, "every widget was found on some page and checked");
    }

    /** Queries that reach every kind of model, every query class and every libm function. */
    private static final List<Map<String, String>> QUERIES = List.of(
            query("tokenize", "text", "emma"), query("unique-chars", "text", "hello world"),
            query("step0/table", "steps", "7"), query("step0/bigram", "token", "a", "steps", "1000"),
            query("step0/pairs", "name", "ava", "steps", "100"), query("samples", "step", "0", "seed", "7"),
            query("samples", "step", "2", "seed", "7", "count", "5"), query("samples", "step", "5", "seed", "3"),
            query("step1/params"), query("step1/activations", "token", "m", "trained", "true"),
            query("step1/forward", "name", "olivia"), query("step1/slope", "param", "mlp_fc1[3][5]", "epsilon", "0.001"),
            query("step1/gradcheck", "name", "emma"), query("step1/samples", "temperature", "0.8"),
            query("step1/training-names"), query("step2/graph", "expr", "relulog", "a", "1.5", "b", "-2", "c", "3"),
            query("step2/position-graph", "name", "ava", "position", "2"), query("step345/trace", "step", "3", "name", "emma"),
            query("step345/trace", "step", "4", "name", "zoe"), query("step345/attention", "step", "5", "name", "isabella"),
            query("step345/rmsnorm", "x", "1,-2,3.5,0"), query("step1/samples", "temperature", "9"),
            query("step0/pairs", "name", "Zoë"));

    private static Map<String, String> query(String path, String... namesAndValues) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("path", path);
        for (int i = 0; i < namesAndValues.length; i += 2) q.put(namesAndValues[i], namesAndValues[i + 1]);
        return q;
    }

    @Test
    void theBrowsersAnswersAreTheServersWithinOneUlpOfLibm() throws Exception {
        Page page = open("index.html");
        @SuppressWarnings("unchecked")
        List<String> browser = (List<String>) page.evaluate("async ({ api, queries }) => {"
                + "  const { askEngine } = await import(api);"
                + "  const answers = [];"
                + "  for (const q of queries) {"
                + "    const { path, ...params } = q;"
                + "    try { answers.push(JSON.stringify({ status: 200, json: await askEngine(path, params) })); }"
                + "    catch (e) { answers.push(JSON.stringify({ status: e.status, json: e.body })); }"
                + "  }"
                + "  return answers; }",
                Map.of("api", files.root() + "assets/js/widgets/lib/guide-api.js", "queries", QUERIES));
        int numbers = 0;
        int differing = 0;
        for (int i = 0; i < QUERIES.size(); i++) {
            Map<String, String> params = new LinkedHashMap<>(QUERIES.get(i));
            String path = params.remove("path");
            Answer server = guide.queries().answer(path, params);
            JsonNode fromBrowser = JSON.readTree(browser.get(i));
            assertEquals(server.status(), fromBrowser.get("status").asInt(), path + " " + params);
            int[] counts = compare(JSON.readTree(server.json()), fromBrowser.get("json"), path + " " + params);
            numbers += counts[0];
            differing += counts[1];
        }
        System.out.println("browser vs server: " + numbers + " numbers, " + differing + " not bit-identical (all within 1e-12)");
        assertTrue(numbers > 10_000, "the queries compared many numbers: " + numbers);
    }

    /** Structure, strings and booleans equal; numbers within 1e-12 (relative above 1). Returns {numbers, not identical}. */
    private static int[] compare(JsonNode server, JsonNode browser, String where) {
        if (server.isNumber()) {
            assertTrue(browser.isNumber(), where + ": expected a number, got " + browser);
            double a = server.asDouble();
            double b = browser.asDouble();
            assertTrue(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a)), where + ": " + a + " vs " + b);
            return new int[] {1, a == b ? 0 : 1};
        }
        assertEquals(server.getNodeType(), browser.getNodeType(), where);
        if (!server.isContainerNode()) {
            assertEquals(server, browser, where);
            return new int[] {0, 0};
        }
        assertEquals(server.size(), browser.size(), where + ": size");
        int[] total = {0, 0};
        if (server.isArray()) {
            for (int i = 0; i < server.size(); i++) add(total, compare(server.get(i), browser.get(i), where + "[" + i + "]"));
        } else {
            List<String> names = new ArrayList<>();
            server.fieldNames().forEachRemaining(names::add);
            List<String> browserNames = new ArrayList<>();
            browser.fieldNames().forEachRemaining(browserNames::add);
            assertEquals(names, browserNames, where + ": fields");
            for (String name : names) add(total, compare(server.get(name), browser.get(name), where + "." + name));
        }
        return total;
    }

    private static void add(int[] total, int[] counts) {
        total[0] += counts[0];
        total[1] += counts[1];
    }

    @Test
    void thePlaygroundTrainsStep5InTheBrowserToMicrogptsLastLossAndNames() {
        Page page = open("playground/index.html?step=5");
        page.locator(".playground-train").click();
        Locator run = page.locator(".playground-run").first();
        page.waitForSelector(".playground-run[data-state=done]", new Page.WaitForSelectorOptions().setTimeout(120_000));
        assertEquals("1000", run.getAttribute("data-points"));
        String status = page.locator(".playground-status").textContent();
        assertTrue(status.contains("the last step: 2.6497"), status);
        assertEquals(guide.numbers().run(5).samples(), run.locator(".playground-samples li").allTextContents());
        assertEquals(List.of("kamon", "anton"), List.of(run.locator(".playground-samples li").first().textContent(),
                run.locator(".playground-samples li").last().textContent()));

        run.locator(".playground-explore").click();
        page.locator(".playground-explorer .ae-cell").first().waitFor();
        assertTrue(page.locator(".playground-explorer .w345-source").textContent().contains("run-1"));
    }

    @Test
    void stopEndsABrowserRunAndAShapeTooBigIsRefusedWithItsMessage() {
        Page page = open("playground/index.html?step=4&steps=100000");
        page.locator(".playground-train").click();
        page.waitForFunction("() => Number(document.querySelector('.playground-run')?.dataset.points || 0) > 20");
        page.locator(".playground-stop").click();
        page.waitForSelector(".playground-run[data-state=stopped]");
        int points = Integer.parseInt(page.locator(".playground-run").getAttribute("data-points"));
        assertTrue(points > 20 && points < 100_000, "stopped after " + points + " steps");
        assertTrue(page.locator(".playground-status").textContent().contains("stopped after " + points + " steps"));

        page.navigate(files.root() + "playground/index.html?step=5&n_embd=512&n_head=64&n_layer=16&block_size=256");
        SiteCrawler.waitForScripts(page);
        page.locator(".playground-train").click();
        page.waitForFunction("() => document.querySelector('.playground-status').textContent.startsWith('Cannot train')");
        String status = page.locator(".playground-status").textContent();
        assertTrue(status.contains("this shape needs about") && status.contains("the Playground allows 256 MB"), status);
        assertEquals(0, page.locator(".playground-run").count(), "nothing was trained");
    }

    @Test
    void runItYourselfTrainsStep5InTheBrowserAndMatchesTheCPythonLog() {
        Page page = open("step/5/4/index.html");
        Locator widget = page.locator("[data-widget=run-yourself]");
        widget.locator(".run-yourself-button").click();
        page.waitForSelector(".run-yourself-status[data-identical]", new Page.WaitForSelectorOptions().setTimeout(120_000));
        assertEquals("true", widget.locator(".run-yourself-status").getAttribute("data-identical"));
        String status = widget.locator(".run-yourself-status").textContent();
        assertTrue(status.contains("lines of the two logs are identical"), status);
        assertTrue(widget.locator(".fidelity-excerpt").textContent().contains("step 1000 / 1000 | loss 2.6497"));
    }

    // ---- the compiled arithmetic against the JVM's ------------------------------------------

    @Test
    void theCompiledEnginesArithmeticIsTheJvmsBitForBit() {
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            double x = (random.nextDouble() - 0.5) * 60;
            double small = Math.scalb(random.nextDouble() + 0.5, random.nextInt(80) - 40);
            double y = random.nextGaussian();
            add(lines, expected, "fma", Math.fma(x, y, -x * y), x, y, -x * y);
            add(lines, expected, "fma", Math.fma(x, small, y), x, small, y);
            add(lines, expected, "exp", CorrectlyRounded.exp(x), x);
            add(lines, expected, "log", CorrectlyRounded.log(small), small);
            add(lines, expected, "pow", CorrectlyRounded.pow(small, y), small, y);
            add(lines, expected, "sin", CorrectlyRounded.sin(x), x);
            add(lines, expected, "cos", CorrectlyRounded.cos(x), x);
            add(lines, expected, "crExp", FastLibm.crExp(x), x);
            add(lines, expected, "crLog", FastLibm.crLog(small), small);
            for (double power : new double[] {-1, 0.5, -0.5, 2}) add(lines, expected, "crPow", FastLibm.crPow(small, power), small, power);
            add(lines, expected, "rint", FloatingPoint.rint(Math.floor(x) + 0.5), Math.floor(x) + 0.5);
            add(lines, expected, "ulp", FloatingPoint.ulp(small), small);
            add(lines, expected, "sqrt", Math.sqrt(small), small);
            lines.add("toString " + hex(small));
            expected.add(Double.toString(small));
            lines.add("parse " + Double.toString(small));
            expected.add(Long.toHexString(Double.doubleToRawLongBits(small)));
            lines.add("fixed4 " + hex(x));
            expected.add(PyFormat.fixed(x, 4));
        }
        for (int power = 1; power <= 20_000; power += 97) {
            lines.add("crPowInt " + hex(0.9) + " " + power);
            expected.add(Long.toHexString(Double.doubleToRawLongBits(FastLibm.crPowInt(0.9, power))));
        }
        PyRandom rng = new PyRandom(42);
        StringBuilder draws = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            draws.append(Long.toHexString(Double.doubleToRawLongBits(rng.random()))).append(',')
                    .append(Long.toHexString(Double.doubleToRawLongBits(rng.gauss(0, 1)))).append(',');
        }
        lines.add("random 42 500");
        expected.add(draws.toString());

        Page page = open("index.html");
        String answers = (String) page.evaluate("async (vectors) => {"
                + "  await new Promise((ok, fail) => { const s = document.createElement('script');"
                + "    s.src = 'engine/microgpt.wasm-runtime.js'; s.onload = ok; s.onerror = fail; document.head.append(s); });"
                + "  const teavm = await TeaVM.wasmGC.load('engine/microgpt.wasm');"
                + "  return teavm.exports.conformance(vectors); }", String.join("\n", lines));
        List<String> got = answers.lines().toList();
        assertEquals(expected.size(), got.size());
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equals(got.get(i))) wrong.add(lines.get(i) + ": expected " + expected.get(i) + ", got " + got.get(i));
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), wrong.size() + " of " + lines.size() + " differ");
    }

    private static void add(List<String> lines, List<String> expected, String function, double result, double... args) {
        StringBuilder line = new StringBuilder(function);
        for (double arg : args) line.append(' ').append(hex(arg));
        lines.add(line.toString());
        expected.add(Long.toHexString(Double.doubleToRawLongBits(result)));
    }

    private static String hex(double x) {
        return Long.toHexString(Double.doubleToRawLongBits(x));
    }
}
