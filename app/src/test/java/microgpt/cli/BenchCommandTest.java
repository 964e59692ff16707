package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bench table's shape and its CPython timing (no timed assertions: only that numbers appear). */
class BenchCommandTest {

    @TempDir Path dir;

    private static List<String> rows(CliRun run) {
        return run.lines().stream().filter(l -> l.matches(" *\\d  .*")).toList();
    }

    @Test
    void everyJavaEngineOfAStepGetsARow() {
        CliRun run = CliRun.withData("bench", "--only", "2,5", "--steps", "20", "--readable-steps", "3", "--python", "none", "--warm-up", "0");
        assertEquals(0, run.exitCode(), run.err());
        List<String> rows = rows(run);
        assertEquals(5, rows.size(), run.out());
        assertTrue(rows.get(0).matches(" +2  readable +[0-9,.]+ +\\([0-9,.]+\\) *"), rows.get(0));
        assertTrue(rows.get(1).matches(" +2  tape .*"), rows.get(1));
        assertTrue(rows.get(2).matches(" +5  readable .*"), rows.get(2));
        assertTrue(rows.get(3).matches(" +5  tape .*"), rows.get(3));
        assertTrue(rows.get(4).matches(" +5  fused .*"), rows.get(4));
    }

    @Test
    void aPythonReferenceIsTimedBetweenItsStepLinesAndGivesTheRatio() throws IOException {
        // A stand-in for tools/reference/step1.py: prints step lines 20 ms apart, as the real one does.
        Files.writeString(dir.resolve("step1.py"), String.join("\n",
                "import sys, time",
                "n = int(sys.argv[sys.argv.index('--steps') + 1])",
                "print('num docs: 1')",
                "for s in range(n):",
                "    time.sleep(0.02)",
                "    print(f'step {s + 1:4d} / {n:4d} | loss 3.0000')",
                ""));
        CliRun run = CliRun.withData("bench", "--only", "1", "--steps", "50", "--python-steps", "6", "--reference", dir.toString(), "--warm-up", "0");
        assertEquals(0, run.exitCode(), run.err());
        List<String> rows = rows(run);
        assertEquals(2, rows.size(), run.out());
        assertTrue(rows.get(0).matches(" +1  cpython +\\([0-9,.]+\\) *"), rows.get(0));
        // 20 ms per step is about 20,000 ms per 1000 steps (scaled by positions, so not exactly).
        double wall = Double.parseDouble(rows.get(0).replaceAll(".*\\(([0-9,.]+)\\).*", "$1").replace(",", ""));
        assertTrue(wall > 10_000 && wall < 60_000, rows.get(0));
        assertTrue(rows.get(1).matches(" +1  readable +[0-9,.]+ +\\([0-9,.]+\\) +[0-9,]+"), rows.get(1));
    }

    @Test
    void aMissingReferenceIsReportedAndTheJavaRowsStillCome() {
        CliRun run = CliRun.withData("bench", "--only", "0", "--steps", "10", "--reference", dir.resolve("none").toString(), "--warm-up", "0");
        assertEquals(0, run.exitCode());
        assertTrue(run.err().contains("no CPython reference at"), run.err());
        assertEquals(1, rows(run).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--steps=0", "--steps=x", "--readable-steps=0", "--python-steps=1", "--only=6", "--only=-1", "--warm-up=-1", "--warm-up=x"})
    void badOptionsGetOneClearLineAndExitCodeTwo(String option) {
        CliRun run = CliRun.withData("bench", option, "--python", "none");
        assertEquals(2, run.exitCode(), option);
        assertTrue(run.err().startsWith("microgpt: "), run.err());
        assertEquals("", run.out());
    }
}
