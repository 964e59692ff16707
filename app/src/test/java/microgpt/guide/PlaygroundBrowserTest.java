package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.List;
import microgpt.guide.playground.Trainings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Playground driven as a reader would: train, watch the loss arrive, stop, compare two runs. */
class PlaygroundBrowserTest extends BrowserTest {

    @AfterEach
    void closingThePageEndedItsTraining() throws InterruptedException {
        closeContext();
        long deadline = System.currentTimeMillis() + 15_000;
        while (Trainings.SHARED.running() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(20);
        assertEquals(0, Trainings.SHARED.running(), "closing the page ended its training");
    }

    private Page openPlayground(String path) {
        Page page = open(path);
        page.locator(".playground-form").waitFor();
        return page;
    }

    private static int legendSeries(Page page) {
        return page.locator(".playground-chart .u-legend .u-series").count() - 1;   // the first is the x axis
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
        page.waitForFunction("() => document.querySelectorAll('.playground-chart .u-legend .u-series').length === 2");
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
        String legend = page.locator(".playground-chart .u-legend").innerText();
        assertTrue(legend.contains("Run 1 (step 2, seed 42, 100000 steps, lr 1") && legend.contains("Run 2 (step 2, seed 42, 300 steps, lr 0.25"), legend);
        assertEquals(20, second.locator(".playground-samples li").count());
        second.locator("button.playground-sample-again").click();
        page.waitForFunction("() => document.querySelectorAll('.playground-samples')[1].dataset.seed === '1'");
        assertEquals(20, second.locator(".playground-samples li").count(), "sample again: 20 new names");

        String url = page.url();
        assertTrue(url.contains("step=2") && url.contains("steps=300") && url.contains("learning_rate=0.25") && url.contains("seed=42"), url);
        assertTrue(!url.contains("n_embd"), "settings step 2 does not have stay out of the address: " + url);
    }

    @Test
    void aFinishedTransformerRunOpensInTheAttentionExplorer() throws Exception {
        Page page = openPlayground("playground/?step=4&steps=200&n_embd=8&n_head=2&n_layer=2&block_size=8");
        page.click("button.playground-train");
        page.waitForFunction("() => document.querySelector('.playground-run')?.dataset.state === 'done'");
        String id = page.locator(".playground-run").getAttribute("data-run");
        Locator link = page.locator(".playground-run .playground-explore");
        assertEquals("Explore its attention", link.innerText());
        Page explorer = context.waitForPage(link::click);   // a new tab: the Playground keeps its runs
        explorer.waitForFunction("id => document.querySelector('.ae-run')?.value === id && document.querySelectorAll('.ae-map').length === 4", id);
        assertTrue(explorer.url().contains("/step/5/4/?run=" + id), explorer.url());
        assertTrue(explorer.locator(".ae-layer-picker").isVisible(), "two layers: a layer menu");
        assertTrue(explorer.locator(".w345-source").innerText().startsWith("Playground " + id + " (step 4, n_embd 8, 2 heads, 2 layers"),
                explorer.locator(".w345-source").innerText());

        // the weight under the pointer is the one the engine computes from the run's weights
        JsonNode maps = new ApiClient(server).ok("/api/train/attention?id=" + id + "&name=emma");
        double weight = maps.get("weights").get(1).get(1).get(3).get(2).asDouble();
        explorer.locator(".ae-cell[data-layer='1'][data-head='1'][data-t='3'][data-s='2']").hover();
        assertEquals("Layer 1, head 1: position 3 (m) gives position 2 (m) the weight " + String.format(java.util.Locale.ROOT, "%.4f", weight) + ".",
                explorer.locator(".ae-readout").innerText());
        explorer.selectOption(".ae-layer", "1");
        assertEquals(2, explorer.locator(".ae-map").count(), "layer 1 alone: its two heads");
        assertEquals(2, explorer.locator(".ae-cell[data-layer='1'][data-t='0']").count());

        // the guide's own models are one click away, and the run is still in the menu
        explorer.click("button.ae-step[data-step='4']");
        explorer.waitForFunction("() => document.querySelector('.ae-run').value === '' && document.querySelectorAll('.ae-map').length === 4");
        assertEquals("true", explorer.locator("button.ae-step[data-step='4']").getAttribute("aria-pressed"));
        explorer.selectOption(".ae-run", id);
        explorer.waitForFunction("() => document.querySelector('.ae-layer-picker').hidden === false");

        // a model with more heads than fit on a page shows one layer at a time
        page.fill("input[name=n_head]", "8");
        page.fill("input[name=n_layer]", "3");
        page.fill("input[name=steps]", "20");
        page.click("button.playground-train");
        page.waitForFunction("() => document.querySelectorAll('.playground-run')[1]?.dataset.state === 'done'");
        Page big = context.waitForPage(page.locator(".playground-run").nth(1).locator(".playground-explore")::click);
        big.waitForFunction("() => document.querySelectorAll('.ae-map').length === 8");
        assertEquals(List.of("0", "1", "2"), big.locator(".ae-layer option").evaluateAll("options => options.map(o => o.value)"));
        big.selectOption(".ae-layer", "2");
        assertEquals(8, big.locator(".ae-map").count());
        assertEquals(8, big.locator(".ae-cell[data-layer='2'][data-t='0']").count());
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
