package microgpt.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import microgpt.autograd.Value;
import microgpt.data.Documents;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.steps.GptConfig;
import microgpt.steps.Step4Transformer;
import microgpt.steps.Steps;
import microgpt.train.Trainer;
import microgpt.train.TrainingLog;
import microgpt.train.TrainingRun;
import org.junit.jupiter.api.Test;

class FusedGptTest {

    private static final List<String> DOCS = Documents.shuffled(TestData.docs(), new PyRandom(42));
    private static final Tokenizer TOKENIZER = new Tokenizer(DOCS);

    /** The readable engine's gradient of one name's loss, flattened in layout order. */
    static double[] readableGradients(Step4Transformer model, int[] tokens, ParamLayout layout) {
        Value loss = model.loss(tokens);
        loss.backward();
        double[] grads = new double[layout.size()];
        Map<String, Value[][]> params = model.parameters();
        for (ParamLayout.Tensor t : layout.tensors()) {
            Value[][] m = params.get(t.name());
            for (int i = 0; i < t.rows(); i++) {
                for (int j = 0; j < t.cols(); j++) grads[t.at(i, j)] = m[i][j].grad;
            }
        }
        return grads;
    }

    /**
     * The largest |fused − readable| over a tensor, relative to the tensor's largest readable
     * gradient: element by element relative errors mean nothing where a gradient is a
     * cancellation of much larger contributions (it can be 1e-18 of them).
     */
    static double worstRelativeError(double[] fused, double[] readable, ParamLayout layout) {
        double worst = 0;
        for (ParamLayout.Tensor t : layout.tensors()) {
            double scale = 0;
            for (int i = t.offset(); i < t.offset() + t.size(); i++) scale = Math.max(scale, Math.abs(readable[i]));
            for (int i = t.offset(); i < t.offset() + t.size(); i++) {
                double diff = Math.abs(fused[i] - readable[i]);
                if (diff > 0) worst = Math.max(worst, diff / scale);
            }
        }
        return worst;
    }

    @Test
    void gradientsAgreeWithTheValueEngineOnRandomShapesAndNames() {
        SplittableRandom random = new SplittableRandom(11);
        GptConfig[] shapes = {GptConfig.MICROGPT, new GptConfig(8, 2, 2, 8), new GptConfig(12, 3, 3, 6),
            new GptConfig(4, 1, 1, 4), new GptConfig(6, 6, 1, 16), new GptConfig(10, 5, 2, 12)};
        double worst = 0;
        for (GptConfig shape : shapes) {
            for (int trial = 0; trial < 4; trial++) {
                long seed = random.nextLong(1000);
                Step4Transformer readable = new Step4Transformer(TOKENIZER, new PyRandom(seed), shape, 0.1);
                FusedGpt fused = new FusedGpt(TOKENIZER, new PyRandom(seed), shape, Optimizer.SGD, 0.1);
                int[] tokens = TOKENIZER.encode(DOCS.get(random.nextInt(DOCS.size())));
                double[] expected = readableGradients(readable, tokens, fused.layout());
                double[] actual = fused.gradients(tokens);
                double error = worstRelativeError(actual, expected, fused.layout());
                worst = Math.max(worst, error);
                assertTrue(error < 1e-10, shape + ": relative error " + error);
                assertEquals(readable.loss(tokens).data, fused.loss(tokens), "the forward pass is the readable arithmetic");
            }
        }
        System.out.println("fused vs Value gradients: worst relative error " + worst);
    }

    static TrainingRun.ModelFactory fusedFactory(int step) {
        double lr = Steps.info(step).learningRate();
        return switch (step) {
            case 3 -> (tokenizer, rng) -> new FusedGpt(tokenizer, rng, TapeGpt.step3Config(16, 16), Optimizer.SGD, lr);
            case 4 -> (tokenizer, rng) -> new FusedGpt(tokenizer, rng, GptConfig.MICROGPT, Optimizer.SGD, lr);
            default -> (tokenizer, rng) -> new FusedGpt(tokenizer, rng, GptConfig.MICROGPT, Optimizer.ADAM, lr);
        };
    }

