package microgpt.math;

import java.math.BigInteger;

/**
 * a·b + c rounded once, in plain double arithmetic: the same double as {@link Math#fma} for every
 * input (FmaTest holds the two against each other), for a platform without a fused multiply-add.
 *
 * <p>The usual case takes four exact steps (Boldo and Melquiond, "Emulation of FMA and correctly
 * rounded sums: proved algorithms using rounding to odd", IEEE Trans. Computers 57(4), 2008):
 * <ol>
 *   <li>the product exactly, as {@code uh + ul} (Dekker's splitting);</li>
 *   <li>{@code c + uh} exactly, as {@code th + tl} (Knuth's two-sum);</li>
 *   <li>{@code v = tl + ul} rounded <em>to odd</em>, which keeps the information a second
 *       rounding needs;</li>
 *   <li>{@code th + v}, rounded to nearest: that is a·b + c rounded once.</li>
 * </ol>
 * The proof needs every intermediate value to stay clear of overflow and of the subnormal range.
 * Inputs that could break that (exponents beyond ±450) go the slow way: the exact sum as a big
 * integer times a power of two, rounded to 53 bits by hand.
 */
public final class SoftwareFma {

    private SoftwareFma() {}

    public static double fma(double a, double b, double c) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || Double.isNaN(c)) return a * b + c;   // IEEE's rules for inf and NaN are fma's
        if (Double.isInfinite(c)) return c;                                                  // a·b is finite, so c decides
        if (a == 0 || b == 0) return a * b + c;                                              // the product is exactly ±0
        if (c == 0) return a * b;                                                            // a·b ≠ 0 decides the sign, too
        if (inFastRange(a) && inFastRange(b) && inFastRange(c)
                && Math.abs(exponent(a) + exponent(b)) <= FAST_EXPONENT) {
            return fmaByRoundingToOdd(a, b, c);
        }
        return fmaExactly(a, b, c);
    }

    // ---- the usual case -------------------------------------------------------------------

    private static final int FAST_EXPONENT = 450;
    private static final double SPLIT = 0x1p27 + 1;   // Veltkamp: splits a double into two 26-bit halves

    private static boolean inFastRange(double x) {
        return Math.abs(exponent(x)) <= FAST_EXPONENT;
    }

    private static double fmaByRoundingToOdd(double a, double b, double c) {
        double uh = a * b;
        double ul = productError(a, b, uh);
        double th = c + uh;
        double tl = sumError(c, uh, th);
        double v = addRoundingToOdd(tl, ul);
        return th + v;
    }

    /** a·b − p exactly, for p = a·b rounded (Dekker, 1971). */
    static double productError(double a, double b, double p) {
        double ca = SPLIT * a;
        double aHi = ca - (ca - a);
        double aLo = a - aHi;
        double cb = SPLIT * b;
        double bHi = cb - (cb - b);
        double bLo = b - bHi;
        return ((aHi * bHi - p) + aHi * bLo + aLo * bHi) + aLo * bLo;
    }

    /** x + y − s exactly, for s = x + y rounded (Knuth's two-sum: any order of magnitudes). */
    private static double sumError(double x, double y, double s) {
        double yPart = s - x;
        return (x - (s - yPart)) + (y - yPart);
    }

    /**
     * x + y rounded to odd: exact sums stay as they are; otherwise, of the two doubles around the
     * exact sum, the one whose last bit is 1.
     */
    private static double addRoundingToOdd(double x, double y) {
        double s = x + y;
        double error = sumError(x, y, s);
        if (error == 0 || (Double.doubleToRawLongBits(s) & 1) == 1) return s;
        return error > 0 ? Math.nextUp(s) : Math.nextDown(s);
    }

    // ---- the slow way: big integers -----------------------------------------------------------

    /** a·b + c exactly as an integer times 2^q, then rounded to the nearest double, ties to even. */
    private static double fmaExactly(double a, double b, double c) {
        int qProduct = binaryExponent(a) + binaryExponent(b);
        int qc = binaryExponent(c);
        int q = Math.min(qProduct, qc);
        BigInteger product = BigInteger.valueOf(integerSignificand(a)).multiply(BigInteger.valueOf(integerSignificand(b)));
        BigInteger sum = product.shiftLeft(qProduct - q).add(BigInteger.valueOf(integerSignificand(c)).shiftLeft(qc - q));
        if (sum.signum() == 0) return 0.0;   // x + (−x) is +0 when rounding to nearest
        return sum.signum() * roundToDouble(sum.abs(), q);
    }

    /** n·2^q rounded to nearest, ties to even, for n > 0. */
    private static double roundToDouble(BigInteger n, int q) {
        int topExponent = q + n.bitLength() - 1;
        int lastBitExponent = Math.max(topExponent - 52, -1074);   // 53 bits, or fewer in the subnormal range
        int dropped = lastBitExponent - q;
        if (dropped <= 0) return timesPowerOfTwo(n.longValueExact(), q);   // n fits in 53 bits: exact
        BigInteger kept = n.shiftRight(dropped);
        BigInteger rest = n.subtract(kept.shiftLeft(dropped));
        int versusHalf = rest.compareTo(BigInteger.ONE.shiftLeft(dropped - 1));
        if (versusHalf > 0 || (versusHalf == 0 && kept.testBit(0))) kept = kept.add(BigInteger.ONE);
        return timesPowerOfTwo(kept.longValueExact(), lastBitExponent);
    }

    /**
     * m·2^e for 0 &lt; m ≤ 2^53, when that is a double or too large for one (then infinity). Each
     * multiplication by a power of two is exact while its result is representable, and the
     * first one keeps the value normal.
     */
    private static double timesPowerOfTwo(long m, int e) {
        double x = m;
        if (e < -1022) {
            x *= powerOfTwo(-1022);
            e += 1022;
        }
        while (e > 1023) {
            x *= powerOfTwo(1023);
            e -= 1023;
        }
        return x * powerOfTwo(e);
    }

    /** 2^e for −1022 ≤ e ≤ 1023. */
    private static double powerOfTwo(int e) {
        return Double.longBitsToDouble((long) (e + 1023) << 52);
    }

    /** The unbiased exponent of x (subnormals count as −1022). */
    private static int exponent(double x) {
        int biased = (int) (Double.doubleToRawLongBits(x) >>> 52) & 0x7ff;
        return Math.max(biased, 1) - 1023;
    }

    /** x = integerSignificand(x) · 2^binaryExponent(x), with a 53-bit (or shorter) integer. */
    private static long integerSignificand(double x) {
        long bits = Double.doubleToRawLongBits(x);
        long fraction = bits & 0x000fffffffffffffL;
        long significand = ((bits >>> 52) & 0x7ff) == 0 ? fraction : fraction | 0x0010000000000000L;
        return bits < 0 ? -significand : significand;
    }

    private static int binaryExponent(double x) {
        return exponent(x) - 52;
    }
}
