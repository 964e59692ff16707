package microgpt.fast;

import java.util.ArrayList;
import java.util.List;
import microgpt.data.Documents;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.steps.GptConfig;
import microgpt.train.Trainer;

/**
 * Training on the whole data set rather than the first 1000 names: several passes (epochs) over
 * 90% of the names, with the loss on the other 10%, which the model never trains on, measured
 * after each pass. That held-out loss is the honest measure of how well a model has learned
 * names in general rather than these names in particular.
 *
 * <p>Order of the random draws, all from one {@code PyRandom(seed)}: shuffle all names (as every
 * step does), initialise the model, then shuffle the training names again before every epoch
 * after the first, then the sampling draws. The split is fixed by the first shuffle: the first
 * 90% train, the last 10% validate. The learning rate decays linearly over all epochs' steps.
 */
public final class EpochTraining {

    private EpochTraining() {}

    /** The validation share of the names. */
    public static final double VALIDATION_FRACTION = 0.1;

    /** Told before training and after every epoch; return false to stop. */
    public interface Listener {
        /** Before the first step: the split and the model. */
        default void onStart(int trainNames, int validationNames, FusedGpt model, double validationLoss) {}

        /** After each training step (for progress bars); the loss of that step. */
        default void onStep(long step, long totalSteps, double loss) {}

        /** After each epoch (1-based): mean training loss over its steps, validation loss, seconds. */
        void onEpoch(int epoch, int epochs, double trainLoss, double validationLoss, double seconds);
    }

    public record Result(FusedGpt model, Tokenizer tokenizer, int trainNames, int validationNames,
                         double initialValidationLoss, double[] trainLosses, double[] validationLosses,
                         List<String> samples) {}

    public record Settings(long seed, int epochs, GptConfig config, Optimizer optimizer, double learningRate,
                           double temperature, int numSamples) {}

    public static Result run(List<String> docs, Settings settings, Listener listener) {
        PyRandom rng = new PyRandom(settings.seed());
        List<String> shuffled = Documents.shuffled(docs, rng);
        Tokenizer tokenizer = new Tokenizer(shuffled);
        int validationCount = (int) Math.round(shuffled.size() * VALIDATION_FRACTION);
        if (shuffled.size() - validationCount < 1 || validationCount < 1) {
            throw new IllegalArgumentException("--epochs needs at least 2 names (one to train on, one to validate), got "
                    + shuffled.size());
        }
        List<int[]> train = new ArrayList<>();
        for (String doc : shuffled.subList(0, shuffled.size() - validationCount)) train.add(tokenizer.encode(doc));
        List<int[]> validation = new ArrayList<>();
        for (String doc : shuffled.subList(shuffled.size() - validationCount, shuffled.size())) {
            validation.add(tokenizer.encode(doc));
        }
        FusedGpt model = new FusedGpt(tokenizer, rng, settings.config(), settings.optimizer(), settings.learningRate());
        double initial = validationLoss(model, validation);
        listener.onStart(train.size(), validation.size(), model, initial);

        int epochs = settings.epochs();
        long totalSteps = (long) epochs * train.size();
        if (totalSteps > Integer.MAX_VALUE) throw new IllegalArgumentException("too many steps: " + totalSteps);
        double[] trainLosses = new double[epochs];
        double[] validationLosses = new double[epochs];
        int step = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            long start = System.nanoTime();
            if (epoch > 0) rng.shuffle(train);
            double sum = 0;
            for (int[] tokens : train) {
                double loss = model.trainStep(tokens, step, (int) totalSteps);
                sum += loss;
                listener.onStep(step, totalSteps, loss);
                step++;
            }
            trainLosses[epoch] = sum / train.size();
            validationLosses[epoch] = validationLoss(model, validation);
            listener.onEpoch(epoch + 1, epochs, trainLosses[epoch], validationLosses[epoch],
                    (System.nanoTime() - start) / 1e9);
        }
        List<String> samples = Trainer.samples(model, tokenizer, rng, settings.temperature(),
                settings.config().blockSize(), settings.numSamples());
        return new Result(model, tokenizer, train.size(), validation.size(), initial, trainLosses, validationLosses,
                samples);
    }

    /** The mean over validation names of each name's loss (its mean over positions); no training. */
    public static double validationLoss(FusedGpt model, List<int[]> names) {
        double sum = 0;
        for (int[] tokens : names) sum += model.loss(tokens);
        return sum / names.size();
    }
}
