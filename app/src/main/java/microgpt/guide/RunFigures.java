package microgpt.guide;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.fast.EngineChoice;
import microgpt.steps.GptConfig;
import microgpt.steps.Step2Autograd;
import microgpt.steps.Step3Attention;
import microgpt.steps.Step4Transformer;
import microgpt.steps.Steps;
import microgpt.train.Trainer;
import microgpt.train.TrainingRun;

/**
 * Measurements the pages quote besides the seeded runs themselves: how long a step's training
 * takes, how much arithmetic one name costs, where a too-large learning rate breaks a run, and
 * how far apart two runs' losses are. Each is computed from the engine, never typed in.
 */
final class RunFigures {

    private RunFigures() {}

    /**
     * Timed trainings take this lock's write side and every other training of the guide's (the
     * seeded runs, computed two at a time) its read side: a timing never shares the machine with
     * another of the guide's trainings, and two timings never run at once.
     */
    private static final ReentrantReadWriteLock TRAINING = new ReentrantReadWriteLock();

    /** Runs an untimed training of the guide's: never during a timing, alongside other untimed ones. */
    static <T> T untimed(Supplier<T> training) {
        TRAINING.readLock().lock();
        try {
            return training.get();
        } finally {
            TRAINING.readLock().unlock();
        }
    }

    /**
     * The median of {@code runs} trainings of a step's 1000 steps, timed one after another as the
     * guide trains it (same seed, engine and learning rate; no sampling). A single run's time
     * depends on what else the machine was doing and on how warm the JIT was; the median of
     * several runs measured the same way is comparable from step to step.
     */
    static long medianTrainNanos(List<String> docs, int step, int numSteps, int runs) {
        TrainingRun.ModelFactory engine = EngineChoice.defaults(step).factory();
        long[] nanos = new long[runs];
        TRAINING.writeLock().lock();
        try {
            for (int i = 0; i < runs; i++) {
                TrainingRun.Start start = TrainingRun.start(docs, GuideNumbers.SEED, engine);
                long begin = System.nanoTime();
                Trainer.train(start.model(), start.shuffled(), start.tokenizer(), numSteps, (s, total, loss) -> true);
                nanos[i] = System.nanoTime() - begin;
            }
        } finally {
            TRAINING.writeLock().unlock();
        }
        Arrays.sort(nanos);
        return nanos[runs / 2];
    }

    /**
     * How many nodes the readable classes record for one name's loss: every number computed on the
     * way, and every parameter it reads. The count does not depend on the weights, so freshly drawn
     * ones do; it measures the arithmetic of a training step without the machine's noise.
     */
    static int graphNodes(Tokenizer tokenizer, int step, String name) {
        PyRandom rng = new PyRandom(GuideNumbers.SEED);
        double lr = Steps.info(step).learningRate();
        GptConfig shape = GptConfig.MICROGPT;
        int[] tokens = tokenizer.encode(name);
        return switch (step) {
            case 2 -> new Step2Autograd(tokenizer, rng, lr).loss(tokens).topologicalOrder().size();
            case 3 -> new Step3Attention(tokenizer, rng, shape.nEmbd(), shape.blockSize(), lr).loss(tokens).topologicalOrder().size();
            case 4, 5 -> new Step4Transformer(tokenizer, rng, shape, lr).loss(tokens).topologicalOrder().size();
            default -> throw new IllegalArgumentException("step " + step + " records no graph");
        };
    }

    /** Where a run of this step at this learning rate first breaks: the training step whose loss is infinite, then NaN. */
    record Divergence(int firstInfinite, int firstNaN) {}

    static Divergence divergence(List<String> docs, int step, double learningRate, int numSteps) {
        return untimed(() -> trainUntilItBreaks(docs, step, learningRate, numSteps));
    }

    private static Divergence trainUntilItBreaks(List<String> docs, int step, double learningRate, int numSteps) {
        EngineChoice.Choice choice = EngineChoice.choose(
                new EngineChoice.Request(step, null, null, null, null, null, null, learningRate));
        TrainingRun.Start start = TrainingRun.start(docs, GuideNumbers.SEED, choice.factory());
        int[] found = {0, 0};
        // A NaN loss means NaN weights, and every later loss NaN too: stop there.
        Trainer.train(start.model(), start.shuffled(), start.tokenizer(), numSteps, (s, total, loss) -> {
            if (Double.isInfinite(loss) && found[0] == 0) found[0] = s + 1;
            if (Double.isNaN(loss) && found[1] == 0) found[1] = s + 1;
            return found[1] == 0;
        });
        return new Divergence(found[0], found[1]);
    }

    static double maxDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) max = Math.max(max, Math.abs(a[i] - b[i]));
        return max;
    }

    /** The first training step (from 1) whose losses differ at all, or 0 if none does. */
    static int firstDifference(double[] a, double[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) if (a[i] != b[i]) return i + 1;
        return 0;
    }

    static double mean(double[] values, int from, int to) {
        return Arrays.stream(values, from, to).average().orElseThrow();
    }

    /** How many names are the same, position for position, in two lists of samples. */
    static int sameNames(List<String> a, List<String> b) {
        int same = 0;
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) if (a.get(i).equals(b.get(i))) same++;
        return same;
    }
}
