package microgpt.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import microgpt.math.CorrectlyRounded;
import microgpt.math.Libm;
import org.junit.jupiter.api.Test;

/**
 * FastLibm is only allowed to be faster: its cr* functions must return CorrectlyRounded's results
 * bit for bit, and its plain functions Libm's (whichever implementation Libm uses here).
 */
class FastLibmTest {

    private static final double[] SPECIAL = {0.0, -0.0, 1.0, -1.0, 0.5, 2.0, Double.MIN_VALUE, Double.MIN_NORMAL,
        Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1e-300, 1e300,
        -707.0, -707.0000001, 709.0, 709.0000001, 709.78, -745.2, 1e-5, 16.0, 4.0, 0x1p-400, 0x1p400, 0x1p-1000};

    private static void same(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                what + ": expected " + expected + ", got " + actual);
    }

    /** Arguments spread the way training produces them and far beyond. */
    private static double argument(SplittableRandom random, int kind) {
        return switch (kind % 6) {
            case 0 -> -random.nextDouble() * 40;                       // softmax: x − max ≤ 0
            case 1 -> random.nextDouble(-709, 709);
            case 2 -> random.nextDouble(-1e-3, 1e-3);
            case 3 -> Double.longBitsToDouble(random.nextLong());       // any double at all
            case 4 -> random.nextDouble() * 10;
            default -> Math.exp(random.nextDouble(-300, 300));
        };
    }

    @Test
    void crExpMatchesCorrectlyRounded() {
        SplittableRandom random = new SplittableRandom(1);
        for (double x : SPECIAL) {
            same(CorrectlyRounded.exp(x), FastLibm.crExp(x), "exp(" + x + ")");
            same(CorrectlyRounded.exp(-x), FastLibm.crExp(-x), "exp(" + -x + ")");
        }
        for (int i = 0; i < 200_000; i++) {
            double x = argument(random, i);
            same(CorrectlyRounded.exp(x), FastLibm.crExp(x), "exp(" + x + ")");
        }
    }

    @Test
    void crLogMatchesCorrectlyRounded() {
        SplittableRandom random = new SplittableRandom(2);
        for (double x : SPECIAL) {
            same(CorrectlyRounded.log(x), FastLibm.crLog(x), "log(" + x + ")");
            same(CorrectlyRounded.log(-x), FastLibm.crLog(-x), "log(" + -x + ")");
        }
        for (int i = 0; i < 100_000; i++) {
            double x = Math.abs(argument(random, i));
            same(CorrectlyRounded.log(x), FastLibm.crLog(x), "log(" + x + ")");
            double nearOne = 1 + random.nextDouble(-1e-6, 1e-6);       // tiny results: the slow path
            same(CorrectlyRounded.log(nearOne), FastLibm.crLog(nearOne), "log(" + nearOne + ")");
        }
    }

    @Test
    void crPowMatchesCorrectlyRoundedForTheExponentsOfATrainingStepAndOthers() {
        SplittableRandom random = new SplittableRandom(3);
        double[] exponents = {-0.5, -1.5, -2.0, -1.0, 2.0, 0.5, 1.0, 0.0, 3.0, -3.0, 0.25, 1.5};
        for (double y : exponents) {
            for (double x : SPECIAL) {
                same(CorrectlyRounded.pow(x, y), FastLibm.crPow(x, y), "pow(" + x + ", " + y + ")");
                same(CorrectlyRounded.pow(-x, y), FastLibm.crPow(-x, y), "pow(" + -x + ", " + y + ")");
            }
        }
        for (int i = 0; i < 40_000; i++) {
            double x = Math.abs(argument(random, i));
            for (double y : new double[] {-0.5, -1.5, -2.0, -1.0, 2.0, 0.5}) {
                same(CorrectlyRounded.pow(x, y), FastLibm.crPow(x, y), "pow(" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void crIntegerPowersMatchCorrectlyRoundedIncludingAdamsBiasCorrections() {
        for (int n = 1; n <= 20_000; n++) {
            same(CorrectlyRounded.pow(0.85, n), FastLibm.crPowInt(0.85, n), "0.85^" + n);
            same(CorrectlyRounded.pow(0.99, n), FastLibm.crPowInt(0.99, n), "0.99^" + n);
        }
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 30_000; i++) {
            double x = random.nextDouble(0, 4);
            int n = random.nextInt(1, i % 2 == 0 ? 64 : 5_000_000);
            same(CorrectlyRounded.pow(x, n), FastLibm.crPowInt(x, n), x + "^" + n);
        }
        for (double x : SPECIAL) same(CorrectlyRounded.pow(x, 3), FastLibm.crPowInt(x, 3), x + "^3");
        // Long runs (train --epochs): beta^(s+1) through the subnormal range down to 0.
        for (int n = 3_000; n <= 200_000; n += 7) {
            same(CorrectlyRounded.pow(0.85, n), FastLibm.crPowInt(0.85, n), "0.85^" + n);
            same(CorrectlyRounded.pow(0.99, n), FastLibm.crPowInt(0.99, n), "0.99^" + n);
        }
    }

    @Test
    void thePlainFunctionsReturnWhatLibmReturnsInThisBuild() {
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 20_000; i++) {
            double x = argument(random, i);
            same(Libm.exp(x), FastLibm.exp(x), "exp(" + x + ")");
            same(Libm.log(Math.abs(x)), FastLibm.log(Math.abs(x)), "log(" + x + ")");
            for (double y : new double[] {-0.5, -1.5, -2.0, -1.0, 2.0, 0.5}) {
                same(Libm.pow(Math.abs(x), y), FastLibm.pow(Math.abs(x), y), "pow(" + x + ", " + y + ")");
            }
            same(Libm.pow(0.99, i + 1), FastLibm.powInt(0.99, i + 1), "0.99^" + (i + 1));
        }
    }

    /**
     * With the C library in use, the fast paths return its double without asking it wherever the
     * exact value is within 0.45 ulp of a double: over two million arguments of the kinds a
     * training step uses (softmax exps, −log p, rmsnorm's and division's powers, Adam's g² and
     * √v̂ over many magnitudes), every one equals the C library's, and most were decided without it.
     */
    @Test
    void withTheCLibraryTheFastPathsReturnItsBitsAndRarelyAskIt() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Libm.NATIVE, "the C library is not in use");
        SplittableRandom random = new SplittableRandom(14);
        long asked = FastLibm.LIBM_CALLS.get();
        int values = 0;
        int n = 4096;
        double[] xs = new double[n];
        double[] expected = new double[n];
        double[] actual = new double[n];
        FastLibm.Undecided scratch = new FastLibm.Undecided(n);
        for (int batch = 0; batch < 40; batch++) {
            for (int i = 0; i < n; i++) {
                double x = random.nextDouble(-40, 10);                       // logit − max
                same(Libm.exp(x), FastLibm.exp(x), "exp(" + x + ")");
                double p = Math.exp(random.nextDouble(-25, 0));              // a probability
                same(Libm.log(p), FastLibm.log(p), "log(" + p + ")");
                double s = Math.exp(random.nextDouble(-12, 12));             // a mean square, a softmax total
                for (double y : new double[] {-0.5, -1.5, -2.0, -1.0, 2.0, 0.5}) {
                    same(Libm.pow(s, y), FastLibm.pow(s, y), "pow(" + s + ", " + y + ")");
                }
                xs[i] = (random.nextBoolean() ? 1 : -1) * Math.exp(random.nextDouble(-40, 5));   // a gradient
                values += 9;
            }
            xs[0] = 0.0;                                                      // a parameter no name used
            xs[1] = -0.0;
            Libm.powAll(xs, 2, expected, n);
            FastLibm.powAll(xs, 2, actual, n, scratch);
            for (int i = 0; i < n; i++) same(expected[i], actual[i], "pow(" + xs[i] + ", 2)");
            for (int i = 0; i < n; i++) xs[i] = Math.abs(xs[i]) * 1e-3;        // a v̂
            xs[1] = -0.0;
            Libm.powAll(xs, 0.5, expected, n);
            FastLibm.powAll(xs, 0.5, actual, n, scratch);
            for (int i = 0; i < n; i++) same(expected[i], actual[i], "pow(" + xs[i] + ", 0.5)");
            values += 2 * n;
        }
        double askedShare = (double) (FastLibm.LIBM_CALLS.get() - asked) / values;
        System.out.println("fast paths vs the C library: asked it for " + askedShare + " of " + values + " values");
        assertTrue(askedShare < 0.15, "asked the C library for " + askedShare + " of the values");
    }

    /** e^x to 60 digits: x = m·ln2 + r, e^r by its Taylor series, times 2^m. */
    private static java.math.BigDecimal exactExp(double x) {
        java.math.MathContext mc = new java.math.MathContext(60);
        java.math.BigDecimal ln2 = ExpConstantsTest.LN2;
        java.math.BigDecimal bx = new java.math.BigDecimal(x);
        int m = bx.divide(ln2, mc).setScale(0, java.math.RoundingMode.HALF_EVEN).intValueExact();
        java.math.BigDecimal r = bx.subtract(ln2.multiply(java.math.BigDecimal.valueOf(m)), mc);
        java.math.BigDecimal sum = microgpt.math.TaylorExp.of(r, mc, 45);
        java.math.BigDecimal two = java.math.BigDecimal.valueOf(2);
        return m >= 0 ? sum.multiply(two.pow(m), mc) : sum.divide(two.pow(-m), mc);
    }

    @Test
    void theSecondStageExpIsAccurateTo2ToTheMinus95() {
        SplittableRandom random = new SplittableRandom(9);
        java.math.BigDecimal bound = new java.math.BigDecimal(0x1p-95);
        for (int i = 0; i < 3_000; i++) {
            double x = i % 2 == 0 ? random.nextDouble(-660, 709) : random.nextDouble(-30, 1);
            double hi = FastLibm.expAccurate(x, false);
            double lo = FastLibm.expAccurate(x, true);
            assertTrue(Math.abs(lo) <= Math.ulp(hi) / 2, "normalised");
            java.math.BigDecimal exact = exactExp(x);
            java.math.BigDecimal relative = new java.math.BigDecimal(hi).add(new java.math.BigDecimal(lo)).subtract(exact)
                    .abs().divide(exact, new java.math.MathContext(10));
            assertTrue(relative.compareTo(bound) < 0, "exp(" + x + "): relative error " + relative);
        }
    }
}
