package microgpt.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import microgpt.data.Documents;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;



import microgpt.steps.GptConfig;
import microgpt.steps.Step3Attention;
import microgpt.steps.Step4Transformer;
import microgpt.steps.Step5Adam;
import microgpt.train.LanguageModel;
import org.junit.jupiter.api.Test;

class EngineChoiceTest {

    private static EngineChoice.Choice choose(int step, String engine, Integer nEmbd, Integer nHead, Integer nLayer,
                                              Integer blockSize, String optimizer) {
        return EngineChoice.choose(new EngineChoice.Request(step, engine, nEmbd, nHead, nLayer, blockSize, optimizer, 0.1));
    }

    private static EngineChoice.Choice choose(int step) {
        return choose(step, null, null, null, null, null, null);
    }

    private static final Tokenizer TOKENIZER = new Tokenizer(List.of("abc", "de"));

    private static LanguageModel build(EngineChoice.Choice choice) {
        return choice.factory().create(TOKENIZER, new PyRandom(1));
    }

    @Test
    void theDefaultsAreTheStepsOwnOnTheFastestExactEngine() {
        EngineChoice.Choice five = EngineChoice.defaults(5);
        assertEquals(EngineChoice.Engine.TAPE, five.engine());
        assertEquals(microgpt.fast.Optimizer.ADAM, five.optimizer());
        assertEquals(microgpt.steps.GptConfig.MICROGPT, five.config());
        assertEquals(0.01, five.learningRate());
        assertEquals(1, EngineChoice.defaults(3).config().nHead());
        assertEquals(EngineChoice.Engine.TAPE, EngineChoice.defaults(2).engine());
        assertEquals(EngineChoice.Engine.READABLE, EngineChoice.defaults(1).engine());
        assertEquals(EngineChoice.Engine.READABLE, EngineChoice.defaults(0).engine());
    }

    @Test
    void byDefaultStepsZeroAndOneAreReadableAndTwoToFiveAreOnTheTape() {
        assertEquals(EngineChoice.Engine.READABLE, choose(0).engine());
        assertEquals(EngineChoice.Engine.READABLE, choose(1).engine());
        for (int step = 2; step <= 5; step++) assertEquals(EngineChoice.Engine.TAPE, choose(step).engine(), "step " + step);
        assertTrue(build(choose(2)) instanceof TapeGpt);
        assertNull(choose(2).config());
    }

    @Test
    void theDefaultShapesAndOptimizersAreTheSteps() {
        assertEquals(new GptConfig(16, 1, 1, 16), choose(3).config());
        assertEquals(GptConfig.MICROGPT, choose(4).config());
        assertEquals(Optimizer.SGD, choose(3).optimizer());
        assertEquals(Optimizer.SGD, choose(4).optimizer());
        assertEquals(Optimizer.ADAM, choose(5).optimizer());
    }

    @Test
    void aNonDefaultShapeGoesToTheFusedEngineAndTheDefaultShapeSpelledOutStaysOnTheTape() {
        EngineChoice.Choice wide = choose(5, null, 64, 4, 2, null, null);
        assertEquals(EngineChoice.Engine.FUSED, wide.engine());
        assertEquals(new GptConfig(64, 4, 2, 16), wide.config());
        assertTrue(build(wide) instanceof FusedGpt);
        assertEquals(EngineChoice.Engine.TAPE, choose(5, null, 16, 4, 1, 16, null).engine());
        assertEquals(EngineChoice.Engine.FUSED, choose(3, null, 32, null, null, null, null).engine());
        assertEquals(EngineChoice.Engine.TAPE, choose(3, null, null, 1, 1, null, null).engine(), "1 head, 1 layer is step 3's own shape");
        assertEquals(EngineChoice.Engine.TAPE, choose(4, null, null, null, null, null, "adam").engine(), "an optimizer is not a shape");
    }

