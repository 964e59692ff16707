package microgpt.train;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import microgpt.TestData;
import microgpt.data.Documents;
import microgpt.steps.GptConfig;
import microgpt.steps.Steps;

/** Seeded 1000-step runs of each step, computed once per test JVM and shared by the tests. */
public final class Runs {

    private Runs() {}

    private static final Map<Integer, TrainingRun> CACHE = new ConcurrentHashMap<>();
    private static List<String> docs;

    public static synchronized List<String> docs() {
        if (docs == null) docs = Documents.load(TestData.namesFile());
        return docs;
    }

    /** The default run of a step: seed 42, 1000 steps, 20 samples. */
    public static TrainingRun of(int step) {
        return CACHE.computeIfAbsent(step, s -> run(s, 1000));
    }

    public static TrainingRun run(int step, int numSteps) {
        Steps.StepInfo info = Steps.info(step);
        TrainingRun.Settings settings = new TrainingRun.Settings(42, numSteps, info.temperature(), 20, 16);
        return TrainingRun.execute(docs(), settings, Steps.factory(step, info.learningRate(), GptConfig.MICROGPT),
                (numDocs, vocabSize, model) -> {}, (s, total, loss) -> true);
    }
}
