package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The directives of AUTHORING.md, expanded on Markdown snippets. */
class DirectivesTest {

    private final Guide guide = TestGuide.fixture();
    private final Links links = Links.forPage("/step/0/2/", Links.Style.SERVER);

    private String render(String markdown) {
        return guide.renderer().prose(markdown, links);
    }

    private IllegalArgumentException failure(String markdown) {
        return assertThrows(IllegalArgumentException.class, () -> render(markdown));
    }

    @Test
    void aNumberComesFromTheCatalogue() {
        assertEquals("<p>There are 32,033 names.</p>", render("There are {{num:data.numDocs}} names.").strip());
        assertEquals("<p><code>vocab_size = 27</code></p>", render("`vocab_size = {{num:data.vocabSize}}`").strip());
    }

    @Test
    void aTokenIsAChipWithItsId() {
        assertEquals("<p><span class=\"tok\">a<sub>0</sub></span> <span class=\"tok\">z<sub>25</sub></span> "
                + "<span class=\"tok\">BOS<sub>26</sub></span></p>", render("{{tok:a}} {{tok:z}} {{tok:BOS}}").strip());
    }

    @Test
    void codeIsTheRegionWithItsFileAndLines() {
        String html = render("Before.\n\n{{code:Step0Counting#loss}}\n\nAfter.");
        SourceRegions.Region region = SourceRegions.engine().region("Step0Counting", "loss");
        assertTrue(html.contains("<figure class=\"code-block\" data-source=\"engine/src/main/java/microgpt/steps/Step0Counting.java\" "
                + "data-lines=\"" + region.firstLine() + "-" + region.lastLine() + "\">"), html);
        assertTrue(html.contains("engine/src/main/java/microgpt/steps/Step0Counting.java</span>, lines "
                + region.firstLine() + "–" + region.lastLine()), html);
        assertTrue(html.contains("public double loss(int[] tokens) {"));
        assertTrue(html.contains("i &lt; n; i++"), "code is escaped");
        assertFalse(html.contains("<p><figure"), "a block, not inside a paragraph");
    }

    @Test
    void fidelityIsTheStepsRunAgainstTheCPythonLog() {
        String html = render("Before.\n\n{{fidelity:0}}\n\nAfter.");
        assertTrue(html.contains("<section class=\"fidelity\" aria-label=\"Proof of fidelity: step 0\">"), html);
        assertTrue(html.contains("<code>tools/reference/step0.py</code>"), html);
        assertTrue(html.contains("All 1,024 lines of the two logs are identical"), html);
        assertTrue(html.contains("<td><code>step 1000 / 1000 | loss " + guide.numbers().format("step0.lastLoss") + "</code></td>"), html);
        assertFalse(html.contains("<p><section"), "a block, not inside a paragraph");
        assertTrue(failure("{{fidelity:6}}").getMessage().contains("expected a step, 0 to 5"));
        assertTrue(failure("Text {{fidelity:1}}").getMessage().contains("must be alone on its line"));
    }

