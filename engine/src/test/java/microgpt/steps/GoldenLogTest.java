package microgpt.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import microgpt.TestData;
import microgpt.math.Libm;
import microgpt.train.Runs;
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
        List<String> golden = TestData.resourceLines("golden/step" + step + ".log");
        List<String> java = Runs.log(step, Runs.of(step));
        assertEquals(golden.size(), java.size(), "number of lines");
        for (int i = 0; i < golden.size(); i++) assertEquals(golden.get(i), java.get(i), "line " + (i + 1));
    }

    @ParameterizedTest(name = "step {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void everyLossAtFullPrecision(int step) throws IOException {
        List<String> golden = TestData.resourceLines("golden/step" + step + ".losses");
        TrainingRun run = Runs.of(step);
        double maxDifference = 0;
        int firstDifference = -1;
        for (int s = 0; s < golden.size(); s++) {
            double difference = Math.abs(Double.parseDouble(golden.get(s)) - run.losses()[s]);
            if (difference > 0 && firstDifference < 0) firstDifference = s + 1;
            maxDifference = Math.max(maxDifference, difference);
        }
        String report = String.format("step %d: max |Java - CPython| = %s over %d losses (first difference at step %s), Libm: %s%n",
                step, maxDifference, golden.size(), firstDifference < 0 ? "none" : firstDifference, Libm.implementation());
        System.out.print(report);
        Path reportFile = Path.of("target", "fidelity.txt");
        Files.createDirectories(reportFile.getParent());
        Files.writeString(reportFile, report, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        // With the C library every step is bit for bit; the pure-Java fallback must stay within 1e-9.
        double allowed = Libm.NATIVE ? 0.0 : 1e-9;
        assertEquals(0.0, maxDifference, allowed, "step " + step);
    }
}
