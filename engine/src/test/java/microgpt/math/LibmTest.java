package microgpt.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the steps call: with the C library in use, CPython's results to the last bit. */
class LibmTest {

    @Test
    void matchesCPythonOnEveryVector() {
        System.out.println("Libm uses " + Libm.implementation());
        double required = Libm.NATIVE ? 1.0 : 0.998;
        MathVectors.assertAllAgree("Libm", Libm::exp, Libm::log, Libm::pow, Libm::sin, Libm::cos, required);
    }

    @Test
    void theNativeShimIsBuiltOnLinuxWithGcc() {
        boolean shimExpected = System.getProperty("os.name").equals("Linux")
                && System.getProperty("os.arch").equals("amd64")
                && java.nio.file.Files.exists(java.nio.file.Path.of("/usr/bin/gcc"))
                && !"java".equals(System.getProperty("microgpt.libm"));
        if (shimExpected) assertTrue(Libm.NATIVE, "the build has gcc, so Libm should be calling the C library");
    }

    @Test
    void powAllIsPowOnEveryElement() {
        // For each exponent the steps use, CPython's x ** y on its vectors: one powAll call per exponent.
        MathVectors.powers().forEach((y, pairs) -> {
            double[] x = pairs.stream().mapToDouble(pair -> pair[0]).toArray();
            double[] out = new double[x.length + 1];
            out[x.length] = 7;
            Libm.powAll(x, y, out, x.length);
            for (int i = 0; i < x.length; i++) assertEquals(Libm.pow(x[i], y), out[i], "pow(" + x[i] + ", " + y + ")");
            if (Libm.NATIVE) {
                for (int i = 0; i < x.length; i++) assertEquals(pairs.get(i)[1], out[i], "CPython's " + x[i] + " ** " + y);
            }
            assertEquals(7, out[x.length], "nothing written past n");
        });
        double[] same = {4.0};
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Libm.powAll(same, 0.5, same, 1));
    }

    @Test
    void sqrtIsAlreadyExactInJava() {
        MathVectors.assertAgrees("Math.sqrt", MathVectors.of("sqrt"), Math::sqrt, 1.0);
    }

    @Test
    void specialValuesFollowC() {
        assertEquals(Double.NEGATIVE_INFINITY, Libm.log(0.0));
        assertEquals(Double.NaN, Libm.log(-1.0));
        assertEquals(0.0, Libm.exp(-1000));
        assertEquals(Double.POSITIVE_INFINITY, Libm.exp(1000));
        assertEquals(1.0, Libm.pow(0.0, 0.0));
        assertEquals(0.25, Libm.pow(16, -0.5));
        assertEquals(4.0, Libm.pow(16, 0.5));
        assertEquals(-8.0, Libm.pow(-2, 3));
        assertEquals(Double.NaN, Libm.pow(-2, 0.5));
    }
}