    @Test
    void namesAreTheTrainingNamesNumberedByStep() {
        String html = render("Before.\n\n{{names:training}}\n\nAfter.");
        List<String> names = guide.numbers().trainingNames();
        assertEquals(GuideNumbers.NUM_STEPS, names.size());
        assertEquals(guide.numbers().shuffledDocs().subList(0, names.size()), names);
        assertEquals(names.size(), html.split("<li value=").length - 1);
        assertTrue(html.contains("<li value=\"1\">" + names.get(0) + "</li>"), "step 1 learns from the first shuffled name");
        assertTrue(html.contains("<li value=\"1000\">" + names.get(999) + "</li>"));
        assertTrue(html.contains("The 1,000 training names</strong>") && html.contains("of the 32,033 names"), html.substring(0, 400));
        assertTrue(html.contains("<label for=\"name-filter-input\">"), "the filter box has a label");
        assertTrue(html.indexOf("<p>Before.</p>") < html.indexOf("name-sample") && html.indexOf("name-sample") < html.indexOf("<p>After.</p>"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> render("{{names:all}}"));
        assertTrue(e.getMessage().contains("{{names:training}}"), e.getMessage());
    }

    @Test
    void tryIsAnInstructionAndAnEmptyWidget() {
        String html = render("{{try:loss-chart steps=0,1 step=5|Hover the *curve*.}}");
        assertTrue(html.contains("<div class=\"widget\" data-widget=\"loss-chart\" data-steps=\"0,1\" data-step=\"5\"></div>"), html);
        assertTrue(html.contains("Try it</strong> Hover the <em>curve</em>."), html);
    }

    @Test
    void aTermLinksToItsGlossaryEntry() {
        assertEquals("<p>A <a class=\"term\" href=\"../../../glossary/#bigram\">bigram</a> and "
                        + "<a class=\"term\" href=\"../../../glossary/#token\">tokens</a>.</p>",
                render("A [[bigram]] and [[Token|tokens]].").strip());
        assertEquals("<p><code>x[[bigram]]</code></p>", render("`x[[bigram]]`").strip(), "not inside code");
    }

    @Test
    void mathsIsLeftForKatexUntouchedByMarkdown() {
        String html = render("A $a_i * b_i * c$ sum, $$x$$ and \\$5.");
        assertTrue(html.contains("<span class=\"math math-inline\">a_i * b_i * c</span>"), html);
        assertTrue(html.contains("<span class=\"math math-display\">x</span>"), html);
        String display = render("$$\n\\sum_{i=1}^{n} x_i \\\\ y\n$$");
        assertTrue(display.contains("<span class=\"math math-display\">\\sum_{i=1}^{n} x_i \\\\ y</span>"), display);
        assertTrue(render("it costs $5 or $6").contains("it costs $5 or $6"));
        assertTrue(render("`$x$` and\n\n```\n$y$\n```").contains("<code>$x$</code>"));
    }

    @Test
    void aMathsSpanCanHoldAPipeInsideATable() {
        String html = render("| a | b |\n|---|---|\n| $|x|$ | 1 |");
        assertTrue(html.contains("<td><span class=\"math math-inline\">|x|</span></td>"), html);
    }

    @Test
    void sitePathsBecomeRelativeLinks() {
        assertEquals("<p><a href=\"../../../step/1/1/\">next</a>, <a href=\"../../../glossary/#token\">a token</a>, "
                        + "<a href=\"../../../step/0/\">step 0</a>, <a href=\"../../../api/runs/step5.json\">data</a>, "
                        + "<a href=\"https://example.org/x\">out</a>, <a href=\"#here\">here</a></p>",
                render("[next](/step/1/1/), [a token](/glossary/#token), [step 0](/step/0), [data](/api/runs/step5.json), "
                        + "[out](https://example.org/x), [here](#here)").strip());
        assertEquals("<p><a href=\"../../../step/1/1/index.html\">next</a></p>",
                guide.renderer().prose("[next](/step/1/1/)", Links.forPage("/step/0/2/", Links.Style.FILES)).strip());
        assertTrue(failure("[gone](/step/9/1/)").getMessage().contains("/step/9/1/"));
    }

    @Test
    void unknownReferencesAreErrors() {
        assertTrue(failure("{{code:Step0Counting#nope}}").getMessage().contains("Step0Counting#nope"));
        assertTrue(failure("{{code:Nope#bigram}}").getMessage().contains("Nope"));
        assertTrue(failure("{{num:step7.params}}").getMessage().contains("step7.params"));
        assertTrue(failure("{{tok:Q}}").getMessage().contains("{{tok:Q}}"));
        assertTrue(failure("{{tok:ab}}").getMessage().contains("ab"));
        assertTrue(failure("[[perceptron]]").getMessage().contains("perceptron"));
        assertTrue(failure("{{chart:loss}}").getMessage().contains("unknown directive"));
    }

    @Test
    void blockDirectivesMustBeAloneOnTheirLine() {
        assertTrue(failure("See {{code:Step0Counting#loss}} here").getMessage().contains("alone on its line"));
        assertTrue(failure("{{try:x|Do it.}} and more").getMessage().contains("alone on its line"));
        failure("{{try:x}}");                 // no instruction
        failure("{{try:x steps|Do it.}}");    // option without a value
    }
}
