package microgpt.cli;

import microgpt.fast.EngineChoice;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import microgpt.data.AtomicFile;
import microgpt.checkpoint.Checkpoint;
import microgpt.data.PyFormat;
import microgpt.data.Tokenizer;
import microgpt.steps.Steps;
import microgpt.train.LanguageModel;
import microgpt.train.Trainer;
import microgpt.train.TrainingLog;
import microgpt.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code microgpt train --step N}: trains one step and prints what the Python reference prints. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train one of the six steps on the names and sample from it.")
final class TrainCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin DataOption data;

    @Option(names = "--step", required = true, paramLabel = "N", description = "which step, 0–5")
    int step;

    @Option(names = "--steps", paramLabel = "K", defaultValue = "1000", description = "training steps, 1–1,000,000 (default: ${DEFAULT-VALUE})")
    int numSteps;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "random seed, any integer (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--learning-rate", paramLabel = "X", description = "learning rate, in (0, 100] (default: the step's own: 1.0 for steps 1–2, 0.1 for 3–4, 0.01 for 5)")
    Double learningRate;

    @Option(names = "--temperature", paramLabel = "T", description = "sampling temperature for steps 1–5, 0.01–100 (default: 0.5)")
    Double temperature;

    @Option(names = "--samples", paramLabel = "K", defaultValue = "20", description = "names to sample, 0–10,000 (default: ${DEFAULT-VALUE})")
    int numSamples;

    @Option(names = "--losses-out", paramLabel = "FILE", description = "write every step's loss, full precision, one per line")
    Path lossesOut;

    @Option(names = "--quiet", description = "do not print the per-step lines")
    boolean quiet;

    @Option(names = "--progress", description = "show a progress bar instead of the per-step lines")
    boolean progress;

    @Option(names = "--engine", paramLabel = "E", description = "readable, tape or fused (default: the fastest engine "
            + "that is exact: tape for steps 2–5 at the microgpt shape, readable for 0–1, fused for other shapes)")
    String engine;

    @Option(names = "--n-embd", paramLabel = "N", description = "embedding width, 1–512, steps 3–5 (default: 16)")
    Integer nEmbd;

    @Option(names = "--n-head", paramLabel = "N", description = "attention heads, 1–64, dividing --n-embd, steps 4–5 (default: 4; step 3 has 1)")
    Integer nHead;

    @Option(names = "--n-layer", paramLabel = "N", description = "layers, 1–16, steps 4–5 (default: 1)")
    Integer nLayer;

    @Option(names = "--block-size", paramLabel = "N", description = "context length, 1–256, steps 3–5 (default: 16)")
    Integer blockSize;

    @Option(names = "--optimizer", paramLabel = "O", description = "sgd or adam, steps 3–5 (default: adam for step 5, else sgd)")
    String optimizer;

    @Option(names = "--epochs", paramLabel = "E", description = "train E passes (1–100) over 90%% of all names with the "
            + "fused engine, steps 3–5, printing the loss on the other 10%% after each (instead of --steps)")
    Integer epochs;

    @Option(names = "--save", paramLabel = "FILE", description = "write the trained model to FILE (safetensors; steps 1–5)")
    Path save;

    static final int MAX_STEPS = 1_000_000;
    static final int MAX_SAMPLES = 10_000;

    @Override
    public Integer call() throws IOException {
        Steps.StepInfo info = Steps.info(step);
        requireRange("--steps", numSteps, 1, MAX_STEPS);
        requireRange("--samples", numSamples, 0, MAX_SAMPLES);
        double lr = learningRate != null ? learningRate : info.learningRate();
        if (learningRate != null && !(Double.isFinite(lr) && lr > 0 && lr <= 100)) {
            throw new IllegalArgumentException("--learning-rate must be a number in (0, 100], got " + learningRate);
        }
        double temp = temperature != null ? temperature : info.temperature();
        if (temperature != null) requireTemperature(temperature);
        EngineChoice.Choice choice = EngineChoice.choose(new EngineChoice.Request(step, engine, nEmbd, nHead, nLayer,
                blockSize, optimizer, lr));
        if (save != null && step == 0) {
            throw new IllegalArgumentException(Checkpoint.SAVES_STEPS + "; step 0 counts bigrams and has no weights");
        }
        requireOutputFiles();
        if (epochs != null) return new EpochCommand(this, choice).run();
        List<String> docs = data.load();

        PrintWriter out = spec.commandLine().getOut();
        TrainingRun.Settings settings = new TrainingRun.Settings(seed, numSteps, temp, numSamples, choice.maxSampleLength());
        ProgressBar[] bar = {null};
        LanguageModel[] trained = {null};
        Tokenizer[] vocabulary = {null};
        TrainingRun.ModelFactory factory = choice.factory();
        TrainingRun run;
        try {
            run = TrainingRun.execute(docs, settings, (tokenizer, rng) -> {
                        requireMemory(choice, tokenizer.vocabSize);   // before the model takes any
                        vocabulary[0] = tokenizer;
                        return trained[0] = factory.create(tokenizer, rng);
                    },
                    (numDocs, vocabSize, model) -> {
                        out.println(TrainingLog.numDocs(numDocs));
                        out.println(TrainingLog.vocabSize(vocabSize));
                        if (step > 0) out.println(TrainingLog.numParams(model.parameterCount()));
                        out.flush();
                        if (progress) bar[0] = progressBar("step " + step, numSteps);
                    },
                    (s, total, loss) -> {
                        TrainingDiverged.check(s + 1, loss, lr, info.learningRate());
                        if (bar[0] != null) {
                            bar[0].step();
                            bar[0].setExtraMessage("loss " + PyFormat.fixed(loss, 4));
                        } else if (!quiet) {
                            out.println(TrainingLog.stepLine(s, total, loss));
                        }
                        return true;
                    });
        } finally {
            if (bar[0] != null) bar[0].close();   // ends the bar's line before anything else is printed
        }
        writeOutputs(run.losses(), () -> Checkpoint.of(step, choice.config(), choice.optimizer(), vocabulary[0], trained[0]));

        out.println();
        out.println(TrainingLog.INFERENCE_HEADER);
        for (int i = 0; i < run.samples().size(); i++) out.println(TrainingLog.sampleLine(i, run.samples().get(i)));
        out.flush();
        return 0;
    }

    /** The model must fit the memory budget: checked once the vocabulary is known, before the model is built. */
    static void requireMemory(EngineChoice.Choice choice, int vocabSize) {
        long needed = choice.memoryBytes(vocabSize);
        String shrink = choice.config() == null ? "train a smaller data set"
                : choice.engine() == EngineChoice.Engine.FUSED ? "make --n-embd, --n-layer or --block-size smaller"
                : "make --n-embd, --n-layer or --block-size smaller, or use --engine fused (it needs far less)";
        MemoryBudget.require(needed, shrink);
    }

    ProgressBar progressBar(String task, long max) {
        return ProgressLine.start(task, max, spec.commandLine().getErr());
    }

    /**
     * --losses-out and --save, written together: each is written in full beside its target before
     * either is moved into place, so a failure (a full disk) leaves neither, and no part file.
     */
    void writeOutputs(double[] losses, Supplier<Checkpoint> checkpoint) throws IOException {
        Map<Path, byte[]> outputs = new LinkedHashMap<>();
        if (lossesOut != null) outputs.put(lossesOut, lossesText(losses).getBytes(StandardCharsets.UTF_8));
        if (save != null) outputs.put(save, checkpoint.get().bytes());
        try {
            AtomicFile.writeAll(outputs);
        } catch (IOException e) {
            throw new IOException("nothing was written: " + e.getMessage()
                    + (outputs.size() > 1 ? " (--save and --losses-out are written together or not at all)" : ""), e);
        }
    }

    /** One loss per line, 17 significant digits: each reads back as the same double. */
    static String lossesText(double[] losses) {
        StringBuilder text = new StringBuilder();
        for (double loss : losses) text.append(PyFormat.general17(loss)).append('\n');
        return text.toString();
    }

    /** The output files are checked before training, not after it: a bad path costs nothing. */
    private void requireOutputFiles() {
        requireOutputFile("--save", save);
        requireOutputFile("--losses-out", lossesOut);
        if (save != null && lossesOut != null && save.toAbsolutePath().normalize().equals(lossesOut.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--save and --losses-out both name " + save + ": give each its own file");
        }
    }

    private static void requireOutputFile(String option, Path target) {
        if (target == null) return;
        String problem = AtomicFile.problemWith(target);
        if (problem != null) throw new IllegalArgumentException(option + " " + target + " " + problem);
    }

    /** A temperature sampling can use (logits / T must stay finite), for train and sample alike. */
    static void requireTemperature(double temperature) {
        if (!Trainer.isSamplingTemperature(temperature)) {
            throw new IllegalArgumentException("--temperature must be between " + Trainer.MIN_TEMPERATURE + " and "
                    + Trainer.MAX_TEMPERATURE + ", got " + temperature);
        }
    }

    /** "--steps must be between 1 and 1,000,000, got 0": the numbers written as the help writes them. */
    static void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be between " + grouped(min) + " and " + grouped(max)
                    + ", got " + grouped(value));
        }
    }

    static String grouped(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }
}
