package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import microgpt.queries.WidgetQueries;
import org.junit.jupiter.api.Test;

class FirstAnswersTest {

    private static final WidgetQueries QUERIES = new WidgetQueries(TestGuide.numbers());

    /** The text lib/guide-api.js writes for the same question: Node's URLSearchParams printed the expected one. */
    @Test
    void aQuestionsKeySortsItsParametersAndEncodesThemAsTheBrowserDoes() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("text", "zoë & <b>+1");
        parameters.put("name", "ava");
        parameters.put("a b", "x*y~z!");
        assertEquals("tokenize?a+b=x*y%7Ez%21&name=ava&text=zo%C3%AB+%26+%3Cb%3E%2B1", FirstAnswers.key("tokenize", parameters));
        assertEquals("step1/params", FirstAnswers.key("step1/params", Map.of()));
    }

    @Test
    void aKeyReadsBackAsItsQuestion() {
        String key = "tokenize?text=zo%C3%AB+%26+%3Cb%3E%2B1";
        FirstAnswers.Question question = FirstAnswers.parse(key);
        assertEquals("tokenize", question.path());
        assertEquals(Map.of("text", "zoë & <b>+1"), question.parameters());
        assertEquals(key, FirstAnswers.key(question.path(), question.parameters()));
        assertEquals(new FirstAnswers.Question("step1/params", Map.of()), FirstAnswers.parse("step1/params"));
    }

    @Test
    void aPageCarriesTheEnginesOwnAnswerToEachOfItsQuestions() throws Exception {
        FirstAnswers answers = new FirstAnswers(Map.of("/p/", List.of("unique-chars?text=</script>ava", "step1/params")));
        String json = answers.json("/p/", QUERIES);
        assertFalse(json.contains("<"), "nothing in it can end the <script> that holds it");
        JsonNode carried = new ObjectMapper().readTree(json);
        assertEquals(new ObjectMapper().readTree(QUERIES.answer("step1/params", Map.of()).json()), carried.get("step1/params"));
        assertEquals(new ObjectMapper().readTree(QUERIES.answer("unique-chars", Map.of("text", "</script>ava")).json()),
                carried.get("unique-chars?text=%3C%2Fscript%3Eava"));
        assertNull(answers.json("/other/", QUERIES), "a page that asks nothing on load carries nothing");
    }

    @Test
    void aQuestionTheEngineRefusesFailsTheExport() {
        FirstAnswers answers = new FirstAnswers(Map.of("/p/", List.of("step0/table?steps=-1")));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> answers.json("/p/", QUERIES));
        assertTrue(refused.getMessage().startsWith("/p/ asks step0/table?steps=-1 on load, and the engine answers 400"), refused.getMessage());
    }

    @Test
    void everyListedQuestionIsOneTheEngineAnswers() {
        FirstAnswers guide = FirstAnswers.guide();
        for (String page : guide.byPage().keySet()) assertTrue(guide.json(page, QUERIES).startsWith("{\""), page);
    }
}
