package microgpt.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;

import microgpt.steps.GptConfig;
import microgpt.steps.Step4Transformer;
import microgpt.steps.Steps;
import microgpt.train.TrainingRun;
import org.junit.jupiter.api.Test;

/**
 * The tape engine must print, and compute, exactly what the readable engine does: every loss
 * to the last bit and every sample, over whole runs.
 */
class TapeGptTest {

    static TrainingRun.ModelFactory tapeFactory(int step) {
        double lr = Steps.info(step).learningRate();
        GptConfig config = GptConfig.MICROGPT;
        return switch (step) {
            case 2 -> (tokenizer, rng) -> TapeGpt.step2(tokenizer, rng, lr);
            case 3 -> (tokenizer, rng) -> TapeGpt.transformer(tokenizer, rng,
                    TapeGpt.step3Config(config.nEmbd(), config.blockSize()), Optimizer.SGD, lr);
            case 4 -> (tokenizer, rng) -> TapeGpt.transformer(tokenizer, rng, config, Optimizer.SGD, lr);
            default -> (tokenizer, rng) -> TapeGpt.transformer(tokenizer, rng, config, Optimizer.ADAM, lr);
        };
    }

    static void assertBitIdentical(TrainingRun expected, TrainingRun actual) {
        assertEquals(expected.numParams(), actual.numParams(), "num params");
        assertEquals(expected.losses().length, actual.losses().length);
        for (int s = 0; s < expected.losses().length; s++) {
            assertEquals(Double.doubleToRawLongBits(expected.losses()[s]), Double.doubleToRawLongBits(actual.losses()[s]),
                    "loss of step " + (s + 1) + ": " + expected.losses()[s] + " vs " + actual.losses()[s]);
        }
        assertEquals(expected.samples(), actual.samples(), "samples");
    }

    @Test
    void step2IsBitIdenticalOverAThousandSteps() {
        assertBitIdentical(ReadableRuns.readable(2, 1000), ReadableRuns.settingsRun(2, 1000, tapeFactory(2)));
    }

    @Test
    void step3IsBitIdenticalOverAThousandSteps() {
        assertBitIdentical(ReadableRuns.readable(3, 1000), ReadableRuns.settingsRun(3, 1000, tapeFactory(3)));
    }

    @Test
    void step4IsBitIdenticalOverAThousandSteps() {
        assertBitIdentical(ReadableRuns.readable(4, 1000), ReadableRuns.settingsRun(4, 1000, tapeFactory(4)));
    }

    @Test
    void step5IsBitIdenticalOverAThousandStepsAndPrintsThePublishedRun() {
        TrainingRun tape = ReadableRuns.settingsRun(5, 1000, tapeFactory(5));
        assertBitIdentical(ReadableRuns.readable(5, 1000), tape);
        assertEquals("2.6497", microgpt.data.PyFormat.fixed(tape.losses()[999], 4));
        assertEquals("kamon", tape.samples().get(0));
        assertEquals("anton", tape.samples().get(19));
    }

    /**
     * Every gradient of a name's loss, bit for bit Value's, on shapes with several heads and
     * layers: the sums of products done as one node each must add their contributions exactly
     * where Value's walk does (see {@link Tape}).
     */
    @Test
    void gradientsAreValuesToTheBitOnSeveralShapes() {
        List<String> docs = microgpt.data.Documents.shuffled(TestData.docs(), new PyRandom(42));
        Tokenizer tokenizer = new Tokenizer(docs);
        GptConfig[] shapes = {GptConfig.MICROGPT, new GptConfig(8, 2, 2, 8), new GptConfig(12, 3, 3, 6),
            new GptConfig(4, 1, 1, 4), new GptConfig(6, 6, 1, 16)};
        for (GptConfig shape : shapes) {
            for (int trial = 0; trial < 6; trial++) {
                Step4Transformer readable = new Step4Transformer(tokenizer, new PyRandom(trial), shape, 0.1);
                TapeGpt tape = TapeGpt.transformer(tokenizer, new PyRandom(trial), shape, Optimizer.SGD, 0.1);
                int[] tokens = tokenizer.encode(docs.get(100 * trial + 7));
                double[] expected = FusedGptTest.readableGradients(readable, tokens, tape.layout());
                double[] actual = tape.gradients(tokens);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                            shape + ", " + docs.get(100 * trial + 7) + ", parameter " + i);
                }
            }
        }
    }

    /**
     * EngineChoice's memory estimate for the tape (which refuses shapes up front) covers what the
     * tape's arrays hold after training on the longest names, on several shapes.
     */
    @Test
    void theMemoryEstimateCoversWhatTheTapeHolds() {
        List<String> docs = TestData.docs();
        Tokenizer tokenizer = new Tokenizer(docs);
        List<String> longest = docs.stream().sorted((a, b) -> b.length() - a.length()).limit(20).toList();
        GptConfig[] shapes = {GptConfig.MICROGPT, new GptConfig(8, 2, 2, 8), new GptConfig(32, 4, 2, 16), new GptConfig(24, 1, 1, 24)};
        for (GptConfig shape : shapes) {
            TapeGpt model = TapeGpt.transformer(tokenizer, new PyRandom(1), shape, Optimizer.ADAM, 0.01);
            for (int s = 0; s < longest.size(); s++) model.trainStep(tokenizer.encode(longest.get(s)), s, longest.size());
            long estimate = EngineChoice.choose(new EngineChoice.Request(5, "tape", shape.nEmbd(), shape.nHead(), shape.nLayer(),
                    shape.blockSize(), "adam", 0.01)).memoryBytes(tokenizer.vocabSize);
            long held = model.tape().bytesHeld() + 48L * model.parameterCount();
            System.out.println("tape memory, " + shape + ": holds " + held + " bytes, estimated " + estimate);
            assertTrue(held <= estimate, shape + ": the tape holds " + held + " bytes, the estimate is " + estimate);
        }
    }

    /**
     * BackwardOrders' shortcut: for every name, the order put together from pieces of earlier
     * names is exactly the order the search finds (a different order would change the last bits
     * of the gradients). Over the data set's first 3,000 names, on four shapes.
     */
    @Test
    void theBackwardOrderPutTogetherFromKnownPiecesIsTheSearchedOne() {
        List<String> docs = TestData.docs();
        Tokenizer tokenizer = new Tokenizer(docs);
        List<TapeGpt> models = List.of(
                TapeGpt.step2(tokenizer, new PyRandom(42), 1.0),
                TapeGpt.transformer(tokenizer, new PyRandom(42), TapeGpt.step3Config(16, 16), Optimizer.SGD, 0.1),
                TapeGpt.transformer(tokenizer, new PyRandom(42), GptConfig.MICROGPT, Optimizer.ADAM, 0.01),
                TapeGpt.transformer(tokenizer, new PyRandom(42), new GptConfig(8, 2, 2, 6), Optimizer.ADAM, 0.01));
        for (TapeGpt model : models) {
            int compared = 0;
            for (String name : docs.subList(0, 3000)) {
                int[][] orders = model.searchedAndKnownOrder(tokenizer.encode(name));
                if (orders[1] == null) continue;
                assertArrayEquals(orders[0], orders[1], name);
                compared++;
            }
            assertTrue(compared > 2000, compared + " names put together from known pieces");
        }
    }
}
