package microgpt.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PyFormatTest {

    @Test
    void fixedRoundsTheExactBinaryValue() {
        // 0.125 is exact in binary: a true tie, and Python rounds it half-even to 0.12.
        assertEquals("0.12", PyFormat.fixed(0.125, 2));
        assertEquals("0.38", PyFormat.fixed(0.375, 2));
        // 2.675 is really 2.67499999999999982236431605997495353221893310546875.
        assertEquals("2.67", PyFormat.fixed(2.675, 2));
        assertEquals("3.2958", PyFormat.fixed(3.295836866004329, 4));
        assertEquals("-0.0000", PyFormat.fixed(-0.00001, 4));
    }

    @Test
    void javaFormatGetsSomeOfTheseWrong() {
        // The reason PyFormat exists: String.format rounds a decimal form, not the binary value.
        // 2.00025 is really 2.000249999999999861…, so Python prints 2.0002; Java's %.4f says 2.0003.
        assertEquals("2.0003", String.format("%.4f", 2.00025));
        assertEquals("2.0002", PyFormat.fixed(2.00025, 4));
        assertEquals("0.0002", String.format("%.4f", 0.00015));
        assertEquals("0.0001", PyFormat.fixed(0.00015, 4));
    }

    @Test
    void general17ReadsBackExactly() {
        double[] values = {3.295836866004329, 2.6497, 0.1, 1e-5, 123456789.123, 1e22, 2.5, 3.0};
        for (double v : values) assertEquals(v, Double.parseDouble(PyFormat.general17(v)));
        assertEquals("2.5", PyFormat.general17(2.5));
        assertEquals("0.10000000000000001", PyFormat.general17(0.1));
        assertEquals("1.0000000000000001e-05", PyFormat.general17(1e-5));
    }

    @Test
    void scientificAndRepr() {
        assertEquals("1.235e-07", PyFormat.scientific(1.2345e-7, 3));
        assertEquals("0.000e+00", PyFormat.scientific(0, 3));
        assertEquals("1e-05", PyFormat.repr(1e-5));
        assertEquals("3.0", PyFormat.repr(3.0));
        assertEquals("0.1", PyFormat.repr(0.1));
    }

    @Test
    void padded() {
        assertEquals("   1", PyFormat.padded(1, 4));
        assertEquals("1000", PyFormat.padded(1000, 4));
    }
}
