package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.List;
import microgpt.autograd.Value;
import microgpt.data.Documents;
import microgpt.data.PyFormat;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.steps.Step1GradientDescent;
import microgpt.steps.Step2Autograd;
import microgpt.train.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Step 1 and Step 2 widgets, used as a reader uses them, against the engine's own numbers. */
class Step12WidgetsBrowserTest extends BrowserTest {

    private static Tokenizer tokenizer;
    private static Step1GradientDescent untrained;
    private static Step1GradientDescent trained;

    @BeforeAll
    static void trainTheModels() {
        PyRandom rng = new PyRandom(GuideNumbers.SEED);
        List<String> names = Documents.shuffled(TestGuide.numbers().docs(), rng);
        tokenizer = new Tokenizer(names);
        untrained = new Step1GradientDescent(tokenizer, rng, 1.0);
        PyRandom rng2 = new PyRandom(GuideNumbers.SEED);
        Documents.shuffled(TestGuide.numbers().docs(), rng2);
        trained = new Step1GradientDescent(tokenizer, rng2, 1.0);
        Trainer.train(trained, names, tokenizer, GuideNumbers.NUM_STEPS, (s, total, loss) -> true);
    }

    @Test
    void paramHeatmapsShowTheValueOfTheCellUnderThePointerAndUnderTheKeys() {
        Page page = open("step/1/2/");
        Locator w = widget(page, "param-heatmaps");
        assertEquals(3, w.locator("svg.heatmap").count());
        w.locator("svg.heatmap").nth(0).locator("rect[data-r='3'][data-c='7']").hover();
        assertTrue(w.locator(".hm-readout").textContent().contains("wte[3][7] (row d) = " + fixed(untrained.parameters().get("wte")[3][7], 4)),
                w.locator(".hm-readout").textContent());
        page.mouse().move(0, 0);   // a keyboard user's pointer rests elsewhere
        w.locator("svg.heatmap").nth(1).focus();
        page.keyboard().press("ArrowDown");
        page.keyboard().press("ArrowRight");
        page.keyboard().press("ArrowRight");
        page.waitForFunction("expected => document.querySelector('.hm-readout').textContent.includes(expected)",
                "mlp_fc1[1][2] (row h1) = " + fixed(untrained.parameters().get("mlp_fc1")[1][2], 4));
        assertEquals(root + "step/1/2/", page.url(), "the arrows moved the cursor, not the page");
    }

    @Test
    void dotProductSumsTheProductsOfEachRowAsTheReaderTypes() {
        Page page = open("step/1/3/");
        Locator w = widget(page, "dot-product");
        w.locator("input[aria-label='x[0]']").fill("2");
        w.locator("input[aria-label='w[0][0]']").fill("3");
        w.locator("input[aria-label='w[0][1]']").fill("-1.5");
        // x = (2, 2, −1), w[0] = (3, −1.5, 0): 6 − 3 + 0 = 3
        assertEquals("y[0] = 3.00", w.locator(".dp-out[data-row='0']").textContent());
        assertEquals("y[1] = 7.00", w.locator(".dp-out[data-row='1']").textContent());   // (1, 2, −1)·(2, 2, −1) = 2 + 4 + 1
    }

    @Test
    void softmaxEditorTurnsLogitsIntoProbabilitiesAndIgnoresAShift() {
        Page page = open("step/1/3/");
        Locator w = widget(page, "softmax-editor");
        Locator first = w.locator(".sm-prob").nth(0);
        String before = first.textContent();
        w.locator("button", new Locator.LocatorOptions().setHasText("Add 1 to every logit")).click();
        assertEquals(before, first.textContent(), "adding the same amount to every logit changes nothing");
        w.locator("input[type=range]").nth(0).focus();
        for (int i = 0; i < 40; i++) page.keyboard().press("ArrowRight");
        assertEquals("6.0", w.locator(".sm-logit").nth(0).textContent());
        assertTrue(w.locator(".sm-summary").textContent().contains("add up to 1.000"));
    }

