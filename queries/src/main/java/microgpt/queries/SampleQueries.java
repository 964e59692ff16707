package microgpt.queries;

import java.util.List;
import microgpt.data.PyRandom;
import microgpt.steps.GptConfig;
import microgpt.steps.Steps;
import microgpt.train.LanguageModel;
import microgpt.train.Trainer;

/**
 * Names written by the model of a step's seeded run, drawn with a fresh {@code PyRandom(seed)}
 * at the step's own temperature: a re-roll of the names the page shows.
 */
final class SampleQueries {

    static final int MAX_SAMPLES = 50;

    private final GuideData data;

    SampleQueries(GuideData data) {
        this.data = data;
    }

    JsonObject samples(int step, long seed, int count) {
        LanguageModel model = data.model(step);
        List<String> names;
        synchronized (model) {   // a tape model samples on its tape: one request at a time
            names = Trainer.samples(model, data.tokenizer(), new PyRandom(seed), Steps.info(step).temperature(),
                    GptConfig.MICROGPT.blockSize(), count);
        }
        return new JsonObject().put("step", step).put("seed", seed).put("samples", names);
    }
}
