package microgpt.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pure-Java fallback. glibc is not correctly rounded: on about one argument in a thousand
 * the exact value lies so close to halfway between two doubles that glibc rounds to the farther
 * one. So these agree with CPython on at least 99.8% of the vectors and are within one ulp on
 * the rest, and on a case where they differ, the Java result is the nearer one.
 */
class CorrectlyRoundedTest {

    @Test
    void agreesWithCPythonOnNearlyEveryVector() {
        MathVectors.assertAllAgree("CorrectlyRounded", CorrectlyRounded::exp, CorrectlyRounded::log,
                CorrectlyRounded::pow, CorrectlyRounded::sin, CorrectlyRounded::cos, 0.998);
    }

    @Test
    void whereGlibcDiffersTheJavaResultIsTheNearerDouble() {
        // exp(0x1.eab7bc98254ep1): glibc returns ...6c4p5, which is 0.5001 ulp from the exact value.
        double x = 0x1.eab7bc98254ep1;
        double glibc = 0x1.71e0d131286c4p5;
        double ours = CorrectlyRounded.exp(x);
        BigDecimal exact = expTo60Digits(x);
        BigDecimal ourError = exact.subtract(new BigDecimal(ours)).abs();
        BigDecimal glibcError = exact.subtract(new BigDecimal(glibc)).abs();
        assertEquals(-1, ourError.compareTo(glibcError));
    }

    @Test
    void javaMathWouldNotHaveBeenEnough() {
        // Why Libm exists: StrictMath.exp disagrees with CPython far more often.
        List<double[]> pairs = MathVectors.of("exp");
        long differ = pairs.stream().filter(p -> StrictMath.exp(p[0]) != p[1]).count();
        long ours = pairs.stream().filter(p -> CorrectlyRounded.exp(p[0]) != p[1]).count();
        System.out.println("exp differs from CPython: StrictMath " + differ + ", CorrectlyRounded " + ours);
        assertFalse(differ <= ours, "StrictMath.exp should differ more often than the correctly rounded exp");
    }

    @Test
    void subnormalResultsRoundOnce() {
        assertEquals(Math.exp(-740.0), CorrectlyRounded.exp(-740.0), Double.MIN_VALUE);
        assertEquals(0.0, CorrectlyRounded.exp(-746.0));
    }

    /** e^x by its Taylor series in 80-digit decimals (|x| < 4 here, so 100 terms are plenty). */
    private static BigDecimal expTo60Digits(double x) {
        return TaylorExp.of(new BigDecimal(x), new MathContext(80), 100);
    }
}
