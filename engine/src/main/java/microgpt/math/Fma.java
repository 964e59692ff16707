package microgpt.math;

/**
 * a·b + c rounded once: the step that makes double-double arithmetic exact (the rounding error
 * of a product is {@code fma(a, b, -a*b)}, itself a double).
 *
 * <p>On the JVM this is {@link Math#fma}, one instruction on current processors. TeaVM's class
 * library, which the browser build compiles against, has no {@code Math.fma}; the browser build
 * (web/) puts a class of its own in this one's place that calls {@link SoftwareFma}, which
 * returns the same double for every input. This class is the seam: nothing else in the engine
 * calls {@code Math.fma}.
 */
public final class Fma {

    private Fma() {}

    public static double fma(double a, double b, double c) {
        return Math.fma(a, b, c);
    }
}
