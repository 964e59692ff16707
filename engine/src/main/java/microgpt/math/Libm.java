package microgpt.math;

/**
 * exp, log, pow, sin and cos as CPython computes them.
 *
 * <p>Why this exists: Python's {@code math.exp}, {@code math.log} and {@code x ** y} call the C
 * library. Java's {@code Math} and {@code StrictMath} differ from it in the last bit on a few
 * arguments in every thousand, and a training run makes about a million such calls: one
 * differing bit early on and the Java losses drift away from CPython's.
 *
 * <p>So: when the build could compile the JNI shim for this platform, call the C library itself
 * and match CPython to the last bit. Otherwise fall back to {@link CorrectlyRounded}, which
 * agrees with it on all but about one argument in a thousand.
 */
public final class Libm {

    private Libm() {}

    /** True when the C library is in use; set {@code -Dmicrogpt.libm=java} to force the Java versions. */
    public static final boolean NATIVE = !"java".equals(System.getProperty("microgpt.libm")) && NativeLibm.load();

    public static double exp(double x) {
        return NATIVE ? NativeLibm.exp(x) : CorrectlyRounded.exp(x);
    }

    public static double log(double x) {
        return NATIVE ? NativeLibm.log(x) : CorrectlyRounded.log(x);
    }

    public static double pow(double x, double y) {
        return NATIVE ? NativeLibm.pow(x, y) : CorrectlyRounded.pow(x, y);
    }

    /**
     * {@code out[i] = pow(x[i], y)} for {@code i < n}: the numbers of n calls of {@link #pow}, in
     * one call to the C library when it is in use. {@code x} and {@code out} must differ.
     */
    public static void powAll(double[] x, double y, double[] out, int n) {
        if (x == out) throw new IllegalArgumentException("powAll needs separate input and output arrays");
        if (n < 0 || n > x.length || n > out.length) throw new IndexOutOfBoundsException("n = " + n);
        if (NATIVE) NativeLibm.powAll(x, y, out, n);
        else for (int i = 0; i < n; i++) out[i] = CorrectlyRounded.pow(x[i], y);
    }

    public static double sin(double x) {
        return NATIVE ? NativeLibm.sin(x) : CorrectlyRounded.sin(x);
    }

    public static double cos(double x) {
        return NATIVE ? NativeLibm.cos(x) : CorrectlyRounded.cos(x);
    }

    /** Which implementation is in use, for logs and the guide. */
    public static String implementation() {
        return NATIVE ? "the C library (bit-identical with CPython)" : "correctly rounded Java";
    }
}
