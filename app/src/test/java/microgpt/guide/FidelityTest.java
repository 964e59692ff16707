package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import microgpt.math.Libm;
import microgpt.train.CPythonReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The "Proof of fidelity" blocks: what they claim is what the comparison measures. */
class FidelityTest {

    @ParameterizedTest(name = "step {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void theGuidesRunsPrintCPythonsLog(int step) {
        Fidelity.View view = Fidelity.of(TestGuide.numbers(), step);
        int lines = CPythonReference.log(step).size();
        assertTrue(view.identical());
        assertEquals("All " + GuideNumbers.count(lines) + " lines of the two logs are identical, character for character: "
                + "the same 1,000 losses to four decimals and the same twenty names.", view.summary());
        if (Libm.NATIVE) assertTrue(view.losses().contains("bit for bit the same: the largest difference is 0."), view.losses());
        assertTrue(view.timing().startsWith("CPython took "), view.timing());
        assertTrue(view.excerpt().stream().allMatch(Fidelity.Row::same));
        assertEquals(lines, view.excerpt().get(view.excerpt().size() - 1).line(), "the excerpt ends with the last name");
    }

    @Test
    void everyStepsLastPageShowsItsBlock() {
        Guide guide = TestGuide.real();
        List<String> pages = List.of("/step/0/7/", "/step/1/9/", "/step/2/8/", "/step/3/8/", "/step/4/6/", "/step/5/4/");
        for (int step = 0; step < 6; step++) {
            String html = guide.servedPage(guide.site().byUrl(pages.get(step)).orElseThrow());
            assertTrue(html.contains("aria-label=\"Proof of fidelity: step " + step + "\""), pages.get(step));
        }
    }

    @Test
    void anotherDataSetIsReportedAsDifferentNotAsAMatch(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("few-names.txt");
        Files.writeString(data, "anna\nbob\ncarla\ndavid\nemma\n");
        Fidelity.View view = Fidelity.of(GuideNumbers.forDataFile(data), 0);
        assertFalse(view.identical());
        assertTrue(view.summary().startsWith("The logs differ from line 1 on ("), view.summary());
        assertTrue(view.summary().endsWith("a different data set gives a different log."), view.summary());
        Fidelity.Row first = view.excerpt().get(0);
        assertEquals("num docs: 32033", first.python());
        assertEquals("num docs: 5", first.java());
        assertFalse(first.same());
    }
}
