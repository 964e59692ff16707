package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import microgpt.data.Documents;
import microgpt.data.PyRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainCommandTest {

    @TempDir Path dir;

    @Test
    void printsHeaderStepLinesAndSamplesAsPythonDoes() {
        CliRun run = CliRun.withData("train", "--step", "5", "--steps", "3", "--samples", "2");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.lines();
        assertEquals(List.of("num docs: 32033", "vocab size: 27", "num params: 4192",
                "step    1 /    3 | loss 3.3660"), lines.subList(0, 4));
        assertTrue(lines.get(5).startsWith("step    3 /    3 | loss "));
        assertEquals("", lines.get(6));
        assertEquals("--- inference (new, hallucinated names) ---", lines.get(7));
        assertTrue(lines.get(8).startsWith("sample  1: "));
        assertEquals(10, lines.size());
    }

    @Test
    void stepZeroHasNoParameterLine() {
        CliRun run = CliRun.withData("train", "--step", "0", "--steps", "1", "--samples", "0");
        assertEquals(List.of("num docs: 32033", "vocab size: 27", "step    1 /    1 | loss 3.2958", "",
                "--- inference (new, hallucinated names) ---"), run.lines());
    }

    @Test
    void quietDropsTheStepLinesAndLossesOutKeepsThemExact() throws IOException {
        Path losses = dir.resolve("losses.txt");
        CliRun run = CliRun.withData("train", "--step", "1", "--steps", "20", "--quiet", "--losses-out", losses.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.out().contains("step    1"));
        List<String> written = Files.readAllLines(losses);
        assertEquals(20, written.size());
        CliRun loud = CliRun.withData("train", "--step", "1", "--steps", "20");
        for (int s = 0; s < 20; s++) {
            String fourDecimals = loud.lines().get(3 + s).substring("step    1 /   20 | loss ".length());
            assertEquals(fourDecimals, microgpt.data.PyFormat.fixed(Double.parseDouble(written.get(s)), 4));
        }
    }

    @Test
    void progressReplacesTheStepLines() {
        CliRun run = CliRun.withData("train", "--step", "0", "--steps", "50", "--progress", "--samples", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.out().contains("| loss"));
        assertTrue(run.out().contains("sample  1: "));
        List<String> bars = finalBarStates(run.err());
        assertEquals(1, bars.size(), run.err());
        assertTrue(bars.get(0).matches("step 0 100% \\[=+\\] 50/50 .*"), bars.get(0));
    }

    /**
     * --epochs --progress: a bar per epoch on stderr, at 100% when its epoch's line is printed
     * (it stopped at 57600/57660 and shared its line with the epoch lines), and the log on stdout
     * exactly as without the bar.
     */
    @Test
    void epochBarsFinishAtOneHundredPercentOnTheirOwnLines() throws IOException {
        List<String> names = Documents.shuffled(Documents.load(CliRun.dataFile()), new PyRandom(1)).subList(0, 400);
        Path small = Files.write(dir.resolve("names.txt"), names);
        CliRun run = CliRun.of("train", "--step", "5", "--epochs", "3", "--samples", "2", "--progress", "--data", small.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("epoch 1/3 100%", "epoch 2/3 100%", "epoch 3/3 100%"),
                finalBarStates(run.err()).stream().map(bar -> bar.substring(0, "epoch 1/3 100%".length())).toList(), run.err());
        for (String bar : finalBarStates(run.err())) assertTrue(bar.contains(" 360/360 "), bar);
        CliRun plain = CliRun.of("train", "--step", "5", "--epochs", "3", "--samples", "2", "--data", small.toString());
        assertEquals(withoutTimes(plain.out()), withoutTimes(run.out()));
    }

    /** What each bar showed last: its line (ended by '\n') after the last '\r' redraw. */
    static List<String> finalBarStates(String err) {
        return java.util.Arrays.stream(err.split("\n")).filter(line -> !line.isEmpty())
                .map(line -> line.substring(line.lastIndexOf('\r') + 1)).toList();   // String.lines() would split at '\r' too
    }

    private static String withoutTimes(String log) {
        return log.replaceAll("\\| [0-9.]+ s", "| T s");
    }

    @Test
    void theSeedChangesTheRun() {
        CliRun seed42 = CliRun.withData("train", "--step", "1", "--steps", "1", "--samples", "0");
        CliRun seed7 = CliRun.withData("train", "--step", "1", "--steps", "1", "--seed", "7", "--samples", "0");
        assertFalse(seed42.lines().get(3).equals(seed7.lines().get(3)), "another seed, another name and other weights");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--step=6", "--step=-1", "--steps=0", "--steps=-5", "--steps=abc", "--samples=-1",
        "--learning-rate=0", "--learning-rate=nan", "--learning-rate=-1", "--temperature=0", "--temperature=inf",
        "--seed=1.5", "--step=x"})
    void badOptionsGetOneClearLineAndExitCodeTwo(String option) {
        List<String> args = new java.util.ArrayList<>(List.of("train", option));
        if (!option.startsWith("--step=")) args.add("--step=1");
        CliRun run = CliRun.withData(args.toArray(String[]::new));
        assertEquals(2, run.exitCode(), option);
        assertTrue(run.err().startsWith("microgpt: "), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aMissingDataFileIsExitCodeTwo() {
        CliRun run = CliRun.of("train", "--step", "0", "--data", dir.resolve("missing.txt").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("does not exist"), run.err());
    }

    @Test
    void aDataFileThatIsNotUtf8IsExitCodeTwo() throws IOException {
        Path bad = Files.write(dir.resolve("bad.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});
        CliRun run = CliRun.of("train", "--step", "0", "--data", bad.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("not UTF-8"), run.err());
    }

    @Test
    void aLossesFileThatIsADirectoryIsRefusedBeforeTraining() {
        CliRun run = CliRun.withData("train", "--step", "0", "--losses-out", dir.toString());
        assertEquals(2, run.exitCode());
        assertEquals("microgpt: --losses-out " + dir + " is a directory", run.err().strip());
        assertEquals("", run.out());
    }

    @Test
    void aFailedRunLeavesNoLossesFile() {
        Path losses = dir.resolve("losses.txt");
        CliRun run = CliRun.of("train", "--step", "0", "--data", dir.resolve("missing.txt").toString(),
                "--losses-out", losses.toString());
        assertEquals(2, run.exitCode());
        assertFalse(Files.exists(losses));
    }
}
