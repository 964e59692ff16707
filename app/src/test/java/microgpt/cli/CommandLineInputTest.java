package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inputs parse as a person means them, errors are one line, and nothing waits or runs without bound. */
class CommandLineInputTest {

    @TempDir Path dir;

    /** An Arabic-Indic three was taken as 3; NaN, hexadecimal and Java's 1d were numbers too. */
    @ParameterizedTest
    @ValueSource(strings = {"--step=٣", "--steps=１０", "--seed=٤٢", "--learning-rate=0x1p3", "--learning-rate=1d",
        "--temperature=NaN", "--temperature=Infinity"})
    void numbersAreAsciiDigitsOnly(String option) {
        CliRun run = CliRun.withData("train", option, option.startsWith("--step=") ? "--samples=0" : "--step=1");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("in ASCII digits"), run.err());
        assertEquals("", run.out());
    }

    /** 18 parse errors printed a second "Try --help" line; the pointer to the help is now in the one line. */
    @ParameterizedTest
    @ValueSource(strings = {"--nope", "--step", "--step=x", "--samples=-"})
    void aParseErrorIsOneLine(String option) {
        CliRun run = CliRun.withData("train", option);
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("microgpt: "), run.err());
        assertTrue(run.err().strip().endsWith("(see 'microgpt train --help')"), run.err());
    }

    /** The API caps names at 16 characters; gradcheck of a 2,000-character name ran 73 s. */
    @Test
    void gradcheckNamesAreCappedAsTheApiCapsThem() {
        CliRun run = CliRun.withData("gradcheck", "--name", "a".repeat(2_000));
        assertEquals(2, run.exitCode());
        assertEquals("microgpt: --name is 2000 characters long; at most 16 are allowed", run.err().strip());
        assertEquals(0, CliRun.withData("gradcheck", "--name", "a".repeat(16)).exitCode());
    }

    @Test
    void anEmptyHostIsRefused() {
        CliRun run = CliRun.withData("serve", "--host", "", "--port", "0");
        assertEquals(2, run.exitCode());
        assertEquals("microgpt: --host is empty: give an address to listen on, such as 127.0.0.1 (this machine only) "
                + "or 0.0.0.0 (every interface)", run.err().strip());
    }

    /** At 1e-308 the logits divided by T overflowed and sampling failed with "weights must sum to …". */
    @ParameterizedTest
    @ValueSource(strings = {"1e-308", "4.9e-324", "0.0099", "100.5"})
    void aTemperatureOutsideTheSamplingRangeIsRefused(String t) {
        CliRun run = CliRun.withData("train", "--step", "1", "--steps", "1", "--temperature", t);
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("microgpt: --temperature must be between 0.01 and 100.0, got "), run.err());
        assertEquals("", run.out());
    }

    @Test
    void theColdestTemperatureSamples() {
        CliRun run = CliRun.withData("train", "--step", "1", "--steps", "1", "--temperature", "0.01", "--samples", "3");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("sample  3: "), run.out());
    }

    /** A reference that never exits (its child neither) is stopped after --python-timeout, and bench goes on. */
    @Test
    void aReferenceThatNeverExitsIsStopped() throws IOException {
        Files.writeString(dir.resolve("step0.py"), "echo 'step    1 /    2 | loss 3.0'\nsleep 600\n");
        CliRun run = CliRun.withData("bench", "--only", "0", "--python", "sh", "--reference", dir.toString(),
                "--python-timeout", "1", "--steps", "5", "--readable-steps", "5", "--warm-up", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("microgpt bench: CPython step 0 failed: step0.py did not finish within 1 s, so it was "
                + "stopped (give more time with --python-timeout, or fewer --python-steps)"), run.err());
        assertFalse(run.out().contains("cpython"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches(" +0  readable .*")), run.out());
    }
}
