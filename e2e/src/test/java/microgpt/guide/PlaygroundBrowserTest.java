package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import microgpt.fast.EngineChoice;
import microgpt.fast.FlatModel;
import microgpt.queries.Step345Queries;
import microgpt.train.LanguageModel;
import microgpt.train.TrainingRun;
import org.junit.jupiter.api.Test;

/**
 * The Playground under {@code microgpt serve}, driven as a reader would: train, watch the loss
 * arrive, stop, compare two runs, look inside one. The reader's browser trains (the server only
 * serves files): no request goes to the server's API while a run trains.
 */
class PlaygroundBrowserTest extends BrowserTest {

    private final List<String> apiRequests = new ArrayList<>();

    private Page openPlayground(String path) {
        Page page = open(path);
        page.onRequest(request -> {
            if (request.url().contains("/api/") && !request.url().contains("/api/data/")) apiRequests.add(request.url());
        });
        page.locator(".playground-form").waitFor();
        return page;
    }

    private static int legendSeries(Page page) {
        return page.locator(".playground-chart .loss-chart-legend button").count();
    }

    /**
     * The engine starts once the page has drawn, not at the first click: by the time a reader has
     * chosen the settings, the worker has compiled the engine and read the names. (It started only
     * at the click before, which then waited for both.)
     */
    @Test
    void theEngineIsReadyBeforeTheFirstClick() {
        Page page = newContext(new com.microsoft.playwright.Browser.NewContextOptions()).newPage();
        com.microsoft.playwright.Worker worker = page.waitForWorker(() -> page.navigate(root + "playground/"));
        assertTrue(worker.url().endsWith("/engine/worker.js"), worker.url());
        assertEquals("ready", worker.evaluate("() => Promise.all([loadEngine(), load(NAMES)]).then(() => 'ready')"));
        assertEquals(0, page.locator(".playground-run").count(), "nothing was trained: no click");
        assertEquals("Choose the settings and press Train.", page.locator(".playground-status").innerText());
    }

    @Test
    void aRunStreamsIntoTheChartStopsAndASecondRunOverlaysIt() {
        Page page = openPlayground("playground/");
        page.selectOption("select[name=step]", "2");
        assertTrue(page.locator("input[name=n_embd]").isDisabled(), "step 2 has no shape to set");
        page.fill("input[name=steps]", "100000");
        page.click("button.playground-train");

        Locator first = page.locator(".playground-run").nth(0);
        page.waitForFunction("() => Number(document.querySelector('.playground-run')?.dataset.points) > 0");
        page.waitForFunction("() => document.querySelectorAll('.playground-chart .loss-chart-legend button').length === 1");
        int seen = Integer.parseInt(first.getAttribute("data-points"));
        page.waitForFunction("n => Number(document.querySelector('.playground-run').dataset.points) > n", seen);

        page.click("button.playground-stop");
        page.waitForFunction("() => document.querySelector('.playground-run').dataset.state === 'stopped'");
        int stoppedAt = Integer.parseInt(first.getAttribute("data-points"));
        assertTrue(stoppedAt < 100_000, "stopped after " + stoppedAt + " steps");
        assertEquals(20, first.locator(".playground-samples li").count(), "a stopped run still writes names");
        assertEquals(0, first.locator(".playground-explore").count(), "step 2 has no attention to explore");

        page.fill("input[name=learning_rate]", "0.25");
        page.fill("input[name=steps]", "300");
        page.click("button.playground-train");
        Locator second = page.locator(".playground-run").nth(1);
        page.waitForFunction("() => document.querySelectorAll('.playground-run')[1]?.dataset.state === 'done'");
        assertEquals("300", second.getAttribute("data-points"));
        assertEquals(2, legendSeries(page), "both runs are in the chart");
        String legend = page.locator(".playground-chart .loss-chart-legend").innerText();
        assertTrue(legend.contains("Run 1 (step 2, seed 42, 100000 steps, lr 1") && legend.contains("Run 2 (step 2, seed 42, 300 steps, lr 0.25"), legend);
        assertEquals(20, second.locator(".playground-samples li").count());
        second.locator("button.playground-sample-again").click();
        page.waitForFunction("() => document.querySelectorAll('.playground-samples')[1].dataset.seed === '1'");
        assertEquals(20, second.locator(".playground-samples li").count(), "sample again: 20 new names");

        String url = page.url();
        assertTrue(url.contains("step=2") && url.contains("steps=300") && url.contains("learning_rate=0.25") && url.contains("seed=42"), url);
        assertTrue(!url.contains("n_embd"), "settings step 2 does not have stay out of the address: " + url);
        assertEquals(List.of(), apiRequests, "the browser trained: nothing was asked of the server's API");
    }

