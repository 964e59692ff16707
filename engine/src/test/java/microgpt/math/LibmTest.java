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
