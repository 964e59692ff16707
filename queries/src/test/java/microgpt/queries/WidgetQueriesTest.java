package microgpt.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher every widget question goes through, on the server and in the browser: a path and
 * its parameters in, a status and JSON out. (What each query answers is tested over HTTP in the
 * app's Step*ApiTest classes, which call this same code.)
 */
class WidgetQueriesTest {

    private static final WidgetQueries QUERIES = new WidgetQueries(TrainedData.SHARED);
    private static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, String> params(String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) params.put(namesAndValues[i], namesAndValues[i + 1]);
        return params;
    }

    private static JsonNode json(Answer answer) throws Exception {
        return JSON.readTree(answer.json());
    }

    @Test
    void aQueryIsAnsweredWithJson() throws Exception {
        Answer answer = QUERIES.answer("tokenize", params("text", "ava"));
        assertEquals(200, answer.status());
        JsonNode tokens = json(answer).get("tokens");
        assertEquals(List.of(26, 0, 21, 0, 26), tokens.findValues("id").stream().map(JsonNode::asInt).toList());
    }

    @Test
    void aPathNoQueryHasIs404WithTheListOfQueries() throws Exception {
        Answer answer = QUERIES.answer("step9/everything", params());
        assertEquals(404, answer.status());
        assertTrue(json(answer).get("error").asText().contains("step0/table"), answer.json());
    }

    @Test
    void aBadParameterIs400WithTheReasonAndAnyDetails() throws Exception {
        Answer answer = QUERIES.answer("tokenize", params("text", "Zoë"));
        assertEquals(400, answer.status());
        JsonNode body = json(answer);
        assertEquals("'Z', 'ë' are not in the vocabulary (abcdefghijklmnopqrstuvwxyz)", body.get("error").asText());
        assertEquals(3, body.get("uniqueChars").size(), "the text's own characters, for the widget to show");
        assertEquals(400, QUERIES.answer("step0/table", params("steps", "1001")).status());
        assertEquals(400, QUERIES.answer("step0/table", params("stpes", "3")).status());
    }

    /** The logits divided by 1e-308 overflowed, and the query failed with 500; a temperature that cold is a bad request. */
    @Test
    void aTemperatureTooColdToSampleIs400() throws Exception {
        for (String t : List.of("1e-308", "1e-310", "4.9e-324", "0.001")) {
            Answer answer = QUERIES.answer("step1/samples", params("temperature", t));
            assertEquals(400, answer.status(), t + ": " + answer.json());
            assertEquals("temperature must be between 0.01 and 5.0, got " + t, json(answer).get("error").asText());
        }
        assertEquals(200, QUERIES.answer("step1/samples", params("temperature", "0.01")).status());
    }

    @Test
    void everyQueryAnswersItsDefaults() throws Exception {
        for (String path : QUERIES.paths()) {
            if (path.equals("step0/bigram") || path.equals("step0/pairs")) continue;   // these require a token or a name
            Answer answer = QUERIES.answer(path, params());
            assertEquals(200, answer.status(), path + ": " + answer.json());
            json(answer);
        }
    }
}
