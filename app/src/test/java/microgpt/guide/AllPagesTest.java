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

    /** The glossary is A to Z: a jump bar of 26 letters, each term under the heading of its initial, in order. */
    @Test
    void theGlossaryJumpsFromAToZ() {
        String html = guide.renderer().render(guide.site().glossary(), Links.Style.SERVER);
        String bar = html.substring(html.indexOf("<nav class=\"glossary-letters\""), html.indexOf("</nav>", html.indexOf("glossary-letters")));
        java.util.regex.Matcher item = java.util.regex.Pattern.compile("<li>(?:<a href=\"#([a-z])\">([A-Z])</a>|<span[^>]*>([A-Z])</span>)</li>").matcher(bar);
        List<String> letters = new ArrayList<>();
        List<String> linked = new ArrayList<>();
        while (item.find()) {
            letters.add(item.group(2) != null ? item.group(2) : item.group(3));
            if (item.group(1) != null) {
                linked.add(item.group(2));
                assertEquals(item.group(2).toLowerCase(), item.group(1));
                assertTrue(html.contains("<h2 id=\"" + item.group(1) + "\">" + item.group(2) + "</h2>"), "a heading for " + item.group(2));
            }
        }
        assertEquals(26, letters.size(), bar);
        assertEquals("ABCDEFGHIJKLMNOPQRSTUVWXYZ", String.join("", letters));
        // Every term (h3) sits under the letter (h2) it starts with, and the terms are in A-Z order.
        String letter = null;
        String previous = "";
        List<String> withTerms = new ArrayList<>();
        java.util.regex.Matcher heading = java.util.regex.Pattern.compile("<h([23]) id=\"[^\"]*\">(.*?)</h[23]>").matcher(html);
        while (heading.find()) {
            String text = heading.group(2);
            if (heading.group(1).equals("2")) {
                letter = text;
                withTerms.add(text);
            } else {
                assertEquals(letter, text.substring(0, 1).toUpperCase(), text + " under " + letter);
                assertTrue(previous.compareToIgnoreCase(text) < 0, previous + " before " + text);
                previous = text;
            }
        }
        assertEquals(withTerms, linked, "the letters with terms are the linked ones");
    }

    /** The box is short: only this step's earlier sections (4.6 used to list all 97 terms so far, oldest first). */
    @Test
    void previouslyDefinedHoldsOnlyThisStepsEarlierSections() {
        Page last = guide.site().byUrl("/step/4/6/").orElseThrow();
        List<Page.Define> expected = new ArrayList<>();
        for (int section = 1; section < 6; section++) expected.addAll(guide.site().byUrl("/step/4/" + section + "/").orElseThrow().defines());
        assertEquals(expected, guide.site().definedBefore(last));
        String html = guide.renderer().render(last, Links.Style.SERVER);
        String box = html.substring(html.indexOf("<details class=\"defined\""), html.indexOf("</details>", html.indexOf("<details class=\"defined\"")));
        assertEquals(expected.size(), box.split("<dt>").length - 1, box);
        assertTrue(expected.size() < 20, "a short list");
        for (int step = 0; step <= 4; step++) assertTrue(box.contains("href=\"../../../step/" + step + "/#defined\">Step " + step + "</a>"), box);
    }

    /** The Nu HTML checker's "Duplicate dt name in dl": no list of definitions names a term twice. */
    @Test
    void noDefinitionListNamesATermTwice() {
        java.util.regex.Pattern dl = java.util.regex.Pattern.compile("<dl[^>]*>(.*?)</dl>", java.util.regex.Pattern.DOTALL);
        java.util.regex.Pattern dt = java.util.regex.Pattern.compile("<dt>(.*?)</dt>", java.util.regex.Pattern.DOTALL);
        List<String> duplicates = new ArrayList<>();
        int lists = 0;
        for (Page page : guide.site().pages()) {
            java.util.regex.Matcher list = dl.matcher(guide.renderer().render(page, Links.Style.SERVER));
            while (list.find()) {
                lists++;
                java.util.Set<String> seen = new java.util.HashSet<>();
                java.util.regex.Matcher term = dt.matcher(list.group(1));
                while (term.find()) if (!seen.add(term.group(1).strip())) duplicates.add(page.url() + ": " + term.group(1));
            }
        }
        assertTrue(lists > 40, "the boxes and the step lists were found: " + lists);
        assertEquals(List.of(), duplicates);
    }

    /** 4.6 is a milestone: Steps 2, 3 and 4 compared, row by row, and what was built. */
    @Test
    void fourPointSixComparesStepsTwoToFourAndSaysWhatWasBuilt() throws Exception {
        String html = ContentRules.content(guide.renderer().render(guide.site().byUrl("/step/4/6/").orElseThrow(), Links.Style.SERVER));
        assertTrue(html.contains(">Three models side by side</h2>") && html.contains(">What we built</h2>"), "the two sections");
        int table = html.indexOf("<th>Step 4: transformer</th>");
        assertTrue(table > 0, "the comparison table");
        String rows = html.substring(table, html.indexOf("</table>", table));
        for (String row : List.of("architecture", "shape of attention", "layers", "parameters", "new ideas", "the model function")) {
            assertTrue(rows.contains("<td>" + row + "</td>"), row);
        }
        for (int step = 2; step <= 4; step++) assertTrue(rows.contains(guide.numbers().format("step" + step + ".params")));
        // The signatures in the table are the engine's.
        assertTrue(rows.contains("<code>mlp(token)</code>") && rows.contains("<code>gpt(token, pos, keys, values)</code>")
                && rows.contains("<code>gpt(token, pos, cache)</code>"));
        microgpt.steps.Step2Autograd.class.getDeclaredMethod("mlp", int.class);
        microgpt.steps.Step3Attention.class.getDeclaredMethod("gpt", int.class, int.class, List.class, List.class);
        microgpt.steps.Step4Transformer.class.getDeclaredMethod("gpt", int.class, int.class, microgpt.steps.Step4Transformer.KvCache.class);
    }

    @Test
    void everyCatalogueNumberIsComputed() {
        for (String key : guide.numbers().keys()) {
            assertFalse(guide.numbers().format(key).isBlank(), key);
        }
    }
}
