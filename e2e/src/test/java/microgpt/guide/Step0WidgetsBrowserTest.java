package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import microgpt.data.Tokenizer;
import microgpt.steps.Step0Counting;
import microgpt.train.Trainer;
import org.junit.jupiter.api.Test;

/** Step 0's widgets and the loss chart, driven like a reader would, checked against the engine. */
class Step0WidgetsBrowserTest extends BrowserTest {

    private static Step0Counting trained(int steps) {
        Tokenizer tok = guide.numbers().tokenizer();
        Step0Counting model = new Step0Counting(tok);
        Trainer.train(model, guide.numbers().shuffledDocs(), tok, steps, (s, total, loss) -> true);
        return model;
    }

    private static List<String> chips(Locator chips) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < chips.count(); i++) {
            Locator chip = chips.nth(i);
            texts.add(chip.evaluate("c => c.firstChild.textContent + '_' + c.querySelector('sub').textContent").toString());
        }
        return texts;
    }

    // ---- 0.2 ---------------------------------------------------------------------------------

    @Test
    void uniqueCharsShowsTheSortedCharactersOfWhatIsTyped() {
        Page page = open("step/0/2/");
        Locator widget = page.locator("[data-widget=unique-chars]");
        widget.locator("input").fill("banana");
        page.waitForFunction("() => document.querySelector('.unique-chars-summary').textContent.startsWith('3 unique')");
        assertEquals(List.of("a_0", "b_1", "n_2"), chips(widget.locator(".unique-chars-output .tok")));
        widget.locator("input").fill("");
        widget.locator("input").pressSequentially("Zoë!");
        page.waitForFunction("() => document.querySelector('.unique-chars-summary').textContent.startsWith('4 unique')");
        assertEquals(List.of("!_0", "Z_1", "o_2", "ë_3"), chips(widget.locator(".unique-chars-output .tok")));
    }

    @Test
    void tokenChipsOfAvaAreBosAVABos() {
        Page page = open("step/0/2/");
        Locator widget = page.locator("[data-widget=token-chips]");
        page.waitForFunction("() => document.querySelectorAll('.token-chips-output .tok').length === 5");
        assertEquals(List.of("BOS_26", "a_0", "v_21", "a_0", "BOS_26"), chips(widget.locator(".token-chips-output .tok")));
        widget.locator("input").fill("emma");
        page.waitForFunction("() => document.querySelector('.token-chips-ids').textContent === 'ids: [26, 4, 12, 12, 0, 26]'");
        expectConsoleErrors("status of 400 (Bad Request)");   // the API refuses what the reader typed
        widget.locator("input").fill("Emma7");
        page.waitForSelector(".token-chips-error");
        assertEquals("'E', '7' are not in the vocabulary (abcdefghijklmnopqrstuvwxyz)", widget.locator(".token-chips-error").textContent());
        assertEquals("true", widget.locator("input").getAttribute("aria-invalid"));
        assertEquals(List.of("E", "7"), widget.locator(".token-chips-bad").allTextContents());
        assertEquals(List.of(), page.evaluate(SiteCrawler.CONTRAST_CHECK), "the flagged characters are readable");
    }

    // ---- 0.4 ---------------------------------------------------------------------------------

    @Test
    void bigramBarsShowTheEngineProbabilitiesOfTheChosenToken() {
        Page page = open("step/0/4/");
        Locator widget = page.locator("[data-widget=bigram-bars]");
        assertEquals(27, widget.locator(".token-buttons button").count());
        widget.locator(".token-buttons button[data-id='26']").click();   // BOS
        page.waitForFunction("() => document.querySelector('.token-buttons button[data-id=\"26\"]').getAttribute('aria-pressed') === 'true'");
        double[] expected = trained(1000).bigram(26);
        Locator bars = widget.locator("rect.bar");
        assertEquals(27, bars.count());
        for (int i = 0; i < 27; i++) assertEquals(expected[i], Double.parseDouble(bars.nth(i).getAttribute("data-p")));
        bars.nth(0).hover();
        assertEquals("p(a | BOS) = " + String.format(java.util.Locale.ROOT, "%.4f", expected[0])
                + " (" + String.format(java.util.Locale.ROOT, "%.1f", 100 * expected[0]) + "%)", widget.locator(".bigram-readout").textContent());
        page.mouse().move(0, 0);   // a keyboard user's pointer rests elsewhere: a bar scrolled under it must not win
        bars.nth(0).focus();
        page.keyboard().press("ArrowRight");
        page.waitForFunction("() => document.querySelector('.bigram-readout').textContent.startsWith('p(b | BOS) = ')");
        assertEquals(root + "step/0/4/", page.url(), "arrow keys in the widget do not turn the page");
        // Keyboard selection of a token: Tab to a button, Enter.
        widget.locator(".token-buttons button[data-id='4']").focus();
        page.keyboard().press("Enter");
        page.waitForFunction("() => document.querySelector('.bigram-heading').textContent.includes('after e:')");
        assertEquals(27, widget.locator(".bigram-table tbody tr").count());
    }

    // ---- 0.5 ---------------------------------------------------------------------------------

    @Test
    void onZeroPointThreeTheCountTableStartsAsAGridOfZeros() {
        Page page = open("step/0/3/");
        Locator widget = page.locator("[data-widget=count-table]");
        page.waitForSelector(".count-table-heatmap text.count-table-number");
        assertEquals("0 / 1000", widget.locator(".count-table-step").textContent());
        assertEquals("Nothing counted yet: every cell is 0.", widget.locator(".count-table-current").textContent());
        List<String> written = widget.locator("text.count-table-number").allTextContents();
        assertEquals(27 * 27, written.size());
        assertTrue(written.stream().allMatch("0"::equals), "every cell reads 0");
        // One name later, its pairs read 1, and the numbers are still each cell's count.
        widget.locator(".count-table-next").click();
        page.waitForFunction("() => document.querySelector('.count-table-step').textContent.startsWith('1 /')");
        Step0Counting one = trained(1);
        List<String> expected = new ArrayList<>();
        for (int row = 0; row < 27; row++) for (int col = 0; col < 27; col++) expected.add(String.valueOf(one.count(row, col)));
        assertEquals(expected, widget.locator("text.count-table-number").allTextContents());
    }

    @Test
    void theCountTableFillsInAsTheReaderStepsThroughTheNames() {
        Page page = open("step/0/5/");
        Locator widget = page.locator("[data-widget=count-table]");
        page.waitForSelector(".count-table-heatmap rect.cell");
        assertEquals(729, widget.locator("rect.cell").count());
        assertEquals(0, widget.locator("text.count-table-number").count(), "0.5 draws the heatmap without numbers");
        String first = guide.numbers().shuffledDocs().get(0);
        assertTrue(widget.locator(".count-table-current").textContent().contains(first), widget.locator(".count-table-current").textContent());
        assertEquals(first.length() + 1, widget.locator("rect.cell.counted").count() > 0 ? distinctPairs(first) : -1);

        widget.locator(".count-table-next").click();
        page.waitForFunction("() => document.querySelector('.count-table-step').textContent.startsWith('2 /')");
        String second = guide.numbers().shuffledDocs().get(1);
        assertTrue(widget.locator(".count-table-name").textContent().equals(second));

        // The slider: drag it with the keyboard (End = 1000) and with the mouse.
        widget.locator(".count-table-slider").focus();
        page.keyboard().press("End");
        page.waitForFunction("() => document.querySelector('.count-table-step').textContent.startsWith('1000 /')");
        assertEquals(root + "step/0/5/", page.url());
        Step0Counting model = trained(1000);
        int a = 0;
        int n = 13;
        assertEquals(String.valueOf(model.count(a, n)), widget.locator("rect.cell[data-row='0'][data-col='13']").getAttribute("data-count"));
        widget.locator("rect.cell[data-row='0'][data-col='13']").hover();
        assertTrue(widget.locator(".count-table-readout").textContent().startsWith("count[a → n] = " + model.count(a, n)));

        setSlider(page, 250);
        page.waitForFunction("() => document.querySelector('.count-table-step').textContent.startsWith('250 /')");
        Step0Counting at250 = trained(250);
        page.mouse().move(0, 0);   // the pointer leaves; the keyboard goes on from the cell it pointed at
        widget.locator(".count-table-heatmap svg").focus();
        page.keyboard().press("ArrowDown");   // from a → n (hovered before) to b → n
        page.waitForFunction("expected => document.querySelector('.count-table-readout').textContent.startsWith(expected)",
                "count[b → n] = " + at250.count(1, 13));
        widget.locator(".count-table-prev").click();
        page.waitForFunction("() => document.querySelector('.count-table-step').textContent.startsWith('249 /')");
    }

    private static int distinctPairs(String name) {
        int[] tokens = guide.numbers().tokenizer().encode(name);
        java.util.Set<Integer> pairs = new java.util.HashSet<>();
        for (int i = 0; i < tokens.length - 1; i++) pairs.add(tokens[i] * 27 + tokens[i + 1]);
        return pairs.size() == tokens.length - 1 ? name.length() + 1 : pairs.size();
    }

    private static void setSlider(Page page, int value) {
        Locator slider = page.locator(".count-table-slider");
        var box = slider.boundingBox();
        // A range input's thumb travels the width minus the thumb; aim with a small search, like a hand would.
        page.mouse().move(box.x + 8, box.y + box.height / 2);
        page.mouse().down();
        double x = box.x + 8 + (box.width - 16) * value / 1000.0;
        page.mouse().move(x, box.y + box.height / 2, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(5));
        page.mouse().up();
        int got = Integer.parseInt(slider.inputValue());
        while (got != value) {
            slider.focus();
            page.keyboard().press(got < value ? "ArrowRight" : "ArrowLeft");
            got = Integer.parseInt(slider.inputValue());
        }
    }

    // ---- 0.6 ---------------------------------------------------------------------------------

    @Test
    void avaPairsStepsThroughTheWorkedExample() {
        Page page = open("step/0/6/");
        Locator widget = page.locator("[data-widget=ava-pairs]");
        page.waitForSelector(".pairs-table tbody tr");
        assertEquals(4, widget.locator(".pairs-table tbody tr").count());
        assertEquals("?", widget.locator(".pairs-table tbody tr >> nth=0 >> td.probability").textContent());
        List<String> probabilities = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            widget.locator(".ava-pairs-next").click();
            probabilities.add(widget.locator(".pairs-table tbody tr >> nth=" + i + " >> td.probability").textContent());
        }
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 4; i++) expected.add(guide.numbers().format("step0.ava.p" + i));
        assertEquals(expected, probabilities);
        assertEquals(List.of("0.134", "0.041", "0.118", "0.148"), probabilities);
        String result = widget.locator(".ava-pairs-result").textContent();
        assertTrue(result.contains("= 2.31 (" + guide.numbers().format("step0.ava.loss") + ")"), result);
        assertTrue(widget.locator(".ava-pairs-next").isDisabled());

        widget.locator("input").fill("bob");
        page.waitForFunction("() => document.querySelectorAll('.pairs-table tbody tr').length === 4"
                + " && document.querySelector('.pairs-table caption').textContent.includes('bob')");
        expectConsoleErrors("status of 400 (Bad Request)");   // the API refuses what the reader typed
        widget.locator("input").fill("B0b");
        page.waitForFunction("() => document.querySelector('[data-widget=ava-pairs] .widget-error').textContent.includes('not in the vocabulary')");
    }

    // ---- 0.7 and 5.4 -------------------------------------------------------------------------

    @Test
    void samplesShowTheRunsNamesAndReRollDrawsNewOnes() {
        Page page = open("step/0/7/");
        Locator widget = page.locator("[data-widget=samples]");
        List<String> names = widget.locator(".samples-list li").allTextContents();
        assertEquals(guide.numbers().run(0).samples(), names);
        widget.locator(".samples-reroll").click();
        page.waitForFunction("() => document.querySelector('.samples-caption').textContent.includes('sampled with seed')");
        String caption = widget.locator(".samples-caption").textContent();
        long seed = Long.parseLong(caption.replaceAll(".*seed (\\d+).*", "$1"));
        List<String> expected = Trainer.samples(trained(1000), guide.numbers().tokenizer(), new microgpt.data.PyRandom(seed), 1.0, 16, 20);
        assertEquals(expected, widget.locator(".samples-list li").allTextContents());
        assertNotEquals(names, expected);
    }

    @Test
    void step5SamplesAreTheRunsAndReRollAsksItsModel() {
        Page page = open("step/5/4/");
        Locator widget = page.locator("[data-widget=samples]");
        page.waitForSelector("[data-widget=samples] .samples-list li");
        assertEquals(guide.numbers().run(5).samples(), widget.locator(".samples-list li").allTextContents());
        widget.locator(".samples-reroll").click();
        page.waitForFunction("() => document.querySelector('[data-widget=samples] .samples-caption').textContent.includes('sampled with seed')");
        String caption = widget.locator(".samples-caption").textContent();
        long seed = Long.parseLong(caption.replaceAll(".*sampled with seed (\\d+)\\.$", "$1"));
        List<String> expected;
        synchronized (guide.numbers().model(5)) {
            expected = Trainer.samples(guide.numbers().model(5), guide.numbers().tokenizer(), new microgpt.data.PyRandom(seed), 0.5, 16, 20);
        }
        assertEquals(expected, widget.locator(".samples-list li").allTextContents(), caption);
    }

    // ---- the loss chart ----------------------------------------------------------------------

    @Test
    void theLossChartsCsvIsTheRunsLossesAndThePngAndSvgAreImages() throws Exception {
        Page page = open("step/0/6/");
        Locator widget = page.locator("[data-widget=loss-chart]");
        page.waitForSelector("[data-widget=loss-chart] canvas");
        Download csv = page.waitForDownload(() -> widget.locator(".loss-chart-csv").click());
        List<String> lines = Files.readAllLines(csv.path(), StandardCharsets.UTF_8);
        assertEquals("step,Step 0: Counting", lines.get(0));
        double[] losses = guide.numbers().run(0).losses();
        assertEquals(losses.length + 1, lines.size());
        for (int i = 0; i < losses.length; i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertEquals(String.valueOf(i + 1), cells[0]);
            assertEquals(losses[i], Double.parseDouble(cells[1]), "loss at step " + (i + 1));
        }
        Download png = page.waitForDownload(() -> widget.locator(".loss-chart-png").click());
        byte[] bytes = Files.readAllBytes(png.path());
        assertTrue(bytes.length > 1000);
        assertEquals("\u0089PNG", new String(bytes, 0, 4, StandardCharsets.ISO_8859_1));
        // The SVG: a standalone document, one polyline of 1000 points for the one series, the baseline.
        Download svg = page.waitForDownload(() -> widget.locator(".loss-chart-svg").click());
        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.path().toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        org.w3c.dom.NodeList polylines = doc.getElementsByTagName("polyline");
        assertEquals(1, polylines.getLength());
        org.w3c.dom.Element line = (org.w3c.dom.Element) polylines.item(0);
        assertEquals("Step 0: Counting", line.getAttribute("data-label"));
        assertEquals(losses.length, line.getAttribute("points").split(" ").length);
        assertTrue(svg.suggestedFilename().endsWith(".svg"), svg.suggestedFilename());
        assertTrue(new String(Files.readAllBytes(svg.path()), StandardCharsets.UTF_8).contains("random guessing " + String.format(java.util.Locale.ROOT, "%.2f", -Math.log(1.0 / 27))));
        // The text alternative: first, last-step and final (average-of-last-100) losses.
        String table = widget.locator(".loss-chart-table tbody").textContent();
        assertTrue(table.contains(guide.numbers().format("step0.lastLoss")), table);
        assertTrue(table.contains(guide.numbers().format("step0.avgLoss")), table);
        assertTrue(widget.locator(".loss-chart-table caption").textContent().contains(guide.numbers().format("baseline.loss")));
    }

    @Test
    void theComparisonChartOnFivePointFourListsEveryStepsParametersAndTrainingTime() {
        Page page = open("step/5/4/");
        Locator widget = page.locator("[data-widget=loss-chart]").first();
        page.waitForSelector("[data-widget=loss-chart] .loss-chart-table");
        assertTrue((Boolean) widget.locator(".loss-chart-summary").evaluate("d => d.open"), "the comparison table is shown");
        assertEquals(List.of("Series", "First loss", "Last step's loss", "Final loss (average of the last 100 steps)", "Parameters",
                        "Training time (median of " + GuideNumbers.TIMED_RUNS + " runs)"),
                widget.locator(".loss-chart-table thead th").allTextContents());
        List<String> rows = widget.locator(".loss-chart-table tbody tr").allTextContents();
        assertEquals(6, rows.size());
        for (int step = 0; step < 6; step++) {
            String row = rows.get(step);
            assertTrue(row.contains(guide.numbers().format("step" + step + ".params")), row);
            assertTrue(row.contains(guide.numbers().format("step" + step + ".trainMs") + " ms"), row);
            assertTrue(row.contains(guide.numbers().format("step" + step + ".lastLoss")), row);
            assertTrue(row.contains(guide.numbers().format("step" + step + ".avgLoss")), row);
        }
    }

    @Test
    void theHomeChartReadsOutEverySeriesAndTheLegendTogglesThem() {
        Page page = open("");
        Locator widget = page.locator("[data-widget=loss-chart]");
        page.waitForSelector("[data-widget=loss-chart] canvas");
        assertTrue(widget.locator(".loss-chart-ma").isChecked(), "six curves are smoothed by default");
        widget.locator(".loss-chart-ma").uncheck();
        Locator over = widget.locator(".u-over");
        var box = over.boundingBox();
        over.hover(new Locator.HoverOptions().setPosition(box.width / 2, box.height / 2));
        String readout = widget.locator(".loss-chart-readout").textContent();
        assertTrue(readout.matches("Step \\d+: Step 0: Counting \\d\\.\\d{4} · .* · Step 5: Adam \\d\\.\\d{4}"), readout);
        int step = Integer.parseInt(readout.replaceAll("^Step (\\d+):.*", "$1"));
        String expected = GuideNumbers.loss(guide.numbers().run(3).losses()[step - 1]);
        assertTrue(readout.contains("Step 3: Attention " + expected), readout + " vs " + expected);

        // Keyboard: focus the legend button of Step 2 and press Enter: hidden; Space: shown again.
        Locator step2 = widget.locator(".loss-chart-legend button[data-series='Step 2: Autograd']");
        assertEquals("true", step2.getAttribute("aria-pressed"));
        step2.focus();
        page.keyboard().press("Enter");
        assertEquals("false", step2.getAttribute("aria-pressed"));
        assertEquals("line-through", step2.locator(".loss-chart-label").evaluate("l => getComputedStyle(l).textDecorationLine"));
        assertFalse(widget.locator(".loss-chart-readout").textContent().contains("Step 2: Autograd"));
        page.keyboard().press(" ");
        assertEquals("true", step2.getAttribute("aria-pressed"));
        step2.locator(".loss-chart-marker").click();   // and with the mouse, on the swatch or the label
        assertEquals("false", step2.getAttribute("aria-pressed"));
        step2.locator(".loss-chart-label").click();
        assertEquals("true", step2.getAttribute("aria-pressed"));

        // Keyboard read-out on the plot: End jumps to step 1000.
        widget.locator(".loss-chart-plot").focus();
        page.keyboard().press("End");
        assertTrue(widget.locator(".loss-chart-readout").textContent().startsWith("Step 1000: "));
        assertTrue(widget.locator(".loss-chart-readout").textContent().contains("Step 0: Counting " + guide.numbers().format("step0.lastLoss")));

        // The moving average changes what is drawn, not the data: the read-out shows the averaged value.
        widget.locator(".loss-chart-ma").check();
        widget.locator(".loss-chart-plot").focus();
        page.keyboard().press("End");
        double[] losses = guide.numbers().run(0).losses();
        double mean = java.util.Arrays.stream(losses, losses.length - 50, losses.length).average().orElseThrow();
        assertTrue(widget.locator(".loss-chart-readout").textContent().startsWith("Step 1000 (moving average): "));
        assertTrue(widget.locator(".loss-chart-readout").textContent().contains("Step 0: Counting " + String.format(java.util.Locale.ROOT, "%.4f", mean)),
                widget.locator(".loss-chart-readout").textContent());
    }

    @Test
    void everyStep0WidgetRendersWithReadableContrast() {
        for (String path : List.of("step/0/2/", "step/0/4/", "step/0/5/", "step/0/6/", "step/0/7/")) {
            Page page = open(path);
            assertEquals(0, page.locator(".widget-note").count(), path + ": " + page.locator(".widget-note").allTextContents());
            assertEquals(List.of(), page.evaluate(SiteCrawler.CONTRAST_CHECK), path);
        }
    }

    @Test
    void theWidgetsWorkByTouchOnANarrowScreen() {
        newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(360, 740).setHasTouch(true).setIsMobile(true));
        for (String path : List.of("", "step/0/2/", "step/0/4/", "step/0/5/", "step/0/6/", "step/0/7/")) {
            Page page = context.newPage();
            page.navigate(root + path);
            SiteCrawler.waitForScripts(page);
            page.waitForFunction("() => Array.from(document.querySelectorAll('[data-widget]')).every(w => !w.querySelector('.widget-note'))");
            Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0, ((Number) overflow).intValue(), path + ": no sideways scrolling at 360 px");
            if (path.equals("step/0/4/")) {
                page.locator(".token-buttons button[data-id='21']").tap();   // v
                page.waitForFunction("() => document.querySelector('.bigram-heading').textContent.includes('after v:')");
                page.locator("rect.bar").nth(0).tap();
                assertTrue(page.locator(".bigram-readout").textContent().startsWith("p(a | v) = "));
            }
            if (path.equals("step/0/5/")) {
                page.locator(".count-table-next").tap();
                page.waitForFunction("() => document.querySelector('.count-table-step').textContent.startsWith('2 /')");
                page.locator("rect.cell[data-row='26'][data-col='0']").tap();
                assertTrue(page.locator(".count-table-readout").textContent().startsWith("count[BOS → a] = "));
            }
            if (path.equals("")) {
                page.waitForSelector("[data-widget=loss-chart] .u-over");
                Locator over = page.locator("[data-widget=loss-chart] .u-over");
                over.scrollIntoViewIfNeeded();
                var box = over.boundingBox();
                page.touchscreen().tap(box.x + box.width / 3, box.y + box.height / 2);
                assertTrue(page.locator(".loss-chart-readout").textContent().matches("Step \\d+( \\(moving average\\))?: Step 0: Counting .*"),
                        page.locator(".loss-chart-readout").textContent());
            }
            page.close();
        }
    }

    @Test
    void aStepOfTheCountTableRedrawsTheTable() {
        Page page = open("step/0/5/");
        page.waitForSelector(".count-table-heatmap rect.cell");
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            Object ms = page.evaluate("async () => { const step = document.querySelector('.count-table-step');"
                    + " const before = step.textContent; const t0 = performance.now();"
                    + " document.querySelector('.count-table-next').click();"
                    + " while (step.textContent === before) await new Promise(r => requestAnimationFrame(r));"
                    + " return performance.now() - t0; }");
            best = Math.min(best, ((Number) ms).doubleValue());
        }
        // The time is printed for the record (issue: under 200 ms), not asserted: timing belongs
        // to benchmarks, and a busy CI machine would make an assertion flaky.
        System.out.println("count-table: request and redraw of the 27x27 table took " + best + " ms (best of 3)");
        assertTrue(best < Double.MAX_VALUE, "the table redrew");
    }
}
