package microgpt.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import microgpt.steps.GptConfig;
import microgpt.steps.Step3Attention;
import microgpt.steps.Step4Transformer;
import microgpt.train.TrainingRun;
import org.junit.jupiter.api.Test;

/**
 * The fast engines (and the CLI) run Step 3 as Step 4's transformer with one head and one
 * layer. That is only allowed because the two readable classes compute the same thing, bit for
 * bit: checked here on the readable engines themselves, at the default width and another one.
 */
class Step3AsOneHeadTest {

    private static void assertSameRun(int nEmbd, int numSteps) {
        TrainingRun step3 = ReadableRuns.settingsRun(3, numSteps,
                (tokenizer, rng) -> new Step3Attention(tokenizer, rng, nEmbd, 16, 0.1));
        TrainingRun oneHead = ReadableRuns.settingsRun(3, numSteps,
                (tokenizer, rng) -> new Step4Transformer(tokenizer, rng, new GptConfig(nEmbd, 1, 1, 16), 0.1));
        assertEquals(step3.numParams(), oneHead.numParams());
        for (int s = 0; s < numSteps; s++) {
            assertEquals(Double.doubleToRawLongBits(step3.losses()[s]), Double.doubleToRawLongBits(oneHead.losses()[s]),
                    "step " + (s + 1));
        }
        assertEquals(step3.samples(), oneHead.samples());
    }

    @Test
    void step3IsStep4WithOneHeadAndOneLayerAtTheDefaultWidth() {
        assertSameRun(16, 150);
    }

    @Test
    void step3IsStep4WithOneHeadAndOneLayerAtAnotherWidth() {
        assertSameRun(8, 60);
    }
}