    @Test
    void aFinishedTransformerRunOpensItsHeadsBelowItWithTheWeightsTheJvmComputes() {
        Page page = openPlayground("playground/?step=4&steps=200&n_embd=8&n_head=2&n_layer=2&block_size=8");
        page.click("button.playground-train");
        page.waitForFunction("() => document.querySelector('.playground-run')?.dataset.state === 'done'");
        String id = page.locator(".playground-run").getAttribute("data-run");
        Locator button = page.locator(".playground-run .playground-explore");
        assertEquals("Explore its attention", button.innerText());
        button.click();
        Locator explorer = page.locator(".playground-explorer");
        page.waitForFunction("() => document.querySelectorAll('.playground-explorer .ae-map').length === 4");
        assertTrue(explorer.locator(".ae-layer-picker").isVisible(), "two layers: a layer menu");
        assertTrue(explorer.locator(".w345-source").innerText().startsWith("Playground " + id + " (step 4, seed 42, 200 steps"),
                explorer.locator(".w345-source").innerText());
        assertEquals(0, explorer.locator(".ae-step").count(), "a run's explorer shows that run only");

        // The same settings trained on the JVM: the fused engine with correctly rounded exp and log
        // is the same arithmetic in both places, so the weight under the pointer is the JVM's.
        EngineChoice.Choice choice = EngineChoice.choose(new EngineChoice.Request(4, null, 8, 2, 2, 8, null, 0.1));
        LanguageModel[] model = {null};
        TrainingRun.execute(guide.numbers().docs(), new TrainingRun.Settings(42, 200, 0.5, 0, 8),
                (tokenizer, rng) -> model[0] = choice.factory().create(tokenizer, rng), (n, v, m) -> { }, (s, n, l) -> true);
        double weight = Step345Queries.attention(Step345Queries.trace(guide.numbers().tokenizer(), (FlatModel) model[0], 4, "emma"))
                .weights()[1][1][3][2];
        explorer.locator(".ae-cell[data-layer='1'][data-head='1'][data-t='3'][data-s='2']").hover();
        assertEquals("Layer 1, head 1: position 3 (m) gives position 2 (m) the weight " + String.format(java.util.Locale.ROOT, "%.4f", weight) + ".",
                explorer.locator(".ae-readout").innerText());
        explorer.locator(".ae-layer").selectOption("1");
        assertEquals(2, explorer.locator(".ae-map").count(), "layer 1 alone: its two heads");

        // a model with more heads than fit on a page shows one layer at a time
        page.fill("input[name=n_head]", "8");
        page.fill("input[name=n_layer]", "3");
        page.fill("input[name=steps]", "20");
        page.click("button.playground-train");
        page.waitForFunction("() => document.querySelectorAll('.playground-run')[1]?.dataset.state === 'done'");
        page.locator(".playground-run").nth(1).locator(".playground-explore").click();
        page.waitForFunction("() => document.querySelectorAll('.playground-explorer .ae-map').length === 8");
        assertEquals(List.of("0", "1", "2"), explorer.locator(".ae-layer option").evaluateAll("options => options.map(o => o.value)"));
        explorer.locator(".ae-layer").selectOption("2");
        assertEquals(8, explorer.locator(".ae-cell[data-layer='2'][data-t='0']").count());
        assertEquals(List.of(), apiRequests, "the browser trained and traced: nothing was asked of the server's API");
    }

    @Test
    void anAddressWithSettingsFillsTheForm() {
        Page page = openPlayground("playground/?step=4&seed=7&steps=250&learning_rate=0.05&optimizer=adam&n_embd=8&n_head=2&n_layer=2&block_size=8&temperature=0.7");
        assertEquals("4", page.inputValue("select[name=step]"));
        assertEquals("7", page.inputValue("input[name=seed]"));
        assertEquals("250", page.inputValue("input[name=steps]"));
        assertEquals("0.05", page.inputValue("input[name=learning_rate]"));
        assertEquals("adam", page.inputValue("select[name=optimizer]"));
        assertEquals("8", page.inputValue("input[name=n_embd]"));
        assertEquals("2", page.inputValue("input[name=n_head]"));
        assertEquals("2", page.inputValue("input[name=n_layer]"));
        assertEquals("8", page.inputValue("input[name=block_size]"));
        assertEquals("0.7", page.inputValue("input[name=temperature]"));
        page.focus("input[name=steps]");   // keyboard: Enter in any field trains
        page.keyboard().press("Enter");
        page.waitForFunction("() => document.querySelector('.playground-run')?.dataset.state === 'done'");
        assertEquals("250", page.locator(".playground-run").getAttribute("data-points"));
        assertTrue(page.locator(".playground-run-label").innerText().contains("8×2h×2L"), page.locator(".playground-run-label").innerText());
    }

    @Test
    void theHeaderAndHomeLinkToThePlayground() {
        Page page = openPlayground("playground/");
        page.navigate(root + "step/1/2/");
        page.locator(".site-nav a:has-text('Playground')").click();
        page.waitForURL(root + "playground/");
        page.navigate(root);
        assertEquals(1, page.locator("main a[href='playground/']").count(), "Home's prose links to the playground");
    }
}
