package microgpt.queries;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import microgpt.data.Tokenizer;
import microgpt.steps.Step0Counting;
import microgpt.train.Trainer;

/**
 * Step 0's count table after K training steps, replayed from the seed-42 shuffle exactly as the
 * run trains it. Replaying 1000 steps of counting takes about a millisecond; each K is kept.
 */
final class Step0Snapshots {

    /** The seeded run's length: the table can be replayed to any step of it. */
    static final int MAX_STEPS = 1000;

    private final GuideData data;
    private final Map<Integer, Step0Counting> byStep = new ConcurrentHashMap<>();

    Step0Snapshots(GuideData data) {
        this.data = data;
    }

    Tokenizer tokenizer() {
        return data.tokenizer();
    }

    /** The model after {@code steps} names have been counted (never modified once returned). */
    Step0Counting after(int steps) {
        return byStep.computeIfAbsent(steps, k -> {
            Step0Counting model = new Step0Counting(tokenizer());
            Trainer.train(model, data.shuffledDocs(), tokenizer(), k, (s, total, loss) -> true);
            return model;
        });
    }

    /** The name counted at training step {@code step} (1-based: step 1 counts the first name). */
    String nameAt(int step) {
        List<String> docs = data.shuffledDocs();
        return docs.get((step - 1) % docs.size());
    }
}
