package microgpt.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import microgpt.data.Documents;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.fast.FusedGpt;
import microgpt.fast.Optimizer;
import microgpt.fast.TapeGpt;
import microgpt.steps.GptConfig;
import microgpt.steps.Steps;
import microgpt.train.LanguageModel;
import microgpt.train.TrainingRun;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of each engine on each step it covers, as in {@code microgpt train}: seed
 * 42, the step's shape and learning rate, the names in the shuffled order, the learning rate
 * schedule of a 1000-step run. Every iteration starts again from a fresh model at step 1 and
 * trains through the names in order (wrapping after 1000), so each iteration does the same work
 * as a run. The score is microseconds per step, which is also milliseconds per 1000 steps.
 *
 * <p>The names file: {@code -Dmicrogpt.data=FILE}, {@code $MICROGPT_DATA}, the user cache, or {@code ../shared/data/names.txt}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1)
public class TrainStepBenchmark {

    static final int NUM_STEPS = 1000;

    /** The names, the tokenizer and a factory; a fresh model every iteration. */
    public abstract static class Run {
        List<String> shuffled;
        Tokenizer tokenizer;
        int[][] tokens;
        LanguageModel model;
        int step;

        abstract TrainingRun.ModelFactory factory();

        void load() {
            List<String> docs = Documents.load(microgpt.data.DataSetLocator.forTests());
            shuffled = Documents.shuffled(docs, new PyRandom(42));
            tokenizer = new Tokenizer(shuffled);
            tokens = new int[NUM_STEPS][];
            for (int s = 0; s < NUM_STEPS; s++) tokens[s] = tokenizer.encode(shuffled.get(s));
        }

        void fresh() {
            PyRandom rng = new PyRandom(42);
            Documents.shuffled(shuffled, rng);   // the same draws as a real run before the weights
            model = factory().create(tokenizer, rng);
            step = 0;
        }

        double next() {
            int s = step++ % NUM_STEPS;
            return model.trainStep(tokens[s], s, NUM_STEPS);
        }
    }

    @State(Scope.Thread)
    public static class Readable extends Run {
        @Param({"2", "3", "4", "5"})
        int stepNumber;

        @Override
        TrainingRun.ModelFactory factory() {
            return Steps.factory(stepNumber, Steps.info(stepNumber).learningRate(), GptConfig.MICROGPT);
        }

        @Setup(Level.Trial) public void setUp() { load(); }
        @Setup(Level.Iteration) public void iteration() { fresh(); }
    }

    @State(Scope.Thread)
    public static class Tape extends Run {
        @Param({"2", "3", "4", "5"})
        int stepNumber;

        @Override
        TrainingRun.ModelFactory factory() {
            double lr = Steps.info(stepNumber).learningRate();
            return switch (stepNumber) {
                case 2 -> (t, r) -> TapeGpt.step2(t, r, lr);
                case 3 -> (t, r) -> TapeGpt.transformer(t, r, TapeGpt.step3Config(16, 16), Optimizer.SGD, lr);
                case 4 -> (t, r) -> TapeGpt.transformer(t, r, GptConfig.MICROGPT, Optimizer.SGD, lr);
                default -> (t, r) -> TapeGpt.transformer(t, r, GptConfig.MICROGPT, Optimizer.ADAM, lr);
            };
        }

        @Setup(Level.Trial) public void setUp() { load(); }
        @Setup(Level.Iteration) public void iteration() { fresh(); }
    }

    @State(Scope.Thread)
    public static class Fused extends Run {
        @Param({"3", "4", "5"})
        int stepNumber;

        @Override
        TrainingRun.ModelFactory factory() {
            double lr = Steps.info(stepNumber).learningRate();
            return switch (stepNumber) {
                case 3 -> (t, r) -> new FusedGpt(t, r, TapeGpt.step3Config(16, 16), Optimizer.SGD, lr);
                case 4 -> (t, r) -> new FusedGpt(t, r, GptConfig.MICROGPT, Optimizer.SGD, lr);
                default -> (t, r) -> new FusedGpt(t, r, GptConfig.MICROGPT, Optimizer.ADAM, lr);
            };
        }

        @Setup(Level.Trial) public void setUp() { load(); }
        @Setup(Level.Iteration) public void iteration() { fresh(); }
    }

    @Benchmark
    public double readable(Readable run) {
        return run.next();
    }

    @Benchmark
    public double tape(Tape run) {
        return run.next();
    }

    @Benchmark
    public double fused(Fused run) {
        return run.next();
    }
}
