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
import microgpt.train.Trainer;

/**
 * {@code GET /api/samples?step=S&seed=X&count=N}: names written by a trained step's model, drawn
 * with a fresh {@code PyRandom(X)} (a re-roll). Step 0 so far; a later step adds its case to
 * {@link #sample} (its seeded run's names are in {@code api/runs/stepS.json} meanwhile).
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
        return switch (step) {
            case 0 -> {
                Step0Snapshots step0 = Step0Snapshots.of(numbers);
                yield Trainer.samples(step0.after(Step0Snapshots.MAX_STEPS), step0.tokenizer(), rng,
                        Steps.info(0).temperature(), GptConfig.MICROGPT.blockSize(), count);
            }
            default -> throw new ApiErrors.BadRequest("fresh samples of step " + step + " are not yet available;"
                    + " its seeded samples are in api/runs/step" + step + ".json");
        };
    }
}
