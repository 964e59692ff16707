package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The layout at a phone's width (390 px) and a laptop's (1280 px): no page scrolls sideways, the
 * numbers under a vector's cells stay under their own cells, the gradient check's axis labels are
 * inside the chart, and the attention bars have a scale; and the Playground, once it has trained
 * runs and opened one's attention, stays as wide as the screen too.
 */
class LayoutBrowserTest extends BrowserTest {

    private Page at(int width, String path) {
        return open(path, new Browser.NewContextOptions().setViewportSize(width, 900));
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {390, 1280})
    void noPageScrollsSideways(int width) {
        Page page = at(width, "");
        List<String> wide = new ArrayList<>();
        for (microgpt.guide.Page guidePage : guide.site().pages()) {
            assertEquals(200, page.navigate(root + guidePage.url().substring(1)).status(), guidePage.url());
            SiteCrawler.waitForScripts(page);
            Number overflow = (Number) page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            if (overflow.intValue() > 0) {
                wide.add(guidePage.url() + " by " + overflow + " px, widest: " + page.evaluate("() => { let w = null;"
                        + " for (const e of document.querySelectorAll('main *')) { const r = e.getBoundingClientRect();"
                        + " if (r.right > document.documentElement.clientWidth && (!w || r.right > w[1])) w = [e.tagName + '.' + e.className, r.right]; }"
                        + " return JSON.stringify(w); }"));
            }
        }
        assertEquals(List.of(), wide, "pages wider than " + width + " px");
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {390, 1280})
    void everyNumberOfAVectorSitsUnderItsOwnCell(int width) {
        for (String path : List.of("step/3/2/", "step/3/7/", "step/4/3/")) {
            Page page = at(width, path);
            page.waitForSelector(".w345-vector");
            Locator entries = page.locator(".w345-vector .w345-entry");
            assertTrue(entries.count() >= 16, path + ": one entry per number, got " + entries.count());
            List<?> problems = (List<?>) page.evaluate("() => Array.from(document.querySelectorAll('.w345-entry')).flatMap((entry, i) => {"
                    + " const cell = entry.querySelector('.w345-cell').getBoundingClientRect();"
                    + " const num = entry.querySelector('.w345-num');"
                    + " const box = num.getBoundingClientRect();"
                    + " const lines = Math.round(box.height / parseFloat(getComputedStyle(num).lineHeight));"
                    + " const out = [];"
                    + " if (box.left < cell.left - 1 || box.right > cell.right + 1) out.push(i + ': ' + num.textContent + ' is not under its cell');"
                    + " if (box.top < cell.bottom - 1 || box.top > cell.bottom + 8) out.push(i + ': ' + num.textContent + ' is not right below its cell');"
                    + " if (lines > 1) out.push(i + ': ' + num.textContent + ' wraps onto ' + lines + ' lines');"
                    + " return out; })");
            assertEquals(List.of(), problems, path + " at " + width + " px");
        }
    }

    /** The gradient check's "0.016" and the replay's "1000" were cut in half by the right edge of their charts. */
    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {390, 1280})
    void everyChartsAxisLabelsAreInsideTheChart(int width) {
        for (String[] chart : new String[][] {{"step/1/6/", "numerical-slope"}, {"step/1/8/", "gradcheck-scatter"},
                {"step/1/9/", "training-replay"}, {"step/5/2/", "momentum"}}) {
            Page page = at(width, chart[0]);
            page.waitForSelector("[data-widget=" + chart[1] + "] svg.chart .axes text");
            List<?> outside = (List<?>) page.evaluate("(name) => { const svg = document.querySelector(`[data-widget=${name}] svg.chart`);"
                    + " const box = svg.getBoundingClientRect();"
                    + " return Array.from(svg.querySelectorAll('.axes text')).filter(t => { const r = t.getBoundingClientRect();"
                    + " return r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5; })"
                    + ".map(t => t.textContent); }", chart[1]);
            assertEquals(List.of(), outside, chart[1] + ": tick labels cut off by the chart's edge");
        }
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {390, 1280})
    void theAttentionBarsHaveAScaleAndTheEvenShare(int width) {
        Page page = at(width, "step/3/5/");
        Locator w = widget(page, "attention-weights");
        w.locator("button.aw-pos[data-pos='3']").click();
        assertEquals(List.of("0.00", "0.25", "0.50", "0.75", "1.00"), w.locator(".aw-axis text:not(.aw-even-label)").allTextContents());
        assertEquals("even share 1/4 = 0.25", w.locator(".aw-even-label").textContent());
        // The scale is true: a bar's height is its weight times the height of the 0-to-1 axis.
        double unit = ((Number) w.locator(".aw-grid").first().evaluate("l => l.y1.baseVal.value")).doubleValue()
                - ((Number) w.locator(".aw-grid").last().evaluate("l => l.y1.baseVal.value")).doubleValue();
        double weight = Double.parseDouble(w.locator(".aw-bar[data-s='2']").getAttribute("aria-label").replaceAll(".*= ", ""));
        double height = ((Number) w.locator(".aw-bar[data-s='2']").evaluate("b => b.height.baseVal.value")).doubleValue();
        assertEquals(weight * unit, height, 0.01 * unit);
        assertEquals(4, w.locator(".aw-value").count(), "each bar carries its weight");
    }

    /** The runs' long labels, the chart's legend and a run's attention maps must fit a phone too. */
    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {390, 1280})
    void thePlaygroundWithRunsAndAnOpenExplorerFitsTheScreen(int width) {
        Page page = at(width, "playground/?step=4&steps=30&n_embd=8&n_head=2&n_layer=2&block_size=8&learning_rate=0.05");
        for (int run = 1; run <= 2; run++) {
            page.locator("button.playground-train").click();
            page.waitForFunction("n => document.querySelectorAll('.playground-run[data-state=done]').length === n", run);
        }
        page.locator(".playground-run").nth(1).locator(".playground-explore").click();
        page.waitForFunction("() => document.querySelectorAll('.playground-explorer .ae-map').length === 4");
        Number overflow = (Number) page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertEquals(0, overflow.intValue(), "the Playground with two runs and an open explorer scrolls sideways at " + width + " px");
        // each legend entry's swatch sits on the line of its label
        List<?> apart = (List<?>) page.evaluate("() => Array.from(document.querySelectorAll('.playground-chart .loss-chart-toggle'))"
                + ".filter(row => { const m = row.querySelector('.loss-chart-marker'), l = row.querySelector('.loss-chart-label');"
                + " if (!m || !l) return false; const a = m.getBoundingClientRect(), b = l.getBoundingClientRect();"
                + " return a.bottom <= b.top || a.top >= b.bottom; }).map(row => row.textContent)");
        assertEquals(List.of(), apart, "legend swatches on their own line");
    }
}
