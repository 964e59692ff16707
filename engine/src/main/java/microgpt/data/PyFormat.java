package microgpt.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's number formatting, which rounds the exact binary value of a double.
 *
 * <p>{@code String.format("%.4f", x)} does not: it first turns x into its shortest decimal
 * form and rounds that, which can round the other way. {@code new BigDecimal(x)} is the exact
 * value, so rounding it half-even gives what Python prints.
 */
public final class PyFormat {

    private PyFormat() {}

    /** Python's {@code f"{x:.{decimals}f}"}. */
    public static String fixed(double x, int decimals) {
        if (!Double.isFinite(x)) return nonFinite(x);
        String text = new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return isNegativeZeroLike(x, text) ? "-" + text : text;
    }

    /** Python's {@code '%.17g' % x}: 17 significant digits, enough to read back the same double. */
    public static String general17(double x) {
        if (!Double.isFinite(x)) return nonFinite(x);
        if (x == 0) return (1 / x < 0) ? "-0" : "0";
        BigDecimal rounded = new BigDecimal(x).round(new MathContext(17, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 17) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String sign = exponent < 0 ? "-" : "+";
            String digits = String.format("%02d", Math.abs(exponent));
            return mantissa.toPlainString() + "e" + sign + digits;
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** Python's {@code f"{x:.{decimals}e}"}: one digit, the decimals, then e±XX. */
    public static String scientific(double x, int decimals) {
        if (!Double.isFinite(x)) return nonFinite(x);
        if (x == 0) return (1 / x < 0 ? "-" : "") + "0." + "0".repeat(decimals) + "e+00";
        BigDecimal rounded = new BigDecimal(x).round(new MathContext(decimals + 1, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        String mantissa = rounded.movePointLeft(exponent).setScale(decimals, RoundingMode.UNNECESSARY).toPlainString();
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }

    /**
     * Python's {@code repr(x)}: the shortest digits that read back as x (as Java's
     * {@code Double.toString} finds them), laid out the way Python lays them out.
     */
    public static String repr(double x) {
        if (!Double.isFinite(x)) return nonFinite(x);
        if (x == 0) return (1 / x < 0) ? "-0.0" : "0.0";
        BigDecimal digits = new BigDecimal(Double.toString(x)).stripTrailingZeros();
        int exponent = digits.precision() - digits.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.movePointLeft(exponent).toPlainString();
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = digits.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /** Python's {@code f"{n:{width}d}"}: right-aligned in at least width characters. */
    public static String padded(long n, int width) {
        return String.format("%" + width + "d", n);
    }

    private static boolean isNegativeZeroLike(double x, String text) {
        // Python keeps the sign of a negative number that rounds to zero: -0.00001 → "-0.0000".
        return (x < 0 || (x == 0 && 1 / x < 0)) && !text.startsWith("-");
    }

    private static String nonFinite(double x) {
        if (Double.isNaN(x)) return "nan";
        return x > 0 ? "inf" : "-inf";
    }
}