    @Test
    void mlpFlowShowsTheTrainedNetworksProbabilitiesForThePickedToken() {
        Page page = open("step/1/4/");
        Locator w = widget(page, "mlp-flow");
        w.locator("select").selectOption("m");
        page.waitForFunction("() => document.querySelector('.mf-probs caption').textContent.includes('after m')");
        double[] probs = trained.forward(tokenizer.encode("m")[1]).probs();
        for (String next : List.of("a", "e", "BOS")) {
            int id = next.equals("BOS") ? tokenizer.bos : tokenizer.encode(next)[1];
            assertEquals(fixed(probs[id], 4), w.locator(".mf-probs tr[data-token='" + next + "'] .mf-p").textContent(), next);
        }
        long zeros = java.util.Arrays.stream(trained.forward(tokenizer.encode("m")[1]).hidden()).filter(h -> h == 0).count();
        assertEquals(zeros, w.locator(".mf-zero").count());
        w.locator(".mf-numbers summary").click();
        double x0 = trained.forward(tokenizer.encode("m")[1]).x()[0];
        assertTrue(w.locator(".mf-numbers").textContent().contains("x (16): " + fixed(x0, 3) + ", "), "the numbers as text");
    }

    @Test
    void forwardPassStepsThroughAvaToItsMeanLoss() {
        Page page = open("step/1/5/");
        Locator w = widget(page, "forward-pass");
        int[] ava = tokenizer.encode("ava");
        assertEquals(fixed(trained.forward(ava[0]).probs()[ava[1]], 4), w.locator(".fp-p").textContent());
        w.locator(".fp-next").click();
        w.locator(".fp-next").click();
        w.locator(".fp-next").click();
        assertTrue(w.locator(".fp-next").isDisabled());
        assertEquals(fixed(-Math.log(trained.forward(ava[3]).probs()[ava[4]]), 4), w.locator(".fp-loss").textContent());
        assertEquals(fixed(trained.loss(ava), 4), w.locator(".fp-mean").textContent());
        assertTrue(!w.textContent().contains("null"), "no stray null in the table");
        w.locator(".fp-name").fill("Zoë");
        w.locator(".fp-name").press("Enter");
        page.waitForFunction("() => document.querySelector('.fp-message').textContent.includes('not in the vocabulary')");
        w.locator(".fp-name").fill("emma");
        w.locator(".fp-name").press("Enter");
        page.waitForFunction("() => document.querySelector('.fp-table caption').textContent.includes('emma')");
        w.locator(".fp-all").click();
        assertEquals(fixed(trained.loss(tokenizer.encode("emma")), 4), w.locator(".fp-mean").textContent());
    }

    @Test
    void numericalSlopeMovesTheSecantTowardsTheAnalyticSlopeAsEpsilonShrinks() {
        Page page = open("step/1/6/");
        Locator w = widget(page, "numerical-slope");
        int[] yuheng = tokenizer.encode("yuheng");
        double analytic = untrained.analyticGradient(yuheng).wte()[6][6];
        assertEquals(sci(analytic, 6), w.locator(".ns-analytic").textContent());
        double bigError = Math.abs(parse(w.locator(".ns-error").textContent()));
        w.locator(".ns-eps").focus();
        for (int i = 0; i < 6; i++) page.keyboard().press("ArrowLeft");   // 1e-2 → 1e-5
        page.waitForFunction("() => document.querySelector('.ns-table caption').textContent.includes('1.0e-05')");
        double smallError = Math.abs(parse(w.locator(".ns-error").textContent()));
        assertTrue(smallError < bigError / 100, smallError + " vs " + bigError);
        // drag the point along the curve: the tangent now belongs to a new θ
        Locator chart = w.locator("svg.chart");
        chart.scrollIntoViewIfNeeded();
        var box = chart.boundingBox();
        page.mouse().move(box.x + box.width * 0.8, box.y + box.height / 2);
        page.mouse().down();
        page.mouse().move(box.x + box.width * 0.85, box.y + box.height / 2);
        page.mouse().up();
        page.waitForFunction("() => !document.querySelector('.ns-table caption').textContent.includes('θ = −0.')"
                + " && !document.querySelector('.ns-table caption').textContent.includes('θ = 0.0')");
        assertTrue(w.locator(".ns-table caption").textContent().contains("θ = 0."), w.locator(".ns-table caption").textContent());
        // the curve as numbers: the loss at each value of wte[6][6] the chart draws
        List<String> csv = readDownload(page, w.locator(".chart-csv"));
        assertEquals("value,loss", csv.get(0));
        assertTrue(csv.size() > 10, csv.size() + " lines");
        String[] point = csv.get(1).split(",");
        assertTrue(Double.parseDouble(point[1]) > 0, "a loss: " + csv.get(1));
    }

