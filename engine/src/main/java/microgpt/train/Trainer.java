package microgpt.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;

/** The loop every step shares: one name per step, in the shuffled order, round and round. */
public final class Trainer {

    /**
     * The coldest sampling temperature: the logits are divided by it, and at 1e-308 they
     * overflowed to infinity and the probabilities to NaN. At 0.01 sampling is already all but
     * always the likeliest token.
     */
    public static final double MIN_TEMPERATURE = 0.01;

    /** The hottest: at 100 every token is all but equally likely. */
    public static final double MAX_TEMPERATURE = 100;

    private Trainer() {}

    /** Whether sampling at this temperature computes finite probabilities. */
    public static boolean isSamplingTemperature(double temperature) {
        return temperature >= MIN_TEMPERATURE && temperature <= MAX_TEMPERATURE;
    }

    /** Told of each step's loss; returns false to stop training early. */
    @FunctionalInterface
    public interface StepListener {
        boolean onStep(int step, int numSteps, double loss);
    }

    // region training-loop
    /** Trains for numSteps steps and returns the loss of each. */
    public static double[] train(LanguageModel model, List<String> docs, Tokenizer tokenizer,
                                 int numSteps, StepListener listener) {
        double[] losses = new double[numSteps];
        for (int step = 0; step < numSteps; step++) {
            losses[step] = trainStep(model, docs, tokenizer, step, numSteps);
            if (!listener.onStep(step, numSteps, losses[step])) {
                return java.util.Arrays.copyOf(losses, step + 1);
            }
        }
        return losses;
    }

    /** One step: the next name in the shuffled order, round and round. */
    public static double trainStep(LanguageModel model, List<String> docs, Tokenizer tokenizer, int step, int numSteps) {
        String doc = docs.get(step % docs.size());
        return model.trainStep(tokenizer.encode(doc), step, numSteps);
    }
    // endregion

    // region sampling
    /** Generates one name: start at BOS, draw each next token, stop at BOS or maxLength. */
    public static String sample(LanguageModel model, Tokenizer tokenizer, PyRandom rng,
                                double temperature, int maxLength) {
        LanguageModel.Generator generator = model.generator(temperature);
        int token = tokenizer.bos;
        List<Integer> name = new ArrayList<>();
        for (int position = 0; position < maxLength; position++) {
            double[] probs = generator.nextTokenProbabilities(token);
            token = rng.choice(probs);
            if (token == tokenizer.bos) break;
            name.add(token);
        }
        return tokenizer.decode(name);
    }
    // endregion

    public static List<String> samples(LanguageModel model, Tokenizer tokenizer, PyRandom rng,
                                       double temperature, int maxLength, int count) {
        return samples(model, tokenizer, rng, temperature, maxLength, count, () -> true);
    }

    /**
     * As above, asking {@code more} before each name: false ends the list early. A server uses it
     * to stop sampling when its reader leaves or its time runs out (a big model writing long
     * names can take minutes).
     */
    public static List<String> samples(LanguageModel model, Tokenizer tokenizer, PyRandom rng,
                                       double temperature, int maxLength, int count, BooleanSupplier more) {
        if (!isSamplingTemperature(temperature)) {
            throw new IllegalArgumentException("temperature must be between " + MIN_TEMPERATURE + " and " + MAX_TEMPERATURE
                    + ", got " + temperature);
        }
        List<String> names = new ArrayList<>();
        while (names.size() < count && more.getAsBoolean()) names.add(sample(model, tokenizer, rng, temperature, maxLength));
        return names;
    }
}
