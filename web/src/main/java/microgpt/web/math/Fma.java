package microgpt.web.math;

import microgpt.math.SoftwareFma;

/** In the browser, {@code microgpt.math.Fma} is this: the exact software fma. */
public final class Fma {

    private Fma() {}

    public static double fma(double a, double b, double c) {
        return SoftwareFma.fma(a, b, c);
    }
}
