package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import microgpt.data.Tokenizer;
import microgpt.fast.ParamLayout;
import microgpt.fast.TapeGpt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Step 3–5 widgets, used as a reader uses them, against the trained models' own numbers (the
 * parameters themselves for the embeddings; the API's trace, which Step345ApiTest checks against
 * the engine's probabilities, for what the forward pass computes).
 */
class Step345WidgetsBrowserTest extends BrowserTest {

    private static Tokenizer tokenizer;

    @BeforeAll
    static void vocabulary() {
        tokenizer = TestGuide.numbers().tokenizer();
    }

    private static JsonNode trace(int step, String name) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(root + "api/step345/trace?step=" + step + "&name=" + name)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void positionEmbeddingsAddTheTokenAndPositionRowsOfTheTrainedModel() {
        Page page = open("step/3/2/");
        Locator w = widget(page, "position-embeddings");
        TapeGpt model = ((TapeGpt) TestGuide.numbers().model(3));
        double[] p = model.parameters();
        ParamLayout.Tensor wte = model.layout().get("wte");
        ParamLayout.Tensor wpe = model.layout().get("wpe");
        int m = tokenizer.encode("m")[1];
        for (int pos : new int[] {2, 3}) {
            w.locator("button.pe-pos[data-pos='" + pos + "']").click();
            StringBuilder sum = new StringBuilder();
            for (int j = 0; j < 16; j++) sum.append(j == 0 ? "" : " ").append(fixed(p[wte.at(m, j)] + p[wpe.at(pos, j)], 3));
            assertEquals(sum.toString(), w.locator(".pe-sum .w345-numbers").textContent());
            assertEquals(fixed(p[wte.at(m, 0)], 3), w.locator(".pe-token .w345-numbers").textContent().split(" ")[0]);
        }
        assertTrue(w.locator(".pe-compare").textContent().contains("also sits at position 2"), w.locator(".pe-compare").textContent());
        w.locator("input.pe-name").fill("bob");
        w.locator("button[type=submit]").click();
        page.waitForFunction("() => document.querySelectorAll('[data-widget=position-embeddings] button.pe-pos').length === 4");
        w.locator("input.pe-name").fill("Bob");
        w.locator("button[type=submit]").click();
        assertTrue(w.locator(".w345-message").textContent().contains("not in the vocabulary"));
    }

    @Test
    void rmsnormRescalesTheEditedVectorToLengthFour() {
        Page page = open("step/3/3/");
        Locator w = widget(page, "rmsnorm");
        page.waitForFunction("() => document.querySelector('[data-widget=rmsnorm] .rn-stats-after') !== null");
        for (int i = 0; i < 16; i++) w.locator("input[aria-label='x[" + i + "]']").fill(i % 2 == 0 ? "3" : "-1");
        // mean(x²) = 5; after: each entry × 1/√(5 + 1e-5)
        page.waitForFunction("() => document.querySelector('[data-widget=rmsnorm] .rn-stats-before').textContent.includes('RMS 2.2361')");
        double scale = Math.pow(5 + 1e-5, -0.5);
        assertEquals("after: RMS " + fixed(Math.sqrt(16 * 5 * scale * scale / 16), 4) + ", length " + fixed(Math.sqrt(16 * 5 * scale * scale), 4),
                w.locator(".rn-stats-after").textContent());
        assertTrue(w.locator(".rn-after .w345-numbers").textContent().startsWith(fixed(3 * scale, 3)));
    }

