package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The loss charts keep runs that coincide apart: Step 1 lies exactly under Step 2 and Step 3
 * almost under Step 4, so the later of each pair is dashed, every line is labelled at its end,
 * and a note gives the largest difference between the two, as the engine computes it.
 */
class LossChartBrowserTest extends BrowserTest {

    private static Locator chart(Page page) {
        page.waitForSelector("[data-widget=loss-chart] canvas");
        return page.locator("[data-widget=loss-chart]").first();
    }

    private static String markerStyle(Locator chart, String label) {
        return chart.locator(".loss-chart-legend button[data-series='" + label + "'] .loss-chart-marker")
                .evaluate("m => getComputedStyle(m).borderTopStyle").toString();
    }

    @Test
    void stepTwoIsDashedOverStepOneAndTheNoteGivesTheirLargestDifference() {
        Locator chart = chart(open("step/2/8/"));
        assertEquals("solid", markerStyle(chart, "Step 1: Gradient Descent"));
        assertEquals("dashed", markerStyle(chart, "Step 2: Autograd"));
        double max = RunFigures.maxDifference(guide.numbers().run(1).losses(), guide.numbers().run(2).losses());
        String difference = String.format(java.util.Locale.ROOT, "%.1e", max).replaceAll("e-0*", "e−");
        String note = chart.locator(".loss-chart-note").textContent();
        assertTrue(note.startsWith("Step 1 and Step 2 lie exactly on top of each other: their losses never differ by more than "
                + difference + " at any step, so Step 2 is drawn dashed over Step 1 ("), note);
        assertTrue(note.contains("only the way the gradient is found differs"), note);
    }

    @Test
    void onFourPointSixBothPairsAreToldApart() {
        Locator chart = chart(open("step/4/6/"));
        for (String solid : List.of("Step 0: Counting", "Step 1: Gradient Descent", "Step 3: Attention")) {
            assertEquals("solid", markerStyle(chart, solid), solid);
        }
        assertEquals("dashed", markerStyle(chart, "Step 2: Autograd"));
        assertEquals("dashed", markerStyle(chart, "Step 4: Transformer"));
        String note = chart.locator(".loss-chart-note").textContent();
        assertTrue(note.contains("Step 3 and Step 4 almost coincide: their losses never differ by more than "
                + guide.numbers().format("compare.steps34.maxDiff") + " at any step, so Step 4 is drawn dashed over Step 3"), note);
        assertTrue(note.contains("Step 1 and Step 2 lie exactly on top of each other"), note);
    }

    @Test
    void theSvgExportHasTheDashesAndALabelAtTheEndOfEveryLine() throws Exception {
        Page page = open("step/4/6/");
        Locator chart = chart(page);
        Download svg = page.waitForDownload(() -> chart.locator(".loss-chart-svg").click());
        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.path().toFile());
        NodeList lines = doc.getElementsByTagName("polyline");
        List<String> dashed = new ArrayList<>();
        for (int i = 0; i < lines.getLength(); i++) {
            Element line = (Element) lines.item(i);
            if (!line.getAttribute("stroke-dasharray").isEmpty()) dashed.add(line.getAttribute("data-label"));
        }
        assertEquals(List.of("Step 2: Autograd", "Step 4: Transformer"), dashed);
        List<String> ends = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        NodeList texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            Element text = (Element) texts.item(i);
            if (text.getAttribute("class").equals("end-label")) {
                ends.add(text.getTextContent());
                ys.add(Double.parseDouble(text.getAttribute("y")));
            }
        }
        assertEquals(5, ends.size(), ends.toString());
        assertTrue(ends.containsAll(List.of("Step 0", "Step 1", "Step 2", "Step 3", "Step 4")), ends.toString());
        for (int i = 1; i < ys.size(); i++) assertTrue(ys.get(i) - ys.get(i - 1) >= 13, "labels do not overlap: " + ys);
    }

    @Test
    void aSingleRunHasNoNoteAndNoDashes() {
        Locator chart = chart(open("step/0/6/"));
        assertFalse(chart.locator(".loss-chart-note").isVisible());
        assertEquals("solid", markerStyle(chart, "Step 0: Counting"));
    }

    @Test
    void theTableSaysWhatFinalLossMeans() {
        Locator chart = chart(open("step/3/8/"));
        chart.locator(".loss-chart-summary summary").click();
        assertEquals(List.of("Series", "First loss", "Last step's loss", "Final loss (average of the last 100 steps)", "Parameters",
                "Training time (median of " + GuideNumbers.TIMED_RUNS + " runs)"), chart.locator(".loss-chart-table thead th").allTextContents());
        String row = chart.locator(".loss-chart-table tbody tr").nth(3).textContent();
        assertTrue(row.contains(guide.numbers().format("step3.avgLoss")) && row.contains(guide.numbers().format("step3.trainMs") + " ms"), row);
    }
}
