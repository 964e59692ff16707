package microgpt.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading a query's parameters: numbers as a person writes them, and one clear message for anything else. */
class ParamsTest {

    private static Params of(String key, String value) {
        return Params.of(Map.of(key, value), Set.of(key));
    }

    private static String refusal(Runnable read) {
        return assertThrows(BadRequest.class, read::run).getMessage();
    }

    @Test
    void wholeNumbersAreAsciiDigitsWithAnOptionalSign() {
        assertEquals(3, of("n", "3").integer("n", 0, 9, 0));
        assertEquals(-3, of("n", " -3 ").integer("n", -9, 9, 0));
        assertEquals(3, of("n", "+3").integer("n", 0, 9, 0));
        for (String bad : new String[] {"٣", "３", "3.0", "0x3", "3e0", "", "-", "1 2", "99999999999999999999999"}) {
            if (bad.isEmpty()) {
                assertEquals(7, of("n", bad).integer("n", 0, 9, 7), "absent or blank means the default");
                continue;
            }
            String message = refusal(() -> of("n", bad).integer("n", 0, 9, 0));
            assertTrue(message.startsWith("n must be a whole number") || message.startsWith("n is out of range"), bad + ": " + message);
        }
        assertEquals("n must be between 0 and 9, got 10", refusal(() -> of("n", "10").integer("n", 0, 9, 0)));
    }

    @Test
    void decimalsAreWrittenOutAndFinite() {
        assertEquals(0.5, of("t", "0.5").number("t", 0, 5, 1), 0);
        assertEquals(0.5, of("t", ".5").number("t", 0, 5, 1), 0);
        assertEquals(1e-3, of("t", "1e-3").number("t", 0, 5, 1), 0);
        for (String bad : new String[] {"NaN", "Infinity", "0x1p-2", "1d", "1f", "1e", "e5", ".", "1..2", "٣"}) {
            assertTrue(refusal(() -> of("t", bad).number("t", 0, 5, 1)).startsWith("t must be a number"), bad);
        }
        assertEquals("t must be above 0.0 and at most 5.0, got 1e-400", refusal(() -> of("t", "1e-400").number("t", 0, 5, 1)));
    }

    @Test
    void anUnknownParameterIsNamed() {
        String message = refusal(() -> Params.of(Map.of("stpes", "3"), Set.of("steps", "seed")));
        assertEquals("unknown parameter 'stpes': this query takes seed, steps", message);
        assertEquals("unknown parameter 'x': this query takes none", refusal(() -> Params.of(Map.of("x", "1"), Set.of())));
    }

    @Test
    void aLongValueIsShortenedInTheMessage() {
        String message = refusal(() -> of("n", "1".repeat(500) + "x").integer("n", 0, 9, 0));
        assertTrue(message.length() < 80, message);
    }
}