    /** The printed (4-decimal) log and the samples equal the readable engine's; the full-precision losses stay within 1e-12. */
    static void assertSameLog(TrainingRun expected, TrainingRun actual) {
        assertEquals(expected.numParams(), actual.numParams());
        // The first update is the first place the two can differ: step 1's loss is computed from
        // the same initial parameters by the same forward arithmetic.
        assertEquals(expected.losses()[0], actual.losses()[0], "step 1 is bit for bit the same");
        for (int s = 0; s < expected.losses().length; s++) {
            assertEquals(TrainingLog.stepLine(s, expected.losses().length, expected.losses()[s]),
                    TrainingLog.stepLine(s, actual.losses().length, actual.losses()[s]));
            assertTrue(Math.abs(expected.losses()[s] - actual.losses()[s]) < 1e-12, "step " + (s + 1));
        }
        assertEquals(expected.samples(), actual.samples());
    }

    @Test
    void step3LogAndSamplesEqualTheReadableEngineOverAThousandSteps() {
        assertSameLog(ReadableRuns.readable(3, 1000), ReadableRuns.settingsRun(3, 1000, fusedFactory(3)));
    }

    @Test
    void step4LogAndSamplesEqualTheReadableEngineOverAThousandSteps() {
        assertSameLog(ReadableRuns.readable(4, 1000), ReadableRuns.settingsRun(4, 1000, fusedFactory(4)));
    }

    @Test
    void step5LogAndSamplesEqualTheReadableEngineOverAThousandSteps() {
        assertSameLog(ReadableRuns.readable(5, 1000), ReadableRuns.settingsRun(5, 1000, fusedFactory(5)));
    }

    @Test
    void aModelWithGivenParametersComputesTheSameLossAndSamples() {
        FusedGpt model = new FusedGpt(TOKENIZER, new PyRandom(9), new GptConfig(8, 2, 2, 8), Optimizer.ADAM, 0.01);
        for (int s = 0; s < 20; s++) model.trainStep(TOKENIZER.encode(DOCS.get(s)), s, 20);
        FusedGpt copy = FusedGpt.withParameters(TOKENIZER.vocabSize, model.config(), Optimizer.ADAM, 0.01, model.parameters());
        int[] tokens = TOKENIZER.encode("emma");
        assertEquals(model.loss(tokens), copy.loss(tokens));
        assertEquals(Trainer.samples(model, TOKENIZER, new PyRandom(1), 0.7, 8, 5),
                Trainer.samples(copy, TOKENIZER, new PyRandom(1), 0.7, 8, 5));
    }

    @Test
    void namesLongerThanTheContextTrainOnTheFirstBlockSizePositions() {
        GptConfig shape = new GptConfig(8, 2, 1, 4);
        Step4Transformer readable = new Step4Transformer(TOKENIZER, new PyRandom(5), shape, 0.1);
        FusedGpt fused = new FusedGpt(TOKENIZER, new PyRandom(5), shape, Optimizer.SGD, 0.1);
        int[] tokens = TOKENIZER.encode("christopher");
        assertEquals(readable.loss(tokens).data, fused.loss(tokens));
    }

    @Test
    void withParametersRejectsTheWrongCount() {
        assertThrows(IllegalArgumentException.class,
                () -> FusedGpt.withParameters(27, GptConfig.MICROGPT, Optimizer.SGD, 0.1, new double[10]));
    }

    @Test
    void aTrainingStepAllocatesNothing() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!(threads instanceof com.sun.management.ThreadMXBean counting) || !counting.isThreadAllocatedMemorySupported()) {
            return;   // this JVM cannot count allocations
        }
        FusedGpt model = new FusedGpt(TOKENIZER, new PyRandom(4), GptConfig.MICROGPT, Optimizer.ADAM, 0.01);
        int[][] names = new int[300][];
        for (int i = 0; i < names.length; i++) names[i] = TOKENIZER.encode(DOCS.get(i));
        for (int s = 0; s < names.length; s++) model.trainStep(names[s], s, 600);     // warm up
        long tid = Thread.currentThread().getId();
        long before = counting.getThreadAllocatedBytes(tid);
        for (int s = 0; s < names.length; s++) model.trainStep(names[s], 300 + s, 600);
        long allocated = counting.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 1024, "300 training steps allocated " + allocated + " bytes");
    }
}