    @Test
    void theAttentionExplorerShowsEveryHeadOfAnyNameForEachTrainedStep() throws Exception {
        Page page = open("step/5/4/");
        Locator w = widget(page, "attention-explorer");
        page.waitForSelector(".ae-map");
        assertEquals(4, w.locator(".ae-map").count(), "Step 5: one layer of four heads");
        assertTrue(w.locator(".ae-layer-picker").isHidden(), "one layer: no layer menu");
        w.locator(".ae-name").fill("ava");
        w.locator("button[type=submit]").click();
        page.waitForFunction("() => document.querySelectorAll('.ae-map')[0].querySelectorAll('.ae-cell').length === 10");
        JsonNode weights = trace(5, "ava").get("positions").get(2).get("layers").get(0).get("heads").get(2).get("weights");
        w.locator(".ae-cell[data-layer='0'][data-head='2'][data-t='2'][data-s='1']").hover();
        assertEquals("Layer 0, head 2: position 2 (v) gives position 1 (a) the weight " + fixed(weights.get(1).asDouble(), 4) + ".",
                w.locator(".ae-readout").textContent());
        // the keyboard: a keyboard user's pointer is not over the maps; focus a map, move down a row
        JsonNode first = trace(5, "ava").get("positions").get(1).get("layers").get(0).get("heads").get(0).get("weights");
        page.mouse().move(0, 0);
        w.locator(".ae-map").first().focus();
        page.keyboard().press("ArrowDown");
        String expected = "Layer 0, head 0: position 1 (a) gives position 0 (BOS) the weight " + fixed(first.get(0).asDouble(), 4) + ".";
        page.waitForFunction("expected => document.querySelector('.ae-readout').textContent === expected", expected);
        // Step 3 has a single head
        w.locator("button.ae-step[data-step='3']").click();
        page.waitForFunction("() => document.querySelectorAll('.ae-map').length === 1");
        assertEquals(1, w.locator(".ae-map").count());
    }

    @Test
    void attentionWeightsOfAPositionAreTheModelsAndSumToOne() throws Exception {
        Page page = open("step/3/5/");
        Locator w = widget(page, "attention-weights");
        JsonNode weights = trace(3, "emma").get("positions").get(3).get("layers").get(0).get("heads").get(0).get("weights");
        w.locator("button.aw-pos[data-pos='3']").click();
        assertEquals(4, w.locator(".aw-bar").count());
        w.locator(".aw-bar[data-s='1']").hover();
        assertEquals("Position 3 (m) gives position 1 (e) the weight " + fixed(weights.get(1).asDouble(), 4) + ".",
                w.locator(".aw-readout").textContent());
        w.locator(".aw-bar[data-s='2']").focus();
        assertTrue(w.locator(".aw-readout").textContent().endsWith(fixed(weights.get(2).asDouble(), 4) + "."));
        assertEquals(fixed(weights.get(0).asDouble(), 4), w.locator(".aw-weight").nth(0).textContent());
        assertEquals(15, w.locator(".aw-cell").count(), "1 + 2 + 3 + 4 + 5 cells: each position attends to itself and earlier ones");
    }

    @Test
    void kvCacheGrowsOneEntryPerPositionAndMarksTheNewest() throws Exception {
        Page page = open("step/3/7/");
        Locator w = widget(page, "kv-cache");
        assertEquals(1, w.locator(".kv-entry").count());
        w.locator("button.kv-next").click();
        w.locator("button.kv-next").click();
        assertEquals(3, w.locator(".kv-entry").count());
        assertEquals("2", w.locator(".kv-newest").getAttribute("data-pos"));
        JsonNode k = trace(3, "emma").get("positions").get(2).get("layers").get(0).get("k");
        assertEquals(fixed(k.get(0).asDouble(), 3), w.locator(".kv-newest .kv-k .w345-numbers").textContent().split(" ")[0]);
        w.locator("button.kv-next").click();
        w.locator("button.kv-next").click();
        assertTrue(w.locator("button.kv-next").isDisabled());
        assertTrue(w.locator(".kv-status").textContent().contains("holds 5 keys"));
    }

    @Test
    void multiHeadFillsXAttnOneSliceAtATime() throws Exception {
        Page page = open("step/4/3/");
        Locator w = widget(page, "multi-head");
        JsonNode layer = trace(4, "emma").get("positions").get(3).get("layers").get(0);
        for (int h = 0; h < 4; h++) {
            w.locator("button.mh-next").click();
            assertTrue(w.locator(".mh-head").textContent().startsWith("Head " + h + " takes q[" + 4 * h + ":" + (4 * h + 4) + "]"));
        }
        StringBuilder xAttn = new StringBuilder();
        for (int j = 0; j < 16; j++) xAttn.append(j == 0 ? "" : " ").append(fixed(layer.get("xAttn").get(j).asDouble(), 3));
        assertEquals(xAttn.toString(), w.locator(".mh-xattn .w345-numbers").textContent());
        assertTrue(w.locator("button.mh-next").isDisabled());
        assertTrue(w.locator(".mh-weights").textContent().endsWith(fixed(layer.get("heads").get(3).get("weights").get(3).asDouble(), 3)));
    }

