package microgpt.math;

import static microgpt.TestData.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import microgpt.TestData;

/**
 * The arguments and results CPython printed (tools/reference/math_vectors.py), and one check:
 * how many results of a Java function equal CPython's to the bit, with every other one at most
 * one unit in the last place away.
 */
final class MathVectors {

    private static final JsonNode VECTORS = TestData.json("reference/math_vectors.json");

    private MathVectors() {}

    /** Every (x, f(x)) pair CPython printed for one function. */
    static List<double[]> of(String function) {
        JsonNode node = VECTORS.get(function);
        return pairs(node.get("sampled"), node.get("edge"));
    }

    /** For each exponent y the steps use, the (x, x ** y) pairs. */
    static Map<Double, List<double[]>> powers() {
        Map<Double, List<double[]>> byExponent = new LinkedHashMap<>();
        VECTORS.get("pow").fields().forEachRemaining(entry -> byExponent.put(
                hex(entry.getValue().get("y").asText()),
                pairs(entry.getValue().get("sampled"), entry.getValue().get("edge"))));
        return byExponent;
    }

    /** For each Adam beta b, the (k, b ** k) pairs for k = 1..1000. */
    static Map<Double, List<double[]>> integerPowers() {
        Map<Double, List<double[]>> byBase = new LinkedHashMap<>();
        VECTORS.get("pow_int").fields().forEachRemaining(entry -> {
            List<double[]> pairs = new ArrayList<>();
            for (JsonNode pair : entry.getValue().get("results")) {
                pairs.add(new double[] {pair.get(0).asInt(), hex(pair.get(1).asText())});
            }
            byBase.put(hex(entry.getValue().get("b").asText()), pairs);
        });
        return byBase;
    }

    private static List<double[]> pairs(JsonNode... lists) {
        List<double[]> pairs = new ArrayList<>();
        for (JsonNode list : lists) {
            for (JsonNode pair : list) pairs.add(new double[] {hex(pair.get(0).asText()), hex(pair.get(1).asText())});
        }
        return pairs;
    }

    static void assertAgrees(String name, List<double[]> pairs, DoubleUnaryOperator f, double minAgreement) {
        int differ = 0;
        for (double[] pair : pairs) {
            double actual = f.applyAsDouble(pair[0]);
            double expected = pair[1];
            if (Double.doubleToLongBits(actual) == Double.doubleToLongBits(expected)) continue;
            differ++;
            assertEquals(expected, actual, Math.ulp(expected),
                    name + "(" + Double.toHexString(pair[0]) + ") is more than one ulp from CPython");
        }
        double agreement = 1 - (double) differ / pairs.size();
        System.out.printf("%-28s agrees with CPython on %5d of %5d arguments (%.3f%%)%n",
                name, pairs.size() - differ, pairs.size(), 100 * agreement);
        assertTrue(agreement >= minAgreement, name + ": only " + agreement + " agree, expected " + minAgreement);
    }

    /** The whole file's functions, checked against one implementation. */
    static void assertAllAgree(String implementation, DoubleUnaryOperator exp, DoubleUnaryOperator log,
                               DoubleBinaryOperator pow, DoubleUnaryOperator sin, DoubleUnaryOperator cos,
                               double minAgreement) {
        assertAgrees(implementation + ".exp", of("exp"), exp, minAgreement);
        assertAgrees(implementation + ".log", of("log"), log, minAgreement);
        assertAgrees(implementation + ".sin", of("sin"), sin, minAgreement);
        assertAgrees(implementation + ".cos", of("cos"), cos, minAgreement);
        powers().forEach((y, pairs) -> assertAgrees(implementation + ".pow(x, " + y + ")", pairs,
                x -> pow.applyAsDouble(x, y), minAgreement));
        integerPowers().forEach((b, pairs) -> assertAgrees(implementation + ".pow(" + b + ", k)", pairs,
                k -> pow.applyAsDouble(b, k), minAgreement));
    }
}
