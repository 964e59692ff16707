package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import microgpt.steps.Step0Counting;
import org.junit.jupiter.api.Test;

/**
 * The sentences of the pages that state a measurable property of the trained models, each held
 * against the engine. The numbers in those sentences come from {@code {{num:…}}}; what is checked
 * here is the words around them ("close to even", "below every earlier step", "almost identical"),
 * which no placeholder can keep true if a run changes.
 */
class ProseClaimsTest {

    private static final GuideNumbers numbers = TestGuide.numbers();
    private static final double BASELINE = Math.log(27);

    private static double[] losses(int step) {
        return numbers.run(step).losses();
    }

    private static double finalLoss(int step) {
        return RunFigures.mean(losses(step), 900, 1000);
    }

    /** The page, read as its writer wrote it. */
    private static String page(String file) {
        return new ClasspathFolder("guide/pages/").readText(file).orElseThrow();
    }

    // 3.5 and 4.3: "no position from 2 on gives any one position as much as half of its weight";
    // "A typical position's largest weight is only … times the even share" (close to even);
    // "Attention sharpens when training gets better … Step 5 … some positions put … on a single earlier position".
    @Test
    void attentionIsCloseToEvenInStepsThreeAndFourAndSharpInStepFive() {
        for (int step : new int[] {3, 4}) {
            AttentionFigures f = numbers.attention(step);
            assertTrue(f.largestWeight() < 0.5, "step " + step + ": largest weight " + f.largestWeight());
            assertTrue(f.medianRatioToEven() < 1.25, "step " + step + ": typically close to even, got " + f.medianRatioToEven());
        }
        AttentionFigures adam = numbers.attention(5);
        assertTrue(adam.largestWeight() > 0.9, "Step 5 puts nearly all of a position's weight on one: " + adam.largestWeight());
        assertTrue(adam.medianRatioToEven() > 1.5 * numbers.attention(4).medianRatioToEven(), "and is sharper than Step 4 overall");
        assertEquals(GuideNumbers.ATTENTION_NAMES, adam.names());
    }

    @Test
    void theAttentionPagesQuoteTheMeasuredFiguresInsteadOfClaimingSharpWeights() {
        String scores = page("step3/5.md");
        assertFalse(scores.contains("far from even"), "3.5 must not claim what its widget does not show");
        assertTrue(scores.contains("{{num:attention.step3.largestWeight}}") && scores.contains("{{num:attention.step5.largestWeight}}"));
        String heads = page("step4/3.md");
        assertFalse(heads.contains("almost all of it on a single position"), "4.3 must not claim what its widget does not show");
        assertTrue(heads.contains("{{num:attention.step4.largestWeight}}"));
    }

