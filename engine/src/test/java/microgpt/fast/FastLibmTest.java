package microgpt.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
