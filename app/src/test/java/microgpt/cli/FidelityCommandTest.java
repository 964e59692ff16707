package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import microgpt.math.Libm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FidelityCommandTest {

    @Test
    void everyStepPrintsCPythonsLog() {
        CliRun run = CliRun.withData("fidelity");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.lines();
        assertEquals(8, lines.size(), run.out());
        assertTrue(lines.get(0).endsWith("exp/log/pow: " + Libm.implementation()), lines.get(0));
        int[] logLines = {1024, 1025, 1025, 1025, 1025, 1025};
        for (int step = 0; step < 6; step++) {
            String line = lines.get(step + 1);
            assertTrue(line.startsWith("step " + step + ": " + logLines[step] + " of " + logLines[step] + " lines identical; 1000 losses"), line);
            if (Libm.NATIVE) assertTrue(line.endsWith("max |Java - CPython| = 0"), line);
        }
        assertEquals("all identical", lines.get(7));
    }

    @Test
    void anotherDataSetIsReportedAsDifferentWithExitCodeOne(@TempDir Path dir) throws Exception {
        Path few = dir.resolve("few.txt");
        Files.writeString(few, "anna\nbob\ncarla\n");
        CliRun run = CliRun.of("fidelity", "--step", "0", "--data", few.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.lines().get(1).startsWith("step 0: "), run.out());
        assertTrue(run.lines().get(1).contains("(first difference at line 1: CPython 'num docs: 32033', Java 'num docs: 3')"), run.out());
        assertEquals("DIFFERENT: see the lines above", run.lines().get(2));
    }

    @Test
    void anUnknownStepIsExitCodeTwo() {
        CliRun run = CliRun.withData("fidelity", "--step", "0,7");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("step"), run.err());
        assertEquals("", run.out());
    }
}
