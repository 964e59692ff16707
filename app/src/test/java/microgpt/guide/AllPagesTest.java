package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every page the writer wrote, rendered for real: a page that names a missing region, number,
 * token, glossary entry or page fails the build here, with its file in the message.
 */
class AllPagesTest {

    /** Sections per step, as guide.md lays out the contents. */
    private static final List<Integer> SECTIONS_PER_STEP = List.of(7, 9, 8, 8, 6, 4);

    private static Guide guide;

    @BeforeAll
    static void trainEveryStepOnce() {
        guide = TestGuide.real();
        guide.numbers().computeAll();   // the six runs, two at a time, shared with the other tests
    }

    @TestFactory
    Stream<DynamicTest> everyPageRenders() {
        return guide.site().pages().stream().map(page -> DynamicTest.dynamicTest(page.source(), () -> {
            for (Links.Style style : Links.Style.values()) {
                String html = renderOrSayWhere(page, style);
                assertTrue(html.contains("<h1>"), page.source());
                assertFalse(html.contains("{{"), page.source() + " has an unexpanded {{directive}}");
                assertFalse(html.contains("[["), page.source() + " has an unexpanded [[term]]");
                assertFalse(html.contains("\uE000"), page.source() + " has a directive the renderer did not put back");
            }
            Links links = Links.forPage(page.url(), Links.Style.SERVER);
            for (Page.Define define : page.defines()) {      // the last section's defines show on no page: render them here
                guide.renderer().prose(define.name() + " — " + define.meaning(), links);
            }
            if (page.bigIdea() != null) guide.renderer().prose(page.bigIdea(), links);
        }));
    }

    private static String renderOrSayWhere(Page page, Links.Style style) {
        try {
            return guide.renderer().render(page, style);
        } catch (RuntimeException e) {
            throw new AssertionError("pages/" + page.source() + ": " + e.getMessage(), e);
        }
    }

    @Test
    void theGuideHasEverySectionOfTheContents() {
        List<Integer> counts = new ArrayList<>();
        for (int step = 0; step < SECTIONS_PER_STEP.size(); step++) counts.add(guide.site().sectionsOf(step).size());
        assertEquals(SECTIONS_PER_STEP, counts);
        assertEquals(42, guide.site().sections().size());
        assertEquals(42 + 6 + 4, guide.site().pages().size());   // sections, step indexes, Home, History, Glossary, Playground
    }

    /** Titles say what a section is about in full: the attention sections say "Attention", 2.2 and 2.4 what they add. */
    @Test
    void sectionTitlesAreWhole() {
        java.util.Map<String, String> expected = java.util.Map.of(
                "/step/2/2/", "The Value Class: Wrapping Numbers",
                "/step/2/4/", "More Operations and Syntactic Sugar",
                "/step/3/4/", "Self-Attention: Q, K, V",
                "/step/3/5/", "Self-Attention: Scores and Weights",
                "/step/3/6/", "Self-Attention: Output and Residuals",
                "/step/4/2/", "Multi-Head Attention: The Idea",
                "/step/4/3/", "Multi-Head Attention: The Code");
        expected.forEach((url, title) -> {
            Page page = guide.site().byUrl(url).orElseThrow();
            assertEquals(title, page.title(), url);
            String index = guide.renderer().render(guide.site().stepIndex(page.step()), Links.Style.SERVER);
            assertTrue(index.contains(">" + title + "</a>"), "the step index names " + url + " by its title");
        });
    }

    @Test
    void stepIndexesListTheirSectionsAndEndWithTheBigIdea() {
        ContentRules.check(guide);
    }

    @Test
    void everyGlossaryEntryIsAnAnchorOfTheGlossaryPage() {
        String html = guide.renderer().render(guide.site().glossary(), Links.Style.SERVER);
        assertFalse(guide.renderer().glossary().ids().isEmpty());
        for (String id : guide.renderer().glossary().ids()) {
            assertTrue(html.contains(" id=\"" + id + "\""), "glossary anchor #" + id);
        }
    }

    @Test
    void everyCatalogueNumberIsComputed() {
        for (String key : guide.numbers().keys()) {
            assertFalse(guide.numbers().format(key).isBlank(), key);
        }
    }
}
