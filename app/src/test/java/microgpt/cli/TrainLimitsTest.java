package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** train refuses a model larger than its memory budget before any work, and stops plainly when the loss diverges. */
class TrainLimitsTest {

    @TempDir Path dir;

    /** The tape engine at the largest shape would need terabytes: refused under any heap, before training. */
    @Test
    void aModelLargerThanTheBudgetIsRefusedBeforeTraining() {
        CliRun run = CliRun.withData("train", "--step", "5", "--engine", "tape", "--n-embd", "512", "--n-head", "64",
                "--n-layer", "16", "--block-size", "256", "--save", dir.resolve("m").toString());
        assertEquals(2, run.exitCode());
        String line = run.err().strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.matches("microgpt: this model needs about [0-9,]+ MB to train \\(parameters, gradients, optimizer state "
                + "and activations\\); this Java allows [0-9,]+ MB \\(half of its [0-9,]+ MB heap\\): make --n-embd, --n-layer or "
                + "--block-size smaller, or use --engine fused \\(it needs far less\\), or give Java more memory "
                + "\\(MICROGPT_JAVA_OPTS=-Xmx[0-9]+g\\)"), line);
        assertEquals("", run.out(), "nothing printed: no header, no training");
        assertFalse(Files.exists(dir.resolve("m")));
    }

    /** The fused engine at the largest shape (about 3.4 GB) against a small machine's heap and a large one's. */
    @Test
    void theBudgetIsHalfTheHeap() {
        long needed = microgpt.fast.EngineChoice.choose(new microgpt.fast.EngineChoice.Request(5, "fused", 512, 64, 16, 256,
                null, 0.01)).memoryBytes(27);
        assertTrue(needed > 3_000L << 20, "the estimate: " + needed);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemoryBudget.require(needed, 64L << 20, "make --n-embd, --n-layer or --block-size smaller"));
        assertTrue(e.getMessage().contains("this Java allows 32 MB (half of its 64 MB heap): make --n-embd, --n-layer or "
                + "--block-size smaller, or give Java more memory (MICROGPT_JAVA_OPTS=-Xmx7g)"), e.getMessage());
        MemoryBudget.require(needed, 8L << 30, "unused");   // fits in half of 8 GB
    }

    /** --learning-rate 100 overflows every step's weights within a few steps; the line says where and what to try. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void divergenceStopsTrainingAndSaysWhere(int step) {
        Path losses = dir.resolve("losses.txt");
        Path model = dir.resolve("model.safetensors");
        CliRun run = CliRun.withData("train", "--step", Integer.toString(step), "--learning-rate", "100", "--steps", "1000",
                "--losses-out", losses.toString(), "--save", model.toString());
        assertEquals(1, run.exitCode());
        String line = run.err().strip();
        assertTrue(line.matches("microgpt: training diverged at step [0-9]+: the loss became (infinite|NaN \\(not a number\\)) "
                + "with learning rate 100\\.0, so training stopped and no file was written; try a lower --learning-rate "
                + "\\(this step's own is [0-9.]+\\)"), line);
        assertFalse(run.err().contains("weights must sum"));
        assertFalse(run.out().contains("inference"), "no samples from a diverged model");
        assertFalse(Files.exists(losses), "no Infinity or NaN written");
        assertFalse(Files.exists(model));
    }
}