    private static List<String> readDownload(Page page, Locator button) {
        try {
            return java.nio.file.Files.readAllLines(page.waitForDownload(button::click).path());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double parse(String text) {
        return Double.parseDouble(text.replace('−', '-'));
    }

    private static String sci(double x, int digits) {
        return PyFormat.scientific(x, digits).replace('-', '−').replace("e−", "e-");
    }

    @Test
    void gradcheckScatterShowsTheEnginesLargestDifferenceOnYuhengAndOnAnyName() {
        Page page = open("step/1/8/");
        Locator w = widget(page, "gradcheck-scatter");
        assertEquals(3184, w.locator(".gc-dots circle").count());
        assertEquals("2.030e-09", w.locator(".gc-max").textContent());
        assertEquals(TestGuide.numbers().format("step1.gradcheck.maxDiff"), w.locator(".gc-max").textContent());
        w.locator(".gc-name").fill("emma");
        w.locator(".gc-name").press("Enter");
        page.waitForFunction("() => document.querySelector('.gc-result').textContent.includes('emma')");
        Step1GradientDescent fresh = freshStep1();
        assertEquals(PyFormat.scientific(fresh.gradientCheck(tokenizer.encode("emma")).maxDifference(), 3), w.locator(".gc-max").textContent());
        w.locator("svg.chart").focus();
        page.keyboard().press("Home");
        assertTrue(w.locator(".gc-readout").textContent().startsWith("wte[0][0] (parameter 0)"));
    }

    private static Step1GradientDescent freshStep1() {
        PyRandom rng = new PyRandom(GuideNumbers.SEED);
        Documents.shuffled(TestGuide.numbers().docs(), rng);
        return new Step1GradientDescent(tokenizer, rng, 1.0);
    }

    @Test
    void theScatterAndTheReplayDownloadAsStyledSvgAndAsTheirNumbers() throws Exception {
        Page page = open("step/1/8/");
        Locator w = widget(page, "gradcheck-scatter");
        page.waitForSelector("[data-widget=gradcheck-scatter] .gc-dots circle");
        Step1GradientDescent.GradientCheck check = untrained.gradientCheck(tokenizer.encode("yuheng"));
        List<String> csv = readDownload(page, w.locator(".chart-csv"));
        assertEquals("parameter,name,numerical,analytic,difference", csv.get(0));
        assertEquals(untrained.parameterCount() + 1, csv.size());
        String[] first = csv.get(1).split(",");
        assertEquals(check.numerical()[0], Double.parseDouble(first[2]));
        assertEquals(check.analytic()[0], Double.parseDouble(first[3]));
        org.w3c.dom.Document svg = parseSvg(page.waitForDownload(() -> w.locator(".chart-svg").click()).path());
        assertEquals(untrained.parameterCount() + 1, svg.getElementsByTagName("circle").getLength(), "every dot and the ring");
        String dotStyle = ((org.w3c.dom.Element) svg.getElementsByTagName("circle").item(0)).getAttribute("style");
        assertTrue(dotStyle.contains("fill:rgb("), "the page's colours travel with it: " + dotStyle);

        page = open("step/1/9/");
        Locator replay = widget(page, "training-replay");
        List<String> losses = readDownload(page, replay.locator(".chart-csv"));
        assertEquals("step,loss,mean_of_last_100", losses.get(0));
        double[] run = TestGuide.numbers().run(1).losses();
        assertEquals(run.length + 1, losses.size());
        assertEquals(run[999], Double.parseDouble(losses.get(1000).split(",")[1]));
        assertEquals("svg", parseSvg(page.waitForDownload(() -> replay.locator(".chart-svg").click()).path())
                .getDocumentElement().getTagName());
    }

    static org.w3c.dom.Document parseSvg(java.nio.file.Path file) throws Exception {
        return javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void trainingReplayScrubsToAnyStepAndPlays() {
        Page page = open("step/1/9/");
        Locator w = widget(page, "training-replay");
        double[] losses = TestGuide.numbers().run(1).losses();
        assertTrue(w.locator(".tr-readout").textContent().startsWith("Step 1000 of 1000"), "complete before play");
        w.locator(".tr-scrub").focus();
        page.keyboard().press("Home");
        String first = TestGuide.numbers().shuffledDocs().get(0);
        assertTrue(w.locator(".tr-readout").textContent().startsWith("Step 1 of 1000: the name \"" + first + "\", loss " + fixed(losses[0], 4)),
                w.locator(".tr-readout").textContent());
        w.locator(".tr-play").click();
        page.waitForFunction("() => !document.querySelector('.tr-readout').textContent.startsWith('Step 1 of')");
        w.locator(".tr-play").click();   // pause
        assertEquals("Play", w.locator(".tr-play").textContent());
    }

    @Test
    void trainingReplayIsCompleteAtOnceWithReducedMotion() {
        newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setReducedMotion(com.microsoft.playwright.options.ReducedMotion.REDUCE));
        Page page = context.newPage();
        page.navigate(root + "step/1/9/");
        SiteCrawler.waitForScripts(page);
        assertTrue(widget(page, "training-replay").locator(".tr-readout").textContent().startsWith("Step 1000 of 1000"));
    }

    @Test
    void temperatureSamplesRefetchAsTheSliderMoves() {
        Page page = open("step/1/9/");
        Locator w = widget(page, "temperature-samples");
        assertEquals(String.join(",", TestGuide.numbers().run(1).samples()),
                String.join(",", w.locator(".ts-name").allTextContents()), "at 0.5: the run's own names");
        w.locator("input[type=range]").focus();
        for (int i = 0; i < 15; i++) page.keyboard().press("ArrowRight");
        page.waitForFunction("() => document.querySelector('.ts-note').textContent.startsWith('Temperature 2.0')");
        assertEquals(20, w.locator(".ts-name").count());
        PyRandom rng = new PyRandom(GuideNumbers.SEED);
        Documents.shuffled(TestGuide.numbers().docs(), rng);
        new Step1GradientDescent(tokenizer, rng, 1.0);
        List<String> expected = Trainer.samples(trained, tokenizer, rng, 2.0, 16, 20).stream().map(n -> n.isEmpty() ? "(empty)" : n).toList();
        assertEquals(expected, w.locator(".ts-name").allTextContents());
    }

    @Test
    void nodeDiagramExplainsANodeAndFollowsTheInputs() {
        Page page = open("step/2/3/");
        Locator w = widget(page, "node-diagram");
        w.locator(".graph-node[role=button]").first().click();
        assertTrue(w.locator(".nd-detail").textContent().contains("multiply node has data −6.00"), w.locator(".nd-detail").textContent());
        w.locator("input[data-leaf=a]").fill("4");
        page.waitForFunction("() => document.querySelector('.nd-detail').textContent.includes('−12.00')");
        assertTrue(w.locator(".nd-detail").textContent().contains("∂/∂a = −3.00, ∂/∂b = 4.00"), w.locator(".nd-detail").textContent());
        w.locator(".graph-node[role=button]").last().focus();
        page.keyboard().press("Enter");
        assertTrue(w.locator(".nd-detail").textContent().contains("This add node has data −2.00"), w.locator(".nd-detail").textContent());
    }

    @Test
    void graphBackwardFillsInTheGradsOfValueBackwardNodeByNode() {
        Page page = open("step/2/5/");
        Locator w = widget(page, "graph-backward");
        w.locator(".gb-expr").selectOption("diffsquares");
        page.waitForFunction("() => document.querySelector('.gb-status').textContent.includes('(a + b) * (a - b)')");
        Value a = new Value(2);
        Value b = new Value(-3);
        Value e = a.add(b).mul(a.sub(b));
        e.backward();
        assertEquals("?", w.locator("tr[data-label=a] .gb-grad").textContent());
        w.locator(".gb-step").click();
        assertTrue(w.locator(".gb-status").textContent().contains("visited 1 of 7"));
        for (int i = 1; i < 7; i++) w.locator(".gb-step").click();
        assertTrue(w.locator(".gb-step").isDisabled());
        assertEquals(a.grad, Double.parseDouble(w.locator("tr[data-label=a] .gb-grad").textContent()));
        assertEquals(b.grad, Double.parseDouble(w.locator("tr[data-label=b] .gb-grad").textContent()));
        assertEquals("All 7 grads equal the engine's Value.backward().", w.locator(".gb-check").textContent());
        assertTrue(w.locator(".graph-node[data-label=a] .graph-grad").textContent().contains("(2×)"), "a reaches the result twice");
    }

    @Test
    void graphBackwardWalksTheThousandsOfNodesOfOnePosition() {
        Page page = open("step/2/5/");
        Locator w = widget(page, "graph-backward");
        w.locator(".gb-expr").selectOption("position");
        page.waitForFunction("() => document.querySelector('.gb-status').textContent.includes('position 1')");
        PyRandom rng = new PyRandom(GuideNumbers.SEED);
        Documents.shuffled(TestGuide.numbers().docs(), rng);
        Step2Autograd model = new Step2Autograd(tokenizer, rng, 1.0);
        Value loss = model.positionLoss(tokenizer.encode("ava"), 1);
        int size = loss.topologicalOrder().size();
        w.locator(".gb-step100").click();
        assertTrue(w.locator(".gb-status").textContent().contains("visited 100 of " + size));
        w.locator(".gb-all").click();
        assertEquals("All " + size + " grads equal the engine's Value.backward().", w.locator(".gb-check").textContent());
    }

    @Test
    void everyStep12WidgetFitsA360PixelScreenAndAnswersATap() {
        newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(360, 740).setHasTouch(true).setIsMobile(true));
        for (String path : List.of("step/1/2/", "step/1/3/", "step/1/4/", "step/1/5/", "step/1/6/", "step/1/8/", "step/1/9/", "step/2/3/", "step/2/5/")) {
            Page page = context.newPage();
            page.navigate(root + path);
            SiteCrawler.waitForScripts(page);
            Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0, ((Number) overflow).intValue(), path + ": no sideways scrolling at 360 px");
            page.close();
        }
        Page page = context.newPage();
        page.navigate(root + "step/2/5/");
        SiteCrawler.waitForScripts(page);
        Locator w = widget(page, "graph-backward");
        w.locator(".gb-step").tap();
        w.locator(".gb-step").tap();
        assertTrue(w.locator(".gb-status").textContent().contains("visited 2 of 5"), w.locator(".gb-status").textContent());
    }

