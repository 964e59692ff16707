package microgpt.steps;

import microgpt.data.Tokenizer;
import microgpt.math.Libm;
import microgpt.train.LanguageModel;

/**
 * Step 0: a language model made of counting.
 *
 * <p>Count how often each token follows each other token in the training names; predict the
 * next token in proportion to those counts. This is the bigram model, and for a model that
 * sees only the current token it is the exact best answer: nothing to optimise, just count.
 */
public final class Step0Counting implements LanguageModel {

    // region counts
    private final int vocabSize;
    private final int[][] counts;   // counts[current][next]: how often next followed current

    public Step0Counting(Tokenizer tokenizer) {
        this.vocabSize = tokenizer.vocabSize;
        this.counts = new int[vocabSize][vocabSize];
    }
    // endregion

    // region bigram
    /**
     * The probabilities of every next token after {@code token}. Each count gets one extra
     * ("add-one smoothing"), so no pair is ever impossible and its log is never −∞.
     */
    public double[] bigram(int token) {
        int total = vocabSize;
        for (int count : counts[token]) total += count;
        double[] probs = new double[vocabSize];
        for (int next = 0; next < vocabSize; next++) {
            probs[next] = (counts[token][next] + 1) / (double) total;
        }
        return probs;
    }
    // endregion

    // region loss
    /** The mean surprise −log p(next | current) over every pair of consecutive tokens. */
    public double loss(int[] tokens) {
        int n = tokens.length - 1;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += -Libm.log(bigram(tokens[i])[tokens[i + 1]]);
        }
        return sum / n;
    }
    // endregion

    // region train
    /** Quiz first, then learn: measure the loss on the name, then count its pairs. */
    @Override
    public double trainStep(int[] tokens, int step, int numSteps) {
        double loss = loss(tokens);
        for (int i = 0; i < tokens.length - 1; i++) {
            counts[tokens[i]][tokens[i + 1]] += 1;
        }
        return loss;
    }
    // endregion

    // region sample
    /** The next token depends on the current one only, so there is nothing else to remember. */
    @Override
    public Generator generator(double temperature) {
        return this::bigram;  // counting has no temperature: the probabilities are the counts
    }
    // endregion

    @Override
    public int parameterCount() {
        return vocabSize * vocabSize;
    }

    /** The current count of the pair (current, next), for showing the table. */
    public int count(int current, int next) {
        return counts[current][next];
    }
}
