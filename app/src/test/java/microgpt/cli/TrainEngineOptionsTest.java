package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import microgpt.checkpoint.Checkpoint;
import microgpt.data.Documents;
import microgpt.data.PyRandom;
import microgpt.fast.TapeGpt;
import microgpt.steps.GptConfig;
import microgpt.steps.Step1GradientDescent;
import microgpt.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** train's engine, shape, optimizer, epoch and checkpoint options. */
class TrainEngineOptionsTest {

    @TempDir Path dir;

    private static List<String> stepLines(CliRun run) {
        return run.lines().stream().filter(l -> l.startsWith("step ")).toList();
    }

    @Test
    void everyEnginePrintsTheSameLogAndSamplesForStep5() {
        String[] args = {"train", "--step", "5", "--steps", "40", "--samples", "3"};
        CliRun byDefault = CliRun.withData(args);
        assertEquals(0, byDefault.exitCode(), byDefault.err());
        for (String engine : List.of("readable", "tape", "fused")) {
            List<String> withEngine = new ArrayList<>(List.of(args));
            withEngine.addAll(List.of("--engine", engine));
            CliRun run = CliRun.withData(withEngine.toArray(String[]::new));
            assertEquals(byDefault.out(), run.out(), engine);
        }
    }

    @Test
    void theTapeWritesTheReadableEnginesLossesToTheLastBit() throws IOException {
        Path readable = dir.resolve("readable.txt");
        Path tape = dir.resolve("tape.txt");
        CliRun.withData("train", "--step", "4", "--steps", "25", "--quiet", "--engine", "readable", "--losses-out", readable.toString());
        CliRun.withData("train", "--step", "4", "--steps", "25", "--quiet", "--engine", "tape", "--losses-out", tape.toString());
        assertEquals(Files.readAllLines(readable), Files.readAllLines(tape));
        assertEquals(25, Files.readAllLines(tape).size());
    }

    @Test
    void aLargerShapeTrainsAndReportsItsParameterCount() {
        CliRun run = CliRun.withData("train", "--step", "5", "--n-embd", "32", "--n-head", "8", "--n-layer", "2",
                "--block-size", "12", "--steps", "5", "--samples", "2");
        assertEquals(0, run.exitCode(), run.err());
        // wte 27x32, wpe 12x32, lm_head 27x32, 2 layers x (4 x 32x32 + 2 x 128x32)
        assertEquals("num params: " + (27 * 32 + 12 * 32 + 27 * 32 + 2 * (4 * 32 * 32 + 2 * 128 * 32)), run.lines().get(2));
        assertEquals(5, stepLines(run).size());
    }

