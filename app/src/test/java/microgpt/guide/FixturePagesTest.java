package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The renderer on the small fixture guide (src/test/resources/fixture-site): furniture and navigation. */
class FixturePagesTest {

    private final Guide guide = TestGuide.fixture();
    private final SiteMap site = guide.site();

    private String render(String url) {
        return guide.renderer().render(site.byUrl(url).orElseThrow(), Links.Style.SERVER);
    }

    @Test
    void theSiteMapFindsEveryPage() {
        List<String> urls = site.pages().stream().map(Page::url).toList();
        assertEquals(List.of("/", "/step/0/", "/step/0/1/", "/step/0/2/", "/step/1/", "/step/1/1/", "/step/2/", "/step/2/1/",
                "/step/3/", "/step/3/1/", "/step/4/", "/step/4/1/", "/step/5/", "/step/5/1/", "/history/", "/glossary/"), urls);
    }

    @Test
    void nextWalksFromHomeThroughEveryStepIndexAndSectionBackHome() {
        List<String> visited = new ArrayList<>();
        Page page = site.home();
        do {
            page = site.next(page).orElseThrow();
            visited.add(page.url());
        } while (page != site.home());
        assertEquals(List.of("/step/0/", "/step/0/1/", "/step/0/2/", "/step/1/", "/step/1/1/", "/step/2/", "/step/2/1/",
                "/step/3/", "/step/3/1/", "/step/4/", "/step/4/1/", "/step/5/", "/step/5/1/", "/"), visited);
        for (Page onChain : site.chain()) {
            assertEquals(onChain, site.previous(site.next(onChain).orElseThrow()).orElseThrow());
        }
    }

    @Test
    void stepIndexesSitBetweenTheStepsTheyJoin() {
        assertEquals("/step/1/1/", site.next(site.stepIndex(1)).orElseThrow().url());
        assertEquals("/step/0/2/", site.previous(site.stepIndex(1)).orElseThrow().url());
        assertEquals("/step/1/", site.next(site.byUrl("/step/0/2/").orElseThrow()).orElseThrow().url());
        assertEquals("/", site.previous(site.stepIndex(0)).orElseThrow().url());
        assertEquals("/step/0/", site.next(site.home()).orElseThrow().url());
        assertEquals("/step/5/1/", site.previous(site.home()).orElseThrow().url());
        assertTrue(site.next(site.history()).isEmpty());
        assertTrue(site.previous(site.glossary()).isEmpty());
    }

    @Test
    void aSectionPageHasItsFurniture() {
        String html = render("/step/0/2/");
        assertTrue(html.contains("<title>Every directive · MicroGPT Visualized</title>"));
        assertTrue(html.contains(">MicroGPT Visualized</a>"));
        assertTrue(html.contains("class=\"site-subtitle\""));
        assertTrue(html.contains("<a href=\"../../../step/0/\">Step 0: Counting</a>"), "breadcrumb links the step");
        assertTrue(html.contains("<span aria-current=\"page\">0.2</span>"), "breadcrumb names the section");
        assertEquals(2, count(html, "rel=\"prev\" href=\"../../../step/0/1/\""), "previous at top and bottom");
        assertEquals(2, count(html, "rel=\"next\" href=\"../../../step/1/\""), "next crosses into step 1, at its index");
        assertTrue(html.contains("<h1>0.2 Every directive</h1>"));
        assertTrue(html.contains("href=\"../../../history/\"") && html.contains("href=\"../../../glossary/\""));
        for (String landmark : List.of("<header", "<nav", "<main id=\"main\"", "<footer", "class=\"skip-link\" href=\"#main\"")) {
            assertTrue(html.contains(landmark), landmark);
        }
    }

    @Test
    void previouslyDefinedListsThisStepsEarlierSectionsAndLinksEveryStepsList() {
        String html = render("/step/0/2/");
        assertTrue(html.contains("Previously defined in Step 0"), "the box names its step");
        assertTrue(html.contains("<dt>name0</dt>"), "0.1's defines");
        assertFalse(html.contains("<dt>vocab_size</dt>"), "not this page's own");
        assertTrue(html.contains("href=\"../../../step/0/#defined\">Step 0</a>"), "a link to the step's whole list");

        String next = render("/step/1/1/");
        assertFalse(next.contains("<dt>name0</dt>"), "Step 0's defines are not repeated in Step 1");
        assertFalse(next.contains("<dt>vocab_size</dt>"));
        assertTrue(next.contains("Nothing yet: this is the first section of Step 1."));
        assertTrue(next.contains("href=\"../../../step/0/#defined\">Step 0</a>") && next.contains("href=\"../../../step/1/#defined\">Step 1</a>"));
        assertFalse(render("/step/0/1/").contains("Previously defined"), "nothing before 0.1");
    }

    @Test
    void aStepIndexListsEverythingItsSectionsDefine() {
        String html = render("/step/0/");
        int list = html.indexOf("<dl class=\"defines\" id=\"defined\">");
        assertTrue(list > 0, "the list the boxes link to");
        int first = html.indexOf("<dt>name0</dt>", list);
        int second = html.indexOf("<dt>vocab_size</dt>", list);
        assertTrue(first > list && second > first, "0.1's defines, then 0.2's");
        assertTrue(html.contains("27 tokens, <span class=\"tok\">BOS<sub>26</sub></span> included"), "defines get directives");
        assertTrue(html.indexOf("<h2 id=\"the-big-idea\">") > second, "the big idea stays last");
    }

    @Test
    void stepIndexesListTheirSectionsAndHomeListsTheSteps() {
        ContentRules.check(guide);
        assertTrue(render("/step/0/").contains("<h1>Step 0: Fixture</h1>"));
        assertTrue(render("/").contains("<title>MicroGPT Visualized</title>"));
        assertTrue(render("/").contains("rel=\"next\" href=\"step/0/\""));
        assertTrue(render("/step/0/").contains("rel=\"next\" href=\"../../step/0/1/\""));
    }

    @Test
    void exportedPagesLinkToIndexFiles() {
        String html = guide.renderer().render(site.byUrl("/step/0/2/").orElseThrow(), Links.Style.FILES);
        assertTrue(html.contains("href=\"../../../step/1/index.html\""));
        assertTrue(html.contains("href=\"../../../glossary/index.html#token\""));
        assertTrue(html.contains("href=\"../../../index.html\""));
        assertTrue(html.contains("src=\"../../../assets/js/guide.js\""));
    }

    @Test
    void theNotFoundPageUsesAbsoluteLinks() {
        String html = guide.renderer().notFound("/nope/x");
        assertTrue(html.contains("<h1>Page not found</h1>"));
        assertTrue(html.contains("href=\"/assets/css/guide.css\""));
        assertTrue(html.contains("<code>/nope/x</code>"));
    }

    @Test
    void aBrokenFrontMatterIsReportedWithItsFile() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SiteMap(new ClasspathFolder("fixture-site/broken-pages/")));
        assertEquals("pages/home.md: front matter needs a title", e.getMessage());
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }
}