    @Test
    void theHeaviestWidgetDrawsFromItsData() {
        Page page = open("step/1/8/");
        // Time the scatter's drawing alone: its data is fetched first, then the module draws it again.
        Number ms = (Number) page.evaluate("async () => {"
                + " const kit = await import('/assets/js/widgets/lib/kit.js');"
                + " await kit.api('step1/gradcheck');"
                + " const mod = await import('/assets/js/widgets/gradcheck-scatter.js');"
                + " const div = document.createElement('div'); document.querySelector('main').append(div);"
                + " const realFetch = window.fetch; const cache = new Map();"
                + " const answers = await Promise.all(['api/step1/gradcheck', 'assets/js/widgets/manifest.json'].map(async p => [p, await (await realFetch('/' + p)).text()]));"
                + " window.fetch = async (url) => { const p = new URL(url, location.href).pathname.slice(1);"
                + "   const hit = answers.find(([q]) => q === p); return hit ? new Response(hit[1], {status: 200}) : realFetch(url); };"
                + " const t0 = performance.now(); await mod.default(div, {}); const t = performance.now() - t0;"
                + " window.fetch = realFetch; return t; }");
        // Printed for the record (the issue asks for under 200 ms), not asserted: timing belongs to
        // benchmarks, and a busy CI machine would make an assertion flaky.
        System.out.println("gradcheck-scatter drew 3,184 dots in " + ms + " ms");
        assertEquals(3184L, ((Number) page.evaluate("() => document.querySelectorAll('main > div:last-child circle:not(.gc-selected)').length")).longValue());
    }
}
