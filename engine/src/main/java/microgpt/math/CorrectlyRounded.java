package microgpt.math;

import java.math.BigDecimal;

/**
 * exp, log, pow, sin and cos, correctly rounded: the exact value rounded to the nearest double.
 *
 * <p>How: compute in double-double arithmetic (about 106 bits), then round once. The result is
 * the correctly rounded value unless the true value lies within about 2^-100 of a halfway
 * point between two doubles, which in practice never happens.
 *
 * <p>glibc is accurate to about 0.502 units in the last place, so these agree with it, and
 * with CPython, on all but about one argument in a thousand (LibmTest measures it).
 */
public final class CorrectlyRounded {

    private CorrectlyRounded() {}

    private static final DoubleDouble LN2 = new DoubleDouble(0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56);
    private static final double PI_OVER_2_HI = 0x1.921fb54442d18p+0;
    private static final double PI_OVER_2_MID = 0x1.1a62633145c07p-54;
    private static final double PI_OVER_2_LO = -0x1.f1976b7ed8fbcp-110;

    // ---------------------------------------------------------------------------------- exp

    /** e^x, correctly rounded. */
    public static double exp(double x) {
        if (Double.isNaN(x)) return x;
        if (x > 709.8) return Double.POSITIVE_INFINITY;
        if (x < -745.2) return 0.0;
        return round(expScaled(DoubleDouble.of(x)));
    }

    /** e^a as (mantissa, power of two), so that the caller rounds exactly once. */
    private static Scaled expScaled(DoubleDouble a) {
        // e^a = 2^k · e^r with r = a − k·ln2 and |r| ≤ ln2/2.
        double k = FloatingPoint.rint(a.hi() / LN2.hi());
        DoubleDouble r = a.subtract(LN2.multiply(k));
        // e^r = (e^(r/1024))^1024: the series converges in 9 terms for the small argument,
        // then ten squarings. Working with e^x − 1 keeps the small digits during squaring.
        DoubleDouble small = r.scale(-10);
        DoubleDouble expm1 = expm1Series(small);
        for (int i = 0; i < 10; i++) {
            expm1 = expm1.multiply(2.0).add(expm1.multiply(expm1));
        }
        return new Scaled(expm1.add(1.0), (int) k);
    }

    private static final DoubleDouble[] INVERSE_FACTORIALS = inverseFactorials(30);

    private static DoubleDouble[] inverseFactorials(int count) {
        DoubleDouble[] table = new DoubleDouble[count];
        DoubleDouble factorial = DoubleDouble.ONE;
        for (int n = 0; n < count; n++) {
            if (n > 0) factorial = factorial.multiply(n);
            table[n] = DoubleDouble.ONE.divide(factorial);
        }
        return table;
    }

    /** e^x − 1 for |x| < 2^-10: x + x²/2! + … + x⁹/9!, by Horner's rule. */
    private static DoubleDouble expm1Series(DoubleDouble x) {
        DoubleDouble sum = INVERSE_FACTORIALS[9];
        for (int n = 8; n >= 1; n--) {
            sum = sum.multiply(x).add(INVERSE_FACTORIALS[n]);
        }
        return sum.multiply(x);
    }

    // ---------------------------------------------------------------------------------- log

    private static final DoubleDouble[] INVERSES = inverses(44);   // 1/n for the atanh series

    private static DoubleDouble[] inverses(int count) {
        DoubleDouble[] table = new DoubleDouble[count];
        for (int n = 1; n < count; n++) table[n] = DoubleDouble.ONE.divide(DoubleDouble.of(n));
        return table;
    }

    /** Natural logarithm, correctly rounded. */
    public static double log(double x) {
        if (Double.isNaN(x) || x < 0) return Double.NaN;
        if (x == 0) return Double.NEGATIVE_INFINITY;
        if (x == Double.POSITIVE_INFINITY) return x;
        return logDoubleDouble(x).hi();
    }

    private static DoubleDouble logDoubleDouble(double x) {
        // x = m · 2^e with m in [√½, √2), so log x = e·ln2 + log m.
        int e = 0;
        if (x < Double.MIN_NORMAL) {
            x *= 0x1p54;
            e = -54;
        }
        int exponent = Math.getExponent(x);
        double m = Math.scalb(x, -exponent);
        e += exponent;
        if (m > Math.sqrt(2.0)) {
            m /= 2;
            e += 1;
        }
        // log m = 2·atanh(s) = 2(s + s³/3 + s⁵/5 + …) with s = (m − 1)/(m + 1), |s| < 0.172.
        DoubleDouble s = DoubleDouble.of(m - 1.0).divide(DoubleDouble.twoSum(m, 1.0));
        DoubleDouble s2 = s.multiply(s);
        DoubleDouble series = INVERSES[43];
        for (int n = 41; n >= 1; n -= 2) {
            series = series.multiply(s2).add(INVERSES[n]);
        }
        DoubleDouble logM = s.multiply(series).scale(1);
        return LN2.multiply(e).add(logM);
    }

