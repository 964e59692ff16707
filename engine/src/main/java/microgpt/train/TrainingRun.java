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
        PyRandom rng = new PyRandom(settings.seed());
        List<String> shuffled = Documents.shuffled(docs, rng);
        Tokenizer tokenizer = new Tokenizer(shuffled);
        LanguageModel model = factory.create(tokenizer, rng);
        onStart.onStart(shuffled.size(), tokenizer.vocabSize, model);

        long start = System.nanoTime();
        double[] losses = Trainer.train(model, shuffled, tokenizer, settings.numSteps(), onStep);
        long trained = System.nanoTime();
        List<String> samples = Trainer.samples(model, tokenizer, rng, settings.temperature(),
                settings.maxSampleLength(), settings.numSamples(), moreSamples);
        long sampled = System.nanoTime();
        return new TrainingRun(shuffled.size(), tokenizer.vocabSize, model.parameterCount(), losses, samples,
                trained - start, sampled - trained);
    }
}
