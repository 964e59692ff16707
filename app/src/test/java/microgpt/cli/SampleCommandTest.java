package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleCommandTest {

    @TempDir static Path dir;
    static Path step5;
    static Path step2;
    static Path step1;

    @BeforeAll
    static void train() {
        step5 = dir.resolve("step5.safetensors");
        step2 = dir.resolve("step2.safetensors");
        step1 = dir.resolve("step1.safetensors");
        assertEquals(0, CliRun.withData("train", "--step", "5", "--steps", "200", "--quiet", "--samples", "0", "--save", step5.toString()).exitCode());
        assertEquals(0, CliRun.withData("train", "--step", "2", "--steps", "50", "--quiet", "--samples", "0", "--save", step2.toString()).exitCode());
        assertEquals(0, CliRun.withData("train", "--step", "1", "--steps", "50", "--quiet", "--samples", "0", "--save", step1.toString()).exitCode());
    }

    @Test
    void printsCountNamesAndTheSameOnesForTheSameSeed() {
        CliRun run = CliRun.of("sample", "--load", step5.toString(), "--count", "7");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(7, run.lines().size());
        for (int i = 0; i < 7; i++) assertTrue(run.lines().get(i).matches("sample +" + (i + 1) + ": [a-z]*"), run.lines().get(i));
        assertEquals(run.out(), CliRun.of("sample", "--load", step5.toString(), "--count", "7").out());
        CliRun otherSeed = CliRun.of("sample", "--load", step5.toString(), "--count", "7", "--seed", "8");
        assertTrue(!run.out().equals(otherSeed.out()));
    }

    @Test
    void everyNameStartsWithThePrefix() {
        CliRun run = CliRun.of("sample", "--load", step5.toString(), "--prefix", "jo", "--count", "10", "--temperature", "1.2");
        assertEquals(0, run.exitCode(), run.err());
        for (String line : run.lines()) assertTrue(line.split(": ", 2)[1].startsWith("jo"), line);
    }

    @Test
    void step2sMlpSamplesToo() {
        CliRun run = CliRun.of("sample", "--load", step2.toString(), "--count", "3", "--prefix", "a");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(3, run.lines().size());
    }

    @Test
    void step1sMlpSamplesToo() {
        CliRun run = CliRun.of("sample", "--load", step1.toString(), "--count", "3", "--prefix", "b");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(3, run.lines().size());
        for (String line : run.lines()) assertTrue(line.matches("sample +\\d: b[a-z]*"), line);
    }

    @Test
    void aPrefixOutsideTheVocabularyIsOneClearLine() {
        CliRun run = CliRun.of("sample", "--load", step5.toString(), "--prefix", "Jo");
        assertEquals(2, run.exitCode());
        assertEquals("microgpt: --prefix 'Jo' has the character 'J', which is not in the model's vocabulary "
                + "(abcdefghijklmnopqrstuvwxyz)", run.err().strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--count=-1", "--count=10001", "--count=x", "--temperature=0", "--temperature=-1",
        "--temperature=nan", "--prefix=abcdefghijklmnop", "--seed=x"})
    void badOptionsGetOneClearLineAndExitCodeTwo(String option) {
        CliRun run = CliRun.of("sample", "--load", step5.toString(), option);
        assertEquals(2, run.exitCode(), option);
        assertTrue(run.err().startsWith("microgpt: "), run.err());
        assertEquals("", run.out());
    }

    @Test
    void loadIsRequiredAndAMissingFileIsExitCodeTwo() {
        CliRun none = CliRun.of("sample");
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("--load"), none.err());
        CliRun missing = CliRun.of("sample", "--load", dir.resolve("nope.safetensors").toString());
        assertEquals(2, missing.exitCode());
        assertEquals(List.of("microgpt: checkpoint " + dir.resolve("nope.safetensors") + " does not exist"), missing.err().lines().toList());
    }

    /** sample --load had no memory check: the largest checkpoint would end in OutOfMemoryError on a small heap. */
    @Test
    void aCheckpointTooLargeForTheHeapIsRefusedBeforeItIsRead() throws Exception {
        microgpt.checkpoint.Checkpoint loaded = microgpt.checkpoint.Checkpoint.load(step5);
        long fileBytes = java.nio.file.Files.size(step5);
        assertEquals(3 * fileBytes, microgpt.checkpoint.Checkpoint.loadingBytes(step5), "the bytes, the tensors, the parameters");
        assertTrue(loaded.samplingBytes() > 8L * loaded.parameters().length, "the parameters and the model's own buffers");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MemoryBudget.require(loaded.samplingBytes(), 64L << 10, MemoryBudget.TO_SAMPLE, ""));
        assertTrue(e.getMessage().matches("this model needs about [0-9,]+ MB to load and sample \\(the file, its parameters and "
                + "the model's buffers\\); this Java allows 1 MB \\(half of its 1 MB heap\\): give Java more memory "
                + "\\(MICROGPT_JAVA_OPTS=-Xmx1g\\)"), e.getMessage());
        MemoryBudget.require(loaded.samplingBytes(), 1L << 30, MemoryBudget.TO_SAMPLE, "");   // fits in half of 1 GB
    }
}
