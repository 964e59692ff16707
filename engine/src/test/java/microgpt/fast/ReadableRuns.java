package microgpt.fast;

import java.util.HashMap;
import java.util.Map;
import microgpt.steps.GptConfig;
import microgpt.steps.Steps;
import microgpt.train.TrainingRun;

/**
 * Runs of the readable engine, each computed once per test JVM and shared by the tests that
 * compare the fast engines with it (Step 5 takes about 20 s).
 */
final class ReadableRuns {

    private ReadableRuns() {}

    static final int SAMPLES = 20;
    private static final Map<String, TrainingRun> RUNS = new HashMap<>();

    static TrainingRun settingsRun(int step, int numSteps, TrainingRun.ModelFactory factory) {
        TrainingRun.Settings settings = new TrainingRun.Settings(42, numSteps, Steps.info(step).temperature(), SAMPLES,
                GptConfig.MICROGPT.blockSize());
        return TrainingRun.execute(TestData.docs(), settings, factory, (a, b, c) -> {}, (s, t, l) -> true);
    }

    /** The readable engine's run of a step at the default shape and learning rate. */
    static synchronized TrainingRun readable(int step, int numSteps) {
        return RUNS.computeIfAbsent(step + "/" + numSteps, key -> settingsRun(step, numSteps,
                Steps.factory(step, Steps.info(step).learningRate(), GptConfig.MICROGPT)));
    }
}
