package microgpt.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written JSON writer: what it writes is JSON, and reads back to the same values. */
class JsonTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    private static JsonNode read(Object value) throws Exception {
        return JACKSON.readTree(Json.text(value));
    }

    @Test
    void stringsAreEscapedSoAnyTextReadsBack() throws Exception {
        String nasty = "quote \" backslash \\ newline \n tab \t bell \u0007 nul \u0000 é 漢 😀 </script>";
        assertEquals(nasty, read(new JsonObject().put("s", nasty)).get("s").asText());
    }

    @Test
    void everyDoubleReadsBackToItself() throws Exception {
        java.util.Random random = new java.util.Random(1);
        double[] xs = new double[10_000];
        for (int i = 0; i < xs.length; i++) xs[i] = Double.longBitsToDouble(random.nextLong());
        xs[0] = -0.0;
        xs[1] = Double.MIN_VALUE;
        xs[2] = Double.MAX_VALUE;
        xs[3] = 1e-5;
        for (int i = 0; i < xs.length; i++) if (!Double.isFinite(xs[i])) xs[i] = i;
        JsonNode back = read(xs);
        for (int i = 0; i < xs.length; i++) assertEquals(xs[i], back.get(i).asDouble(), 0, "element " + i);
    }

    @Test
    void numbersThatAreNotFiniteBecomeNull() throws Exception {
        JsonNode back = read(new double[] {1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
        assertEquals("[1.0,null,null,null]", back.toString());
        assertTrue(read(new JsonObject().put("loss", Double.NaN)).get("loss").isNull());
    }

    @Test
    void objectsKeepTheirOrderAndNestAnything() throws Exception {
        JsonObject object = new JsonObject().put("b", 1).put("a", List.of("x", true, 2L)).put("m", Map.of("k", new int[][] {{1, 2}, {3}}))
                .put("none", null).put("weights", new double[][][][] {{{{0.5, 0.25}}}});
        assertEquals("{\"b\":1,\"a\":[\"x\",true,2],\"m\":{\"k\":[[1,2],[3]]},\"none\":null,\"weights\":[[[[0.5,0.25]]]]}",
                Json.text(object));
        read(object);
    }

    @Test
    void aValueItCannotWriteIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Json.text(new Object()));
    }
}
