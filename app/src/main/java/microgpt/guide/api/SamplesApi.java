package microgpt.guide.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Supplier;
import microgpt.data.PyRandom;
import microgpt.guide.Guide;
import microgpt.guide.GuideNumbers;
import microgpt.steps.GptConfig;
import microgpt.steps.Steps;
import microgpt.train.LanguageModel;
import microgpt.train.Trainer;

/**
 * {@code GET /api/samples?step=S&seed=X&count=N}: names written by the model of a step's seeded
 * run ({@link GuideNumbers#model}), drawn with a fresh {@code PyRandom(X)} at the step's own
 * temperature: a re-roll of the names the page shows.
 */
public final class SamplesApi {

    static final int MAX_SAMPLES = 50;

    private SamplesApi() {}

    public record Samples(int step, long seed, List<String> samples) {}

    public static void register(RoutesConfig routes, Supplier<Guide> guide) {
        routes.get("/api/samples", ctx -> Step0Api.json(ctx, samples(guide.get().numbers(), ctx)));
    }

    static Samples samples(GuideNumbers numbers, Context ctx) {
        int step = ApiInput.intParam(ctx, "step", 0, Steps.COUNT - 1, 0);
        long seed = ApiInput.longParam(ctx, "seed", GuideNumbers.SEED);
        int count = ApiInput.intParam(ctx, "count", 1, MAX_SAMPLES, GuideNumbers.NUM_SAMPLES);
        return new Samples(step, seed, sample(numbers, step, new PyRandom(seed), count));
    }

    private static List<String> sample(GuideNumbers numbers, int step, PyRandom rng, int count) {
        LanguageModel model = numbers.model(step);
        synchronized (model) {   // a tape model samples on its tape: one request at a time
            return Trainer.samples(model, numbers.tokenizer(), rng, Steps.info(step).temperature(),
                    GptConfig.MICROGPT.blockSize(), count);
        }
    }
}
