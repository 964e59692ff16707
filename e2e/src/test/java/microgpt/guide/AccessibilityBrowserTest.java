package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every page of the guide audited by axe-core (Deque's accessibility engine, the one behind most
 * browser audits) at a laptop's width and a small phone's, each page as a reader meets it: maths
 * typeset, every widget drawn. A violation of impact serious or critical fails the test, named by
 * rule, page and the elements it found, so the message says what to fix and where.
 */
class AccessibilityBrowserTest extends BrowserTest {

    /** The impacts that fail the audit; axe's other two, moderate and minor, are advice. */
    private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {1280, 360})
    void noPageHasASeriousOrCriticalViolation(int width) {
        Page page = newContext(new Browser.NewContextOptions().setViewportSize(width, 900)).newPage();
        List<String> violations = new ArrayList<>();
        for (microgpt.guide.Page guidePage : guide.site().pages()) {
            assertEquals(200, page.navigate(root + guidePage.url().substring(1)).status(), guidePage.url());
            SiteCrawler.waitForWidgets(page);
            AxeResults results = axe(page).analyze();
            assertFalse(results.isErrored(), guidePage.url() + ": axe failed: " + results.getErrorMessage());
            assertFalse(results.getPasses().isEmpty(), guidePage.url() + ": axe checked nothing");
            violations.addAll(failing(guidePage.url(), results));
        }
        assertEquals(List.of(), violations, "serious or critical accessibility violations at " + width + " px");
    }

    /** The audit can fail: the loss chart's old mistake, a focusable image holding a button, is found and named. */
    @Test
    void theAuditFindsAControlInsideAFocusableImage() {
        Page page = newContext(new Browser.NewContextOptions()).newPage();
        page.setContent("<!DOCTYPE html><html lang=\"en\"><title>t</title><main><h1>t</h1>"
                + "<div id=\"chart\" role=\"img\" tabindex=\"0\" aria-label=\"a chart\"><button>Step 1</button></div></main></html>");
        List<String> found = failing("test page", axe(page).analyze());
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("nested-interactive (serious) on test page: "), found.get(0));
        assertTrue(found.get(0).endsWith("at [[#chart]]"), found.get(0));
    }

    /**
     * axe run in the page itself: the guide has no frames, so the default (partial runs joined
     * in a fresh blank page per audit, for pages with cross-origin frames) only adds a page and
     * seconds to every audit. The passes are not kept, only the violations are needed.
     */
    private static AxeBuilder axe(Page page) {
        AxeRunOptions options = new AxeRunOptions();
        options.setResultTypes(List.of("violations"));
        return new AxeBuilder(page).setLegacyMode(true).options(options);
    }

    /** One line per violation that fails the audit: rule, impact, page, the elements (CSS selectors) it was found on. */
    private static List<String> failing(String url, AxeResults results) {
        List<String> lines = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if (!FAILING_IMPACTS.contains(rule.getImpact())) continue;
            List<String> targets = rule.getNodes().stream().map(CheckedNode::getTarget).map(String::valueOf).toList();
            lines.add(rule.getId() + " (" + rule.getImpact() + ") on " + url + ": " + rule.getHelp() + "; at " + targets);
        }
        return lines;
    }
}
