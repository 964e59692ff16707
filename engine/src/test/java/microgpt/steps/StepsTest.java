package microgpt.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import microgpt.data.Documents;
import microgpt.data.PyFormat;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.train.Runs;
import microgpt.train.Trainer;
import microgpt.train.TrainingLog;
import microgpt.train.TrainingRun;
import org.junit.jupiter.api.Test;

class StepsTest {

    @Test
    void parameterCounts() {
        assertEquals(729, Runs.run(0, 1).numParams());
        assertEquals(3184, Runs.run(1, 1).numParams());
        assertEquals(3184, Runs.run(2, 1).numParams());
        assertEquals(4192, Runs.run(3, 1).numParams());
        assertEquals(4192, Runs.run(4, 1).numParams());
        assertEquals(4192, Runs.run(5, 1).numParams());
    }

    @Test
    void theShuffleStartsWithTheNamesOfTheSpec() {
        List<String> shuffled = Documents.shuffled(Runs.docs(), new PyRandom(42));
        assertEquals(List.of("yuheng", "diondre", "xavien", "jori", "juanluis"), shuffled.subList(0, 5));
        assertEquals(32033, shuffled.size());
    }

    @Test
    void countingAfterOneHundredStepsGivesTheAvaNumbersOfTheSpec() {
        List<String> docs = Documents.shuffled(Runs.docs(), new PyRandom(42));
        Tokenizer tokenizer = new Tokenizer(docs);
        Step0Counting model = new Step0Counting(tokenizer);
        Trainer.train(model, docs, tokenizer, 100, (s, n, loss) -> true);
        int[] ava = tokenizer.encode("ava");
        String[] expected = {"0.134", "0.041", "0.118", "0.148"};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], PyFormat.fixed(model.bigram(ava[i])[ava[i + 1]], 3), "pair " + i);
        }
        assertEquals("2.31", PyFormat.fixed(model.loss(ava), 2));
    }

    @Test
    void theGradientCheckAgreesToBetterThanOneInAMillion() {
        List<String> docs = Documents.shuffled(Runs.docs(), new PyRandom(42));
        Tokenizer tokenizer = new Tokenizer(docs);
        PyRandom rng = new PyRandom(42);
        Documents.shuffled(Runs.docs(), rng);   // the draws the shuffle used, so init matches the run
        Step1GradientDescent model = new Step1GradientDescent(tokenizer, rng, 1.0);
        Step1GradientDescent.GradientCheck check = model.gradientCheck(tokenizer.encode("yuheng"));
        assertEquals(3184, check.numerical().length);
        assertEquals(check.numericalLoss(), check.analyticLoss());
        assertTrue(check.maxDifference() < 1e-6, "max difference " + check.maxDifference());
        assertTrue(check.maxDifference() > 0, "a forward difference is never exact");
    }

    @Test
    void stepOneAndStepTwoPrintTheSameLog() {
        // hand-derived and automatic gradients: the same model, the same 4-decimal losses and samples
        List<String> step1 = TrainingLog.lines(1, Runs.of(1));
        List<String> step2 = TrainingLog.lines(2, Runs.of(2));
        assertEquals(step1, step2);
    }

    @Test
    void stepFiveEndsWithThePublishedMicrogptResult() {
        TrainingRun run = Runs.of(5);
        List<String> log = TrainingLog.lines(5, run);
        assertEquals("step 1000 / 1000 | loss 2.6497", log.get(3 + 999));
        assertEquals(List.of("kamon", "ann", "karai", "jaire", "vialan", "karia", "yeran", "anna", "areli", "kaina",
                "konna", "keylen", "liole", "alerin", "earan", "lenne", "kana", "lara", "alela", "anton"), run.samples());
    }

    @Test
    void stepFourWithOneHeadIsStepThreeToTheBit() {
        Steps.StepInfo info = Steps.info(3);
        TrainingRun.Settings settings = new TrainingRun.Settings(42, 60, 0.5, 5, 16);
        TrainingRun three = TrainingRun.execute(Runs.docs(), settings, Steps.factory(3, info.learningRate(), GptConfig.MICROGPT),
                (a, b, c) -> {}, (s, n, l) -> true);
        TrainingRun fourWithOneHead = TrainingRun.execute(Runs.docs(), settings,
                (tokenizer, rng) -> new Step4Transformer(tokenizer, rng, new GptConfig(16, 1, 1, 16), info.learningRate()),
                (a, b, c) -> {}, (s, n, l) -> true);
        assertArrayEquals(three.losses(), fourWithOneHead.losses());
        assertEquals(three.samples(), fourWithOneHead.samples());
    }

    @Test
    void lossesStartNearUniformGuessing() {
        double uniform = -Math.log(1.0 / 27);
        for (int step = 1; step <= 5; step++) {
            double first = Runs.run(step, 1).losses()[0];
            assertEquals(uniform, first, 0.15, "step " + step);
        }
    }

    @Test
    void moreStepsOfTrainingLowerTheLoss() {
        for (int step : new int[] {0, 5}) {
            double[] losses = Runs.of(step).losses();
            assertTrue(mean(losses, 900, 1000) < mean(losses, 0, 100) - 0.3, "step " + step);
        }
    }

    @Test
    void unknownStepsAndBadShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Steps.info(6));
        assertThrows(IllegalArgumentException.class, () -> Steps.factory(-1, 0.1, GptConfig.MICROGPT));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GptConfig(18, 4, 1, 16));
        assertTrue(e.getMessage().contains("divisible"));
        assertThrows(IllegalArgumentException.class, () -> new GptConfig(100_000, 4, 1, 16));
        assertThrows(IllegalArgumentException.class, () -> new GptConfig(16, 4, 0, 16));
    }

    @Test
    void aNameWithAnUnknownCharacterIsRefusedByTheTokenizer() {
        Tokenizer tokenizer = new Tokenizer(Runs.docs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("Émile"));
        assertTrue(e.getMessage().contains("not in the vocabulary"), e.getMessage());
    }

    private static double mean(double[] xs, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) sum += xs[i];
        return sum / (to - from);
    }

    static List<String> lines(TrainingRun run) {
        return new ArrayList<>(run.samples());
    }
}
