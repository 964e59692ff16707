package microgpt.guide;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import microgpt.steps.Steps;
import microgpt.train.TrainingRun;

/**
 * A step's seeded run as the pages' widgets read it ({@code api/runs/stepN.json}): the settings,
 * every step's loss at full precision, the name each step learned from, the sampled names and the
 * timings. The names travel with the losses so that a replay can say which name a loss is for
 * without the live API (a static export has none).
 */
public record RunData(int step, String title, String model, long seed, int numSteps, Double learningRate,
                      double temperature, int numDocs, int vocabSize, int numParams, double[] losses,
                      List<String> trainingNames, List<String> samples, long trainMs, int trainRuns, long sampleMs) {

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    /** The site path of a step's run, relative to the site root. */
    public static String path(int step) {
        return "api/runs/step" + step + ".json";
    }

    /** trainMs: how long the training takes, the median of trainRuns timed trainings (GuideNumbers.trainMillis). */
    public static RunData of(int step, TrainingRun run, List<String> trainingNames, long trainMs) {
        Steps.StepInfo info = Steps.info(step);
        return new RunData(step, info.title(), info.model(), GuideNumbers.SEED, run.losses().length,
                Double.isNaN(info.learningRate()) ? null : info.learningRate(), info.temperature(),
                run.numDocs(), run.vocabSize(), run.numParams(), run.losses(),
                trainingNames.subList(0, Math.min(trainingNames.size(), run.losses().length)), run.samples(),
                trainMs, GuideNumbers.TIMED_RUNS, Math.round(run.sampleNanos() / 1e6));
    }

    public byte[] toJson() {
        return toJson(this);
    }

    /** Any value as JSON bytes (Jackson; the guide writes no JSON by hand). */
    public static byte[] toJson(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }
}
