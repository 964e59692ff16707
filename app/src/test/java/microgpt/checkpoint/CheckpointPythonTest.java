package microgpt.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import microgpt.data.Documents;
import microgpt.fast.EngineChoice;
import microgpt.steps.Steps;
import microgpt.train.LanguageModel;
import microgpt.train.Trainer;
import microgpt.train.TrainingRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * tools/checkpoint/read_checkpoint.py runs a checkpoint with numpy, from the file alone: its
 * probabilities must be the engine's, to 1e-12. It needs python3 with numpy and safetensors
 * (.ci/run installs them); without them this test fails, saying what to install, rather than
 * skipping, because a script nobody runs proves nothing.
 */
class CheckpointPythonTest {

    static final Path SCRIPT = Path.of("..", "tools", "checkpoint", "read_checkpoint.py");
    static final String NAME = "emma";

    @TempDir Path dir;

    @BeforeAll
    static void requirePythonWithSafetensors() throws InterruptedException {
        Process check;
        try {
            check = new ProcessBuilder("python3", "-c", "import numpy, safetensors").redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("python3 is not installed: CheckpointPythonTest needs it, with numpy and safetensors");
            return;
        }
        if (check.waitFor() != 0) fail("python3 has no numpy or no safetensors: python3 -m pip install safetensors numpy");
    }

    @ParameterizedTest(name = "step {0}, {1} engine, n_embd {2}, n_head {3}, n_layer {4}, block_size {5}")
    @CsvSource({
        "5, tape,     ,  ,  ,  ",
        "4, readable, 8, 2, 2, 8",
        "3, fused,    8,  ,  , 8",
        "2, tape,     ,  ,  ,  ",
        "1, readable, ,  ,  ,  ",
    })
    void numpyReadsTheCheckpointAndGivesTheEnginesProbabilities(int step, String engine, Integer nEmbd, Integer nHead,
                                                                 Integer nLayer, Integer blockSize) throws Exception {
        EngineChoice.Choice choice = EngineChoice.choose(new EngineChoice.Request(step, engine, nEmbd, nHead, nLayer,
                blockSize, null, Steps.info(step).learningRate()));
        TrainingRun.Start run = TrainingRun.start(Documents.load(dataFile()), 42, choice.factory());
        Trainer.train(run.model(), run.shuffled(), run.tokenizer(), 20, (s, total, loss) -> true);
        Path file = dir.resolve("model.safetensors");
        Checkpoint.of(step, choice.config(), choice.optimizer(), run.tokenizer(), run.model()).save(file);

        List<double[]> numpy = probabilitiesFromPython(file, NAME);
        LanguageModel.Generator engineGenerator = run.model().generator(1.0);
        int[] fed = Arrays.copyOf(run.tokenizer().encode(NAME), NAME.length() + 1);   // BOS, e, m, m, a
        assertEquals(fed.length, numpy.size(), "one line per position");
        for (int position = 0; position < fed.length; position++) {
            double[] expected = engineGenerator.nextTokenProbabilities(fed[position]);
            double[] actual = numpy.get(position);
            assertEquals(expected.length, actual.length, "position " + position);
            for (int token = 0; token < expected.length; token++) {
                assertEquals(expected[token], actual[token], 1e-12, "position " + position + ", token " + token);
            }
        }
    }

    /** Runs the script with --all and reads one array of probabilities per "position N (...): p p p" line. */
    static List<double[]> probabilitiesFromPython(Path checkpoint, String name) throws IOException, InterruptedException {
        Path out = Files.createTempFile("read_checkpoint", ".out");
        try {
            Process python = new ProcessBuilder("python3", SCRIPT.toString(), checkpoint.toString(), name, "--all")
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
            String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(python.waitFor(60, TimeUnit.SECONDS), "read_checkpoint.py did not finish in 60 s");
            assertEquals(0, python.exitValue(), "read_checkpoint.py failed: " + err);
            List<double[]> positions = new ArrayList<>();
            for (String line : Files.readAllLines(out)) {
                if (!line.startsWith("position ")) continue;
                String numbers = line.substring(line.indexOf("): ") + 3);
                positions.add(Arrays.stream(numbers.split(" ")).mapToDouble(Double::parseDouble).toArray());
            }
            return positions;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** names.txt, found as the command line finds it (a clone anywhere, with MICROGPT_DATA set, too). */
    static Path dataFile() {
        return microgpt.data.DataSetLocator.forTests();
    }
}
