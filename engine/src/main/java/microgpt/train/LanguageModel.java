package microgpt.train;

/**
 * What every step's model can do, so that one training loop and one sampler serve all six.
 */
public interface LanguageModel {

    /** How many numbers the model learns. */
    int parameterCount();

    /**
     * Learns from one tokenized name ([BOS, ids…, BOS]) and returns its loss, measured before
     * the model changes. {@code step} counts from 0 to {@code numSteps − 1}; models whose learning
     * rate decays use the two to find where they are.
     */
    double trainStep(int[] tokens, int step, int numSteps);

    /** Starts a new sequence: a fresh generator with empty memory (no KV cache yet). */
    Generator generator(double temperature);

    /** Predicts, one token at a time, the distribution of the token that follows. */
    interface Generator {
        /** The probabilities of the next token, given the token at the current position. */
        double[] nextTokenProbabilities(int token);
    }
}
