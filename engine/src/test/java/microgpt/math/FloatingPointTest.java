package microgpt.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** FloatingPoint's rint and ulp are Math's, bit for bit: ties, signed zeros, subnormals, the edges. */
class FloatingPointTest {

    private static void same(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),   // any NaN is NaN
                what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void rintIsMathRint() {
        double[] special = {0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994,
            0x1p52 - 0.5, -(0x1p52 - 0.5), 0x1p52, 0x1p53 + 2, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 4503599627370495.5, -0.3};
        for (double x : special) same(Math.rint(x), FloatingPoint.rint(x), "rint(" + x + ")");
        Random random = new Random(1);
        for (int i = 0; i < 200_000; i++) {
            double x = Math.scalb(random.nextDouble() - 0.5, random.nextInt(70) - 10);
            same(Math.rint(x), FloatingPoint.rint(x), "rint(" + x + ")");
            double tie = Math.floor(x) + 0.5;
            same(Math.rint(tie), FloatingPoint.rint(tie), "rint(" + tie + ")");
        }
    }

    @Test
    void ulpIsMathUlp() {
        double[] special = {0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL),
            0x1p-1021, 0x1p-1020, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (double x : special) same(Math.ulp(x), FloatingPoint.ulp(x), "ulp(" + x + ")");
        Random random = new Random(2);
        for (int i = 0; i < 200_000; i++) {
            double x = Double.longBitsToDouble(random.nextLong());
            same(Math.ulp(x), FloatingPoint.ulp(x), "ulp(" + x + ")");
        }
    }
}
