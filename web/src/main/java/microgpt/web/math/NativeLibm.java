package microgpt.web.math;

/** In the browser, {@code microgpt.math.NativeLibm} is this: there is no C library to load. */
final class NativeLibm {

    private NativeLibm() {}

    static boolean load() {
        return false;
    }

    static double exp(double x) { throw new UnsupportedOperationException(); }
    static double log(double x) { throw new UnsupportedOperationException(); }
    static double pow(double x, double y) { throw new UnsupportedOperationException(); }
    static double sin(double x) { throw new UnsupportedOperationException(); }
    static double cos(double x) { throw new UnsupportedOperationException(); }
    static void powAll(double[] x, double y, double[] out, int n) { throw new UnsupportedOperationException(); }
}