    @Test
    void theFiguresAreMeasuredOnTheEnginesTrace() {
        // The first training name is among those measured: its own largest weight cannot exceed the figure.
        String first = numbers.shuffledDocs().get(0);
        double[][][][] w = microgpt.queries.Step345Queries.attention(microgpt.queries.Step345Queries.trace(numbers.tokenizer(),
                (microgpt.fast.FlatModel) numbers.model(3), 3, first)).weights();
        assertEquals(1.0, w[0][0][0][0], "position 0 attends to itself alone");
        double largest = 0;
        for (int pos = AttentionFigures.FIRST_POSITION; pos < w[0][0].length; pos++) {
            for (double weight : w[0][0][pos]) largest = Math.max(largest, weight);
        }
        assertTrue(largest > 0 && largest <= numbers.attention(3).largestWeight(), largest + " vs " + numbers.attention(3).largestWeight());
        assertEquals(2.0, AttentionFigures.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(1.5, AttentionFigures.median(List.of(3.0, 1.0, 2.0, 0.5)));
    }

    // Home: "Every step starts near it and ends well below it."
    @Test
    void everyStepStartsNearTheBaselineAndEndsWellBelowIt() {
        for (int step = 0; step < 6; step++) {
            assertTrue(Math.abs(losses(step)[0] - BASELINE) < 0.1, "step " + step + " starts at " + losses(step)[0]);
            assertTrue(finalLoss(step) < BASELINE - 0.5, "step " + step + " ends at " + finalLoss(step));
        }
    }

    // 1.5: "Early on, counting is ahead … By the end the final loss … close"; 3.1: "Both ended up at about the same loss".
    @Test
    void countingLeadsEarlyAndTheNetworkCatchesUp() {
        assertTrue(RunFigures.mean(losses(0), 0, 100) < RunFigures.mean(losses(1), 0, 100), "counting is ahead over the first 100 names");
        assertTrue(Math.abs(finalLoss(0) - finalLoss(1)) < 0.05, finalLoss(0) + " vs " + finalLoss(1));
    }

    // 2.8: "the printed training logs are identical line for line" (while the full-precision losses may differ).
    @Test
    void stepsOneAndTwoPrintTheSameLog() {
        for (int s = 0; s < 1000; s++) {
            assertEquals(GuideNumbers.loss(losses(1)[s]), GuideNumbers.loss(losses(2)[s]), "training step " + (s + 1));
        }
        assertEquals(numbers.run(1).samples(), numbers.run(2).samples());
        assertTrue(RunFigures.maxDifference(losses(1), losses(2)) < 1e-12);
    }

    // 3.8: "Averaged over each hundred training steps, from steps 1–100 to steps 901–1000, its loss is below that of every earlier model."
    @Test
    void stepThreeIsBelowEveryEarlierStepInEveryHundredSteps() {
        for (int from = 0; from < 1000; from += 100) {
            double attention = RunFigures.mean(losses(3), from, from + 100);
            for (int earlier = 0; earlier < 3; earlier++) {
                assertTrue(attention < RunFigures.mean(losses(earlier), from, from + 100), "steps " + (from + 1) + "–" + (from + 100)
                        + ": Step 3 against Step " + earlier);
            }
        }
    }

    // 3.8: "The first loss is slightly above the baseline".
    @Test
    void stepThreeStartsSlightlyAboveTheBaseline() {
        assertTrue(losses(3)[0] > BASELINE && losses(3)[0] < BASELINE + 0.1, String.valueOf(losses(3)[0]));
    }

    // 3.8: at learning rate 1.0 "the loss jumps around from the first steps, becomes infinite at step …, and is NaN … to the end".
    @Test
    void stepThreeAtLearningRateOneBreaks() {
        int infinite = Integer.parseInt(numbers.format("step3.lr1.infiniteAt").replace(",", ""));
        int nan = Integer.parseInt(numbers.format("step3.lr1.nanAt").replace(",", ""));
        assertTrue(infinite > 0 && nan > infinite, infinite + ", " + nan);
    }

    // 1.9 "short and tame" next to Step 0; 3.8 "longer … and closer to the … letters of a name in the data set";
    // 0.7 "Names run on far too long, or stop after a single letter".
    @Test
    void sampleLengthsAreAsThePagesDescribeThem() {
        double data = numbers.docs().stream().mapToInt(String::length).average().orElseThrow();
        double step0 = meanLength(0), step1 = meanLength(1), step3 = meanLength(3);
        assertTrue(step1 < step0, step1 + " vs " + step0);
        assertTrue(step3 > step1 && Math.abs(step3 - data) < Math.abs(step1 - data), step3 + " vs " + step1 + ", data " + data);
        List<String> counted = numbers.run(0).samples();
        assertTrue(counted.stream().anyMatch(n -> n.length() == 1), counted.toString());
        assertTrue(counted.stream().anyMatch(n -> n.length() >= 12), counted.toString());
    }

    private static double meanLength(int step) {
        return numbers.run(step).samples().stream().mapToInt(String::length).average().orElseThrow();
    }

    // 4.6: "Step 4's curve lies almost on top of Step 3's"; "… of the twenty names are the same" (almost identical);
    // 4.2: "At the size of microgpt the gain is small, as 4.6 shows".
    @Test
    void stepsThreeAndFourNearlyCoincide() {
        assertTrue(RunFigures.maxDifference(losses(3), losses(4)) < 0.05);
        assertTrue(Math.abs(finalLoss(3) - finalLoss(4)) < 0.01);
        assertTrue(RunFigures.sameNames(numbers.run(3).samples(), numbers.run(4).samples()) >= 15);
    }

    // 5.4: "Adam's curve drops fastest over the first names, and by the end it is the lowest of the six";
    // "… of the twenty are names that occur in the data set".
    @Test
    void adamLeadsFromTheStartAndEndsLowest() {
        for (int step = 0; step < 5; step++) {
            assertTrue(RunFigures.mean(losses(5), 0, 100) < RunFigures.mean(losses(step), 0, 100), "first 100 against step " + step);
            assertTrue(finalLoss(5) < finalLoss(step), "final loss against step " + step);
        }
        assertTrue(Integer.parseInt(numbers.format("step5.realSamples")) > 0);
    }

    // 0.5: "{{tok:q}} is rare and usually followed by {{tok:u}}" (in the table after the 1000 training names).
    @Test
    void qIsRareAndUsuallyFollowedByU() {
        Step0Counting table = (Step0Counting) numbers.model(0);
        int q = numbers.tokenizer().encode("q")[1], u = numbers.tokenizer().encode("u")[1];
        int row = IntStream.range(0, 27).map(next -> table.count(q, next)).sum();
        int a = numbers.tokenizer().encode("a")[1];
        int aRow = IntStream.range(0, 27).map(next -> table.count(a, next)).sum();
        assertTrue(row > 0 && row * 20 < aRow, "q: " + row + " pairs, a: " + aRow);
        assertTrue(table.count(q, u) * 2 > row, table.count(q, u) + " of " + row);
    }

    // 0.5: "vowels are followed by many different letters" (the table after the 1000 training names).
    @Test
    void vowelsAreFollowedByManyDifferentLetters() {
        Step0Counting table = (Step0Counting) numbers.model(0);
        double vowels = 0, consonants = 0;
        for (char c = 'a'; c <= 'z'; c++) {
            int id = numbers.tokenizer().encode(String.valueOf(c))[1];
            int distinct = (int) IntStream.range(0, 27).filter(next -> table.count(id, next) > 0).count();
            if ("aeiou".indexOf(c) >= 0) {
                assertTrue(distinct >= 20, c + " is followed by " + distinct + " different tokens");
                vowels += distinct / 5.0;
            } else {
                consonants += distinct / 21.0;
            }
        }
        assertTrue(vowels > consonants + 5, vowels + " vs " + consonants);
    }

    // 0.6: the curve "drops fast over the first hundred or so names, then flattens".
    @Test
    void countingsLossDropsFastThenFlattens() {
        double first = RunFigures.mean(losses(0), 0, 100), second = RunFigures.mean(losses(0), 100, 200);
        double perHundredAfter = (second - finalLoss(0)) / 8;
        assertTrue(first - second > 2 * perHundredAfter, (first - second) + " vs " + perHundredAfter);
    }

    // 1.5: the untrained network's first loss is "almost the same" as the baseline; 1.9: samples "full of common pieces like "an" and "ma"".
    @Test
    void stepOneStartsAtTheBaselineAndSamplesCommonPieces() {
        assertTrue(Math.abs(losses(1)[0] - BASELINE) < 0.01, String.valueOf(losses(1)[0]));
        List<String> samples = numbers.run(1).samples();
        assertTrue(samples.stream().anyMatch(n -> n.contains("an")) && samples.stream().anyMatch(n -> n.contains("ma")), samples.toString());
    }

    // 4.6: "Every extra layer adds twelve times the square of the stream's width in parameters";
    // "the largest shape GptConfig accepts … already has … parameters" (millions, on the way to billions).
    @Test
    void aLayerAddsTwelveTimesTheWidthSquared() {
        for (int width : new int[] {16, 64, microgpt.steps.GptConfig.MAX_EMBD}) {
            int one = microgpt.fast.ParamLayout.transformer(27, new microgpt.steps.GptConfig(width, 1, 1, 16)).size();
            int two = microgpt.fast.ParamLayout.transformer(27, new microgpt.steps.GptConfig(width, 1, 2, 16)).size();
            assertEquals(12L * width * width, two - one, "width " + width);
        }
        assertTrue(GuideNumbers.largestTransformer(27) > 10_000_000L);
        assertEquals(numbers.run(4).numParams(), microgpt.fast.ParamLayout.transformer(27, microgpt.steps.GptConfig.MICROGPT).size());
    }

    // 3.8: each name "costs more arithmetic" in Step 3; 4.6: Steps 3 and 4 do the same arithmetic.
    @Test
    void graphSizesFollowTheArchitecture() {
        String name = numbers.shuffledDocs().get(0);
        int step2 = RunFigures.graphNodes(numbers.tokenizer(), 2, name);
        int step3 = RunFigures.graphNodes(numbers.tokenizer(), 3, name);
        int step4 = RunFigures.graphNodes(numbers.tokenizer(), 4, name);
        assertTrue(step3 > step2, step3 + " vs " + step2);
        assertTrue(Math.abs(step4 - step3) < 0.05 * step3, step4 + " vs " + step3);
    }
}