    @Test
    void theOptimizerOptionChangesStep4sUpdate() {
        CliRun sgd = CliRun.withData("train", "--step", "4", "--steps", "3", "--samples", "0");
        CliRun adam = CliRun.withData("train", "--step", "4", "--steps", "3", "--samples", "0", "--optimizer", "adam");
        assertEquals(stepLines(sgd).get(0), stepLines(adam).get(0), "the first loss is measured before any update");
        assertFalse(stepLines(sgd).get(2).equals(stepLines(adam).get(2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--step=5 --engine=warp", "--step=1 --engine=tape", "--step=2 --engine=fused",
        "--step=5 --n-embd=0", "--step=5 --n-embd=513", "--step=5 --n-embd=x", "--step=5 --n-embd=6",
        "--step=5 --n-head=0", "--step=5 --n-head=65", "--step=5 --n-layer=0", "--step=5 --n-layer=17",
        "--step=5 --block-size=0", "--step=5 --block-size=257", "--step=2 --n-embd=8", "--step=3 --n-head=2",
        "--step=3 --n-layer=2", "--step=5 --optimizer=lion", "--step=1 --optimizer=adam",
        "--step=5 --epochs=0", "--step=5 --epochs=101", "--step=5 --epochs=x", "--step=5 --epochs=1 --steps=10",
        "--step=5 --epochs=1 --engine=tape", "--step=2 --epochs=1", "--step=0 --save=x.safetensors"})
    void badOptionsGetOneClearLineAndExitCodeTwo(String options) {
        CliRun run = CliRun.withData(("train " + options).split(" "));
        assertEquals(2, run.exitCode(), options);
        assertTrue(run.err().startsWith("microgpt: "), run.err());
        assertEquals("", run.out(), options);
    }

    @Test
    void savingToADirectoryIsRefusedBeforeTraining() {
        CliRun run = CliRun.withData("train", "--step", "5", "--steps", "2", "--save", dir.toString());
        assertEquals(2, run.exitCode());
        assertEquals("microgpt: --save " + dir + " is a directory", run.err().strip());
        assertEquals("", run.out());
    }

    @Test
    void theSavedParametersAreTheTrainedOnesExactly() throws IOException {
        Path file = dir.resolve("m.safetensors");
        CliRun run = CliRun.withData("train", "--step", "5", "--steps", "30", "--quiet", "--samples", "0", "--save", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        TapeGpt[] model = {null};
        TrainingRun.execute(Documents.load(CliRun.dataFile()), new TrainingRun.Settings(42, 30, 0.5, 0, 16),
                (tokenizer, rng) -> model[0] = TapeGpt.transformer(tokenizer, rng, GptConfig.MICROGPT,
                        microgpt.fast.Optimizer.ADAM, 0.01), (a, b, c) -> {}, (s, t, l) -> true);
        Checkpoint saved = Checkpoint.load(file);
        assertArrayEquals(model[0].parameters(), saved.parameters());
        assertEquals(5, saved.step());
        assertEquals("abcdefghijklmnopqrstuvwxyz", saved.vocabulary());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no partial file left beside it");
        }
    }

    @Test
    void stepZeroHasNoWeightsToSave() {
        CliRun run = CliRun.withData("train", "--step", "0", "--save", dir.resolve("x.safetensors").toString());
        assertEquals(2, run.exitCode());
        assertEquals("microgpt: --save holds steps 1 to 5; step 0 counts bigrams and has no weights", run.err().strip());
    }

    /** Step 1 has 3,184 parameters (wte, mlp_fc1, mlp_fc2): "step 1 has no weights" was not true. */
    @Test
    void stepOneSavesItsThreeMatricesExactly() throws IOException {
        Path file = dir.resolve("step1.safetensors");
        CliRun run = CliRun.withData("train", "--step", "1", "--steps", "20", "--quiet", "--samples", "0", "--save", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        Step1GradientDescent[] model = {null};
        TrainingRun.execute(Documents.load(CliRun.dataFile()), new TrainingRun.Settings(42, 20, 0.5, 0, 16),
                (tokenizer, rng) -> model[0] = new Step1GradientDescent(tokenizer, rng, 1.0),
                (a, b, c) -> {}, (s, t, l) -> true);
        Checkpoint saved = Checkpoint.load(file);
        assertEquals(1, saved.step());
        assertEquals(3184, saved.parameters().length);
        double[] expected = model[0].parameters().values().stream()
                .flatMap(Arrays::stream).flatMapToDouble(Arrays::stream).toArray();
        assertArrayEquals(expected, saved.parameters());
    }

    @Test
    void everyEngineCanSaveStepsOneToFive() throws IOException {
        for (String[] c : List.of(new String[] {"1", "readable"}, new String[] {"2", "readable"}, new String[] {"2", "tape"}, new String[] {"3", "readable"},
                new String[] {"3", "fused"}, new String[] {"4", "tape"}, new String[] {"5", "readable"})) {
            Path file = dir.resolve("step" + c[0] + c[1] + ".safetensors");
            CliRun run = CliRun.withData("train", "--step", c[0], "--engine", c[1], "--steps", "3", "--quiet", "--samples", "0",
                    "--save", file.toString());
            assertEquals(0, run.exitCode(), run.err());
            Checkpoint saved = Checkpoint.load(file);
            assertEquals(Integer.parseInt(c[0]), saved.step());
            assertEquals(saved.layout().size(), saved.parameters().length);
        }
        // The readable Step 3 and the fused engine agree on the names of Step 3's matrices.
        assertArrayEquals(Checkpoint.load(dir.resolve("step3readable.safetensors")).parameters(),
                Checkpoint.load(dir.resolve("step3fused.safetensors")).parameters(), 1e-12);
    }

    @Test
    void epochsTrainOnNinetyPercentAndReportTheHeldOutLoss() throws IOException {
        List<String> names = Documents.shuffled(Documents.load(CliRun.dataFile()), new PyRandom(1)).subList(0, 400);
        Path small = Files.write(dir.resolve("names.txt"), names);
        CliRun run = CliRun.of("train", "--step", "5", "--epochs", "2", "--samples", "3", "--data", small.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.lines();
        assertEquals("num docs: 400", lines.get(0));
        assertEquals("train names: 360 | validation names: 40 | steps per epoch: 360", lines.get(3));
        assertTrue(lines.get(4).startsWith("epoch   0 /   2 | val loss "), lines.get(4));
        assertTrue(lines.get(5).matches("epoch   1 /   2 \\| train loss \\d\\.\\d{4} \\| val loss \\d\\.\\d{4} \\| [0-9.]+ s"), lines.get(5));
        assertTrue(lines.get(6).startsWith("epoch   2 /   2 | train loss "), lines.get(6));
        double before = Double.parseDouble(lines.get(4).substring(lines.get(4).lastIndexOf(' ') + 1));
        double after = Double.parseDouble(lines.get(6).split("val loss ")[1].split(" ")[0]);
        assertTrue(after < before, "training lowers the held-out loss: " + before + " -> " + after);
        assertEquals("--- inference (new, hallucinated names) ---", lines.get(8));
        assertEquals(12, lines.size());
        CliRun again = CliRun.of("train", "--step", "5", "--epochs", "2", "--samples", "3", "--data", small.toString());
        assertEquals(lines.subList(0, 5), again.lines().subList(0, 5), "seeded: the same split and initial loss");
    }

    @Test
    void theHelpOfEveryNewCommandPrintsWithoutPicocliWarnings() {
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true));   // picocli's tracer writes here
        try {
            for (String command : List.of("train", "sample", "bench")) {
                CliRun run = CliRun.of(command, "--help");
                assertEquals(0, run.exitCode(), command);
                assertEquals("", run.err(), command);
            }
            assertTrue(CliRun.of("train", "--help").out().contains("90% of all names"));
        } finally {
            System.setErr(stderr);
        }
        assertEquals("", warnings.toString(), "e.g. an unescaped % in a description");
    }
}