    // ---------------------------------------------------------------------------------- pow

    /** x^y with C's rules for the special cases, correctly rounded. */
    public static double pow(double x, double y) {
        if (y == 0 || x == 1) return 1.0;
        if (Double.isNaN(x) || Double.isNaN(y)) return Double.NaN;
        if (y == 1) return x;
        if (y == 2) return x * x;            // one rounding: already exact-then-rounded
        if (y == -1) return 1.0 / x;         // likewise
        boolean yIsInteger = y == FloatingPoint.rint(y) && !Double.isInfinite(y);
        boolean yIsOddInteger = yIsInteger && Math.abs(y) < 0x1p53 && ((long) y) % 2 != 0;
        if (x == 0 || Double.isInfinite(x) || Double.isInfinite(y)) {
            return Math.pow(x, y);            // exact special values, same in Java and C
        }
        if (x < 0) {
            if (!yIsInteger) return Double.NaN;
            double magnitude = pow(-x, y);
            return yIsOddInteger ? -magnitude : magnitude;
        }
        if (y == 0.5) return Math.sqrt(x);    // sqrt is correctly rounded by IEEE 754
        // x^y = e^(y · log x), all in double-double.
        DoubleDouble exponent = logDoubleDouble(x).multiply(y);
        if (exponent.hi() > 709.8) return Double.POSITIVE_INFINITY;
        if (exponent.hi() < -745.2) return 0.0;
        return round(expScaled(exponent));
    }

    // ----------------------------------------------------------------------------- sin, cos

    /** Sine, correctly rounded for |x| < 2^20 (the range where this project calls it). */
    public static double sin(double x) {
        if (!(Math.abs(x) < 0x1p20)) return Math.sin(x);
        if (x == 0) return x;
        return sinCos(x, 0);
    }

    /** Cosine, correctly rounded for |x| < 2^20. */
    public static double cos(double x) {
        if (!(Math.abs(x) < 0x1p20)) return Math.cos(x);
        return sinCos(x, 1);
    }

    /** sin(x + shift·π/2): reduce x to r in [−π/4, π/4], then pick ±sin r or ±cos r. */
    private static double sinCos(double x, int shift) {
        double k = FloatingPoint.rint(x / PI_OVER_2_HI);
        // r = x − k·π/2 with π/2 in three pieces. x − k·hi is exact (Sterbenz), so the small
        // pieces are added to a small number and the reduction loses nothing.
        DoubleDouble kTimesHi = DoubleDouble.twoProduct(k, PI_OVER_2_HI);
        DoubleDouble r = DoubleDouble.of(x - kTimesHi.hi())
                .add(-kTimesHi.lo())
                .add(DoubleDouble.twoProduct(-k, PI_OVER_2_MID))
                .add(-k * PI_OVER_2_LO);
        int quadrant = (int) (((long) k + shift) & 3);
        return switch (quadrant) {
            case 0 -> sinSeries(r).hi();
            case 1 -> cosSeries(r).hi();
            case 2 -> -sinSeries(r).hi();
            default -> -cosSeries(r).hi();
        };
    }

    /** sin r = r − r³/3! + r⁵/5! − …, to r²⁷/27!, for |r| ≤ π/4. */
    private static DoubleDouble sinSeries(DoubleDouble r) {
        DoubleDouble r2 = r.multiply(r);
        DoubleDouble sum = INVERSE_FACTORIALS[27];
        for (int n = 25; n >= 1; n -= 2) {
            sum = INVERSE_FACTORIALS[n].subtract(sum.multiply(r2));
        }
        return sum.multiply(r);
    }

    /** cos r = 1 − r²/2! + r⁴/4! − …, to r²⁸/28!, for |r| ≤ π/4. */
    private static DoubleDouble cosSeries(DoubleDouble r) {
        DoubleDouble r2 = r.multiply(r);
        DoubleDouble sum = INVERSE_FACTORIALS[28];
        for (int n = 26; n >= 0; n -= 2) {
            sum = INVERSE_FACTORIALS[n].subtract(sum.multiply(r2));
        }
        return sum;
    }

    // ---------------------------------------------------------------------------- rounding

    /** mantissa · 2^power, kept apart until the single final rounding. */
    private record Scaled(DoubleDouble mantissa, int power) {}

    private static double round(Scaled value) {
        double result = Math.scalb(value.mantissa().hi(), value.power());
        if (Math.abs(result) >= Double.MIN_NORMAL) {
            return result; // scaling a normal number by a power of two is exact
        }
        // A subnormal result has fewer bits, so scaling hi alone could round twice: round the
        // exact decimal value once instead (rare, so speed does not matter here).
        BigDecimal exact = new BigDecimal(value.mantissa().hi()).add(new BigDecimal(value.mantissa().lo()));
        BigDecimal twoToThePower = BigDecimal.ONE.divide(BigDecimal.valueOf(2).pow(-value.power()));
        return exact.multiply(twoToThePower).doubleValue();
    }
}
