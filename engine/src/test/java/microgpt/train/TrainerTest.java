package microgpt.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.steps.Step0Counting;
import org.junit.jupiter.api.Test;

/** The shared loop's early exits: a listener that says stop, a sampler told to stop. */
class TrainerTest {

    private static final List<String> DOCS = List.of("emma", "olivia", "ava", "isabella", "sophia");
    private static final Tokenizer TOKENIZER = new Tokenizer(DOCS);

    private static Step0Counting trained() {
        Step0Counting model = new Step0Counting(TOKENIZER);
        Trainer.train(model, DOCS, TOKENIZER, 5, (step, total, loss) -> true);
        return model;
    }

    @Test
    void aListenerThatSaysStopEndsTrainingAfterThatStep() {
        double[] losses = Trainer.train(new Step0Counting(TOKENIZER), DOCS, TOKENIZER, 100, (step, total, loss) -> step < 2);
        assertEquals(3, losses.length);
    }

    @Test
    void samplingStopsWhenToldAndGivesTheSameNamesUpToThere() {
        List<String> all = Trainer.samples(trained(), TOKENIZER, new PyRandom(1), 1.0, 16, 10);
        int[] asked = {0};
        List<String> some = Trainer.samples(trained(), TOKENIZER, new PyRandom(1), 1.0, 16, 10, () -> ++asked[0] <= 3);
        assertEquals(all.subList(0, 3), some);
        assertEquals(4, asked[0], "asked before each name, and once more to hear no");
        assertEquals(List.of(), Trainer.samples(trained(), TOKENIZER, new PyRandom(1), 1.0, 16, 10, () -> false));
    }
}