    @Test
    void anExplicitEngineIsObeyed() {
        assertTrue(build(choose(5, "fused", null, null, null, null, null)) instanceof FusedGpt);
        assertTrue(build(choose(5, "readable", null, null, null, null, null)) instanceof Step5Adam);
        assertTrue(build(choose(5, "readable", 8, 2, 1, 8, "sgd")) instanceof Step4Transformer);
        assertTrue(build(choose(3, "readable", null, null, null, null, null)) instanceof Step3Attention);
        assertTrue(build(choose(3, "readable", null, null, null, null, "adam")) instanceof Step5Adam);
        assertTrue(build(choose(4, "TAPE", 8, 2, 1, 8, null)) instanceof TapeGpt, "case does not matter");
    }

    @Test
    void badCombinationsAreRejectedWithTheOptionInTheMessage() {
        record Bad(int step, String engine, Integer nEmbd, Integer nHead, Integer nLayer, Integer blockSize,
                   String optimizer, String expected) {}
        List<Bad> cases = List.of(
                new Bad(2, null, 8, null, null, null, null, "--n-embd applies to steps 3 to 5"),
                new Bad(1, null, null, 2, null, null, null, "--n-head applies to steps 3 to 5"),
                new Bad(0, null, null, null, null, 8, null, "--block-size applies to steps 3 to 5"),
                new Bad(2, null, null, null, null, null, "adam", "--optimizer applies to steps 3 to 5"),
                new Bad(3, null, null, 2, null, null, null, "step 3 has one attention head and one layer"),
                new Bad(3, null, null, null, 2, null, null, "step 3 has one attention head and one layer"),
                new Bad(5, null, 0, null, null, null, null, "--n-embd must be between 1 and 512, got 0"),
                new Bad(5, null, 513, null, null, null, null, "--n-embd must be between 1 and 512"),
                new Bad(5, null, null, 0, null, null, null, "--n-head must be between 1 and 64"),
                new Bad(5, null, null, null, 17, null, null, "--n-layer must be between 1 and 16"),
                new Bad(5, null, null, null, null, 257, null, "--block-size must be between 1 and 256"),
                new Bad(5, null, 6, null, null, null, null, "--n-embd (6) must be divisible by --n-head (4)"),
                new Bad(5, null, null, null, null, null, "rmsprop", "--optimizer must be sgd or adam"),
                new Bad(5, "turbo", null, null, null, null, null, "--engine must be readable, tape or fused"),
                new Bad(1, "tape", null, null, null, null, null, "--engine tape covers steps 2 to 5"),
                new Bad(2, "fused", null, null, null, null, null, "--engine fused covers the transformer"));
        for (Bad bad : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> choose(bad.step(), bad.engine(), bad.nEmbd(), bad.nHead(), bad.nLayer(), bad.blockSize(), bad.optimizer()));
            assertTrue(e.getMessage().contains(bad.expected()), bad + " -> " + e.getMessage());
        }
    }

    @Test
    void samplesOfATransformerMayBeAsLongAsItsContext() {
        assertEquals(8, choose(5, null, null, null, null, 8, null).maxSampleLength());
        assertEquals(16, choose(2).maxSampleLength());
    }

    @Test
    void theTapeAndReadableEnginesTrainTheSameNonDefaultShapeBitForBit() {
        List<String> docs = Documents.shuffled(Documents.load(microgpt.TestData.namesFile()), new PyRandom(42));
        Tokenizer tokenizer = new Tokenizer(docs);
        EngineChoice.Choice tape = choose(4, "tape", 8, 2, 2, 8, "adam");
        EngineChoice.Choice readable = choose(4, "readable", 8, 2, 2, 8, "adam");
        LanguageModel a = tape.factory().create(tokenizer, new PyRandom(3));
        LanguageModel b = readable.factory().create(tokenizer, new PyRandom(3));
        for (int s = 0; s < 30; s++) {
            int[] tokens = tokenizer.encode(docs.get(s));
            assertEquals(b.trainStep(tokens, s, 30), a.trainStep(tokens, s, 30), "step " + (s + 1));
        }
    }
}
