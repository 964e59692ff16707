package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GuideNumbersTest {

    private final GuideNumbers numbers = TestGuide.numbers();

    @Test
    void theDataSet() {
        assertEquals("32,033", numbers.format("data.numDocs"));
        assertEquals("27", numbers.format("data.vocabSize"));
        assertEquals("26", numbers.format("data.bos"));
        assertEquals("26", numbers.format("data.numChars"));
        assertEquals("2", numbers.format("data.shortest"));
        assertEquals("15", numbers.format("data.longest"));
        assertTrue(numbers.format("data.firstDocs").startsWith("yuheng, "), numbers.format("data.firstDocs"));
        assertEquals(5, numbers.format("data.firstDocs").split(", ").length);
        assertEquals("3.2958", numbers.format("baseline.loss"));
    }

    @Test
    void stepZerosWorkedExampleAfterAHundredNames() {
        assertEquals("0.134", numbers.format("step0.ava.p1"));
        assertEquals("0.041", numbers.format("step0.ava.p2"));
        assertEquals("0.118", numbers.format("step0.ava.p3"));
        assertEquals("0.148", numbers.format("step0.ava.p4"));
        assertTrue(numbers.format("step0.ava.loss").startsWith("2.31"), numbers.format("step0.ava.loss"));
    }

    @Test
    void parameterCountsComeFromTheRuns() {
        assertEquals("729", numbers.format("step0.params"));
        assertEquals("3,184", numbers.format("step1.params"));
    }

    @Test
    void stepOnesRunAndGradientCheck() {
        assertEquals("yuheng", numbers.format("step1.gradcheck.name"));
        assertTrue(numbers.format("step1.gradcheck.maxDiff").matches("\\d\\.\\d{3}e-\\d\\d"), numbers.format("step1.gradcheck.maxDiff"));
        assertTrue(numbers.format("step1.firstLoss").matches("\\d\\.\\d{4}"));
        assertEquals(20, numbers.format("step1.samples").split(", ", -1).length);
        assertTrue(numbers.format("step1.trainMs").matches("[\\d,]+"));
    }

    /** The guide trains steps 2–5 on the tape engine: its losses must still be CPython's, bit for bit. */
    @org.junit.jupiter.params.ParameterizedTest(name = "step {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void everyRunTheGuideShowsIsTheGoldenOne(int step) {
        double[] golden = microgpt.train.CPythonReference.losses(step);
        double[] losses = numbers.run(step).losses();
        assertEquals(golden.length, losses.length);
        double allowed = microgpt.math.Libm.NATIVE ? 0.0 : 1e-9;
        for (int s = 0; s < losses.length; s++) {
            assertEquals(golden[s], losses[s], allowed, "step " + step + ", training step " + (s + 1));
        }
    }

    @Test
    void theRunIsComputedOnceAndShared() {
        assertTrue(numbers.run(0) == TestGuide.numbers().run(0));
    }

    @Test
    void anUnknownKeyIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> numbers.format("step9.params"));
        assertTrue(e.getMessage().contains("step9.params"));
    }

    @Test
    void formats() {
        assertEquals("32,033", GuideNumbers.count(32_033));
        assertEquals("1,234,567", GuideNumbers.count(1_234_567));
        assertEquals("3.2958", GuideNumbers.loss(3.295836866004329));
        assertEquals("0.134", GuideNumbers.probability(0.13414));
    }
}
