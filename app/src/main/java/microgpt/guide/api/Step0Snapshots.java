package microgpt.guide.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import microgpt.data.Tokenizer;
import microgpt.guide.GuideNumbers;
import microgpt.steps.Step0Counting;
import microgpt.train.Trainer;

/**
 * Step 0's count table after K training steps, replayed from the seed-42 shuffle exactly as the
 * run trains it. Replaying 1000 steps of counting takes about a millisecond; each K is kept.
 */
final class Step0Snapshots {

    static final int MAX_STEPS = GuideNumbers.NUM_STEPS;

    private static final Map<GuideNumbers, Step0Snapshots> BY_NUMBERS = new ConcurrentHashMap<>();

    private final GuideNumbers numbers;
    private final Map<Integer, Step0Counting> byStep = new ConcurrentHashMap<>();

    private Step0Snapshots(GuideNumbers numbers) {
        this.numbers = numbers;
    }

    /** One set of snapshots per catalogue (data file), shared by every API class. */
    static Step0Snapshots of(GuideNumbers numbers) {
        return BY_NUMBERS.computeIfAbsent(numbers, Step0Snapshots::new);
    }

    Tokenizer tokenizer() {
        return numbers.tokenizer();
    }

    /** The model after {@code steps} names have been counted (never modified once returned). */
    Step0Counting after(int steps) {
        return byStep.computeIfAbsent(steps, k -> {
            Step0Counting model = new Step0Counting(tokenizer());
            Trainer.train(model, numbers.shuffledDocs(), tokenizer(), k, (s, total, loss) -> true);
            return model;
        });
    }

    /** The name counted at training step {@code step} (1-based: step 1 counts the first name). */
    String nameAt(int step) {
        List<String> docs = numbers.shuffledDocs();
        return docs.get((step - 1) % docs.size());
    }
}
