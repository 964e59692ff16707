package microgpt.train;

import java.util.List;
import java.util.function.BooleanSupplier;
import microgpt.data.Documents;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;

/**
 * One whole run, in the order the random draws must happen: shuffle the documents, initialise
 * the model, train, sample. The result carries every number a page or the command line shows.
 */
public record TrainingRun(int numDocs, int vocabSize, int numParams, double[] losses,
                          List<String> samples, long trainNanos, long sampleNanos) {

    /** Builds a model from the tokenizer and the random stream (which it draws its initial weights from). */
    @FunctionalInterface
    public interface ModelFactory {
        LanguageModel create(Tokenizer tokenizer, PyRandom rng);
    }

    /** What a run needs besides the documents and the model. */
    public record Settings(long seed, int numSteps, double temperature, int numSamples, int maxSampleLength) {}

    /** Called once the model exists, before training: lets a caller print the header. */
    @FunctionalInterface
    public interface StartListener {
        void onStart(int numDocs, int vocabSize, LanguageModel model);
    }

    public static TrainingRun execute(List<String> docs, Settings settings, ModelFactory factory,
                                      StartListener onStart, Trainer.StepListener onStep) {
        return execute(docs, settings, factory, onStart, onStep, () -> true);
    }

    /** As above; {@code moreSamples} is asked before each name, and false ends the samples early. */
    public static TrainingRun execute(List<String> docs, Settings settings, ModelFactory factory,
                                      StartListener onStart, Trainer.StepListener onStep, BooleanSupplier moreSamples) {
        Start run = start(docs, settings.seed(), factory);
        onStart.onStart(run.shuffled().size(), run.tokenizer().vocabSize, run.model());

        long start = System.nanoTime();
        double[] losses = Trainer.train(run.model(), run.shuffled(), run.tokenizer(), settings.numSteps(), onStep);
        long trained = System.nanoTime();
        List<String> samples = Trainer.samples(run.model(), run.tokenizer(), run.rng(), settings.temperature(),
                settings.maxSampleLength(), settings.numSamples(), moreSamples);
        long sampled = System.nanoTime();
        return new TrainingRun(run.shuffled().size(), run.tokenizer().vocabSize, run.model().parameterCount(), losses, samples,
                trained - start, sampled - trained);
    }

    /**
     * A run made ready to train: the documents shuffled, the vocabulary read off them, the model's
     * weights drawn. {@code rng} is left where sampling must continue from.
     */
    public record Start(PyRandom rng, List<String> shuffled, Tokenizer tokenizer, LanguageModel model) {}

    /**
     * The first half of {@link #execute}, for a caller that trains a step at a time (the browser,
     * which must hand control back to the page between batches of steps).
     */
    public static Start start(List<String> docs, long seed, ModelFactory factory) {
        PyRandom rng = new PyRandom(seed);
        List<String> shuffled = Documents.shuffled(docs, rng);
        Tokenizer tokenizer = new Tokenizer(shuffled);
        return new Start(rng, shuffled, tokenizer, factory.create(tokenizer, rng));
    }
}
