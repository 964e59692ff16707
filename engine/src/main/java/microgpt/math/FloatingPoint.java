package microgpt.math;

/**
 * {@code Math.rint} and {@code Math.ulp}, written out from the bits of a double. The engine uses
 * these instead of the JDK's because the browser build runs on TeaVM's class library, whose
 * {@code rint} rounds ties away from zero (and loses the sign of −0) and whose {@code ulp} is
 * wrong for most arguments; the correctly rounded exp and log lean on both. On the JVM these
 * return exactly what {@code Math} returns (FloatingPointTest).
 */
public final class FloatingPoint {

    private FloatingPoint() {}

    private static final double TWO_POW_52 = 0x1p52;

    /** x rounded to the nearest whole number, ties to even, as {@link Math#rint}. */
    public static double rint(double x) {
        if (!(Math.abs(x) < TWO_POW_52)) return x;   // already whole, infinite or NaN
        // Adding 2^52 leaves no bits below the units place, so the addition rounds x to a whole
        // number, ties to even; subtracting it again is exact.
        double whole = x >= 0 ? (x + TWO_POW_52) - TWO_POW_52 : (x - TWO_POW_52) + TWO_POW_52;
        return Math.copySign(whole, x);
    }

    /** The distance from |x| to the next larger double, as {@link Math#ulp(double)}. */
    public static double ulp(double x) {
        if (Double.isNaN(x)) return x;
        if (Double.isInfinite(x)) return Double.POSITIVE_INFINITY;
        int biased = (int) (Double.doubleToRawLongBits(x) >>> 52) & 0x7ff;
        if (biased <= 53) return Double.longBitsToDouble(1L << Math.max(biased - 1, 0));   // a subnormal ulp
        return Double.longBitsToDouble((long) (biased - 52) << 52);
    }
}