    @Test
    void momentumDownloadsItsThreeSeriesAndItsChart() throws Exception {
        Page page = open("step/5/2/");
        Locator w = widget(page, "momentum");
        page.waitForSelector("[data-widget=momentum] svg");
        java.nio.file.Path csvFile = page.waitForDownload(() -> w.locator(".chart-csv").click()).path();
        List<String> csv = java.nio.file.Files.readAllLines(csvFile);
        assertEquals("step,g,m,m_corrected", csv.get(0));
        String[] first = csv.get(1).split(",");
        double g = Double.parseDouble(first[1]);
        assertEquals((1 - microgpt.steps.Step5Adam.BETA1) * g, Double.parseDouble(first[2]), 1e-15, "m after one step is (1 - β1) g");
        assertEquals(g, Double.parseDouble(first[3]), 1e-12, "and corrected, g itself");
        org.w3c.dom.Document svg = Step12WidgetsBrowserTest.parseSvg(page.waitForDownload(() -> w.locator(".chart-svg").click()).path());
        assertEquals(3, svg.getElementsByTagName("path").getLength(), "g, m and the corrected m");
    }

    @Test
    void momentumAveragesTheSeededNoiseAndCorrectsTheBias() {
        Page page = open("step/5/2/");
        Locator w = widget(page, "momentum");
        Object g1 = page.evaluate("async () => (await import('" + root + "assets/js/widgets/momentum.js')).gradients()[0]");
        double g = ((Number) g1).doubleValue();
        w.locator("svg.chart").focus();
        page.keyboard().press("Home");
        // The slider starts at microgpt's β1 = 0.85, the value 5.2 teaches: m₁ = 0.15·g₁, corrected m₁ / (1 − 0.85) = g₁
        double beta1 = microgpt.steps.Step5Adam.BETA1;
        assertEquals(String.format(java.util.Locale.ROOT, "%.2f", beta1), w.locator(".mo-beta-value").textContent());
        assertEquals(beta1, Double.parseDouble(w.locator("input.mo-beta").inputValue()));
        assertEquals("Step 1: g = " + fixed(g, 3) + ", m = " + fixed((1 - beta1) * g, 3) + ", corrected " + fixed((1 - beta1) * g / (1 - beta1), 3)
                + ". (← → move along the steps.)", w.locator(".mo-readout").textContent());
        w.locator("input.mo-beta").fill("0.5");
        assertEquals("0.50", w.locator(".mo-beta-value").textContent());
        assertTrue(w.locator(".mo-readout").textContent().contains("m = " + fixed(0.5 * g, 3)));
        w.locator("input.mo-correct").uncheck();
        assertEquals(0, w.locator("path.mo-c").count());
        assertTrue(w.locator(".w345-source").textContent().contains("seeded noise"));
    }

    @Test
    void architectureHighlightsWhatEachStepAdds() {
        Page page = open("step/3/1/");
        Locator w = widget(page, "architecture");
        assertEquals(7, w.locator(".ar-new").count(), "position embedding, add, RMSNorm, attention, two residuals, lm_head");
        w.locator(".ar-block[data-id='wpe']").hover();
        assertTrue(w.locator(".ar-readout").textContent().startsWith("position embedding (new in Step 3)"));
        w.locator(".ar-block[data-id='softmax']").focus();
        assertTrue(w.locator(".ar-readout").textContent().contains("27 probabilities"));
        Page four = open("step/4/1/");
        Locator w4 = widget(four, "architecture");
        assertEquals(1, w4.locator(".ar-layer").count());
        assertTrue(w4.locator(".ar-block[data-id='attn']").textContent().contains("4 heads"));
    }
}
