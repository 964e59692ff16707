package microgpt.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import microgpt.math.Libm;
import microgpt.train.CPythonReference;
import microgpt.train.Runs;
import microgpt.train.TrainingLog;
import microgpt.train.TrainingRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each step's Java output against what our CPython reference (tools/reference/stepN.py)
 * printed: the log line for line, and every loss at full precision.
 */
class GoldenLogTest {

    @ParameterizedTest(name = "step {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void theLogIsCPythonsLineForLine(int step) {
        List<String> golden = CPythonReference.log(step);
        List<String> java = TrainingLog.lines(step, Runs.of(step));
        assertEquals(golden.size(), java.size(), "number of lines");
        for (int i = 0; i < golden.size(); i++) assertEquals(golden.get(i), java.get(i), "line " + (i + 1));
        assertTrue(CPythonReference.compare(step, Runs.of(step)).logsIdentical(), "the comparison the guide shows agrees");
    }

    @ParameterizedTest(name = "step {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void everyLossAtFullPrecision(int step) throws IOException {
        TrainingRun run = Runs.of(step);
        CPythonReference.Comparison c = CPythonReference.compare(step, run);
        assertEquals(1000, c.losses());
        String report = String.format("step %d: max |Java - CPython| = %s over %d losses (first difference at step %s), Libm: %s%n",
                step, c.maxLossDifference(), c.losses(), c.firstDifferentLoss() == 0 ? "none" : c.firstDifferentLoss(),
                Libm.implementation());
        System.out.print(report);
        Path reportFile = Path.of("target", "fidelity.txt");
        Files.createDirectories(reportFile.getParent());
        Files.writeString(reportFile, report, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        // With the C library every step is bit for bit; the pure-Java fallback must stay within 1e-9.
        double allowed = Libm.NATIVE ? 0.0 : 1e-9;
        assertEquals(0.0, c.maxLossDifference(), allowed, "step " + step);
    }

    @ParameterizedTest(name = "step {0}")
    @ValueSource(ints = {0, 5})
    void aComparisonFindsTheFirstLineThatDiffers(int step) {
        TrainingRun run = Runs.of(step);
        double[] losses = run.losses().clone();
        losses[499] += 0.001;   // step 500 prints a different loss
        TrainingRun altered = new TrainingRun(run.numDocs(), run.vocabSize(), run.numParams(), losses, run.samples(),
                run.trainNanos(), run.sampleNanos());
        CPythonReference.Comparison c = CPythonReference.compare(step, altered);
        int line = (step == 0 ? 2 : 3) + 500;
        assertEquals(line, c.firstDifferentLine());
        assertEquals(c.referenceLines() - 1, c.identicalLines());
        assertTrue(c.javaLine().startsWith("step  500 / 1000 | loss "), c.javaLine());
        assertEquals(500, c.firstDifferentLoss());
        assertEquals(0.001, c.maxLossDifference(), 1e-12);
    }
}
