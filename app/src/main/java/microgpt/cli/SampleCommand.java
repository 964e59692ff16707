package microgpt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import microgpt.checkpoint.Checkpoint;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.train.LanguageModel;
import microgpt.train.TrainingLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code microgpt sample --load FILE}: names from a saved model, optionally continuing a prefix. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Sample names from a model saved by 'train --save'.")
final class SampleCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--load", required = true, paramLabel = "FILE", description = "the checkpoint (safetensors) to sample from")
    Path load;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.5", description = "sampling temperature, 0.01–100 (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--prefix", paramLabel = "STR", defaultValue = "", description = "every name starts with these characters")
    String prefix;

    @Option(names = "--count", paramLabel = "K", defaultValue = "20", description = "how many names, 0–10,000 (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "random seed, any integer (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        TrainCommand.requireRange("--count", count, 0, TrainCommand.MAX_SAMPLES);
        TrainCommand.requireTemperature(temperature);
        MemoryBudget.require(Checkpoint.loadingBytes(load), Runtime.getRuntime().maxMemory(), MemoryBudget.TO_SAMPLE, "");
        Checkpoint checkpoint = Checkpoint.load(load);
        MemoryBudget.require(checkpoint.samplingBytes(), Runtime.getRuntime().maxMemory(), MemoryBudget.TO_SAMPLE, "");
        Tokenizer tokenizer = checkpoint.tokenizer();
        int[] prefixTokens = prefixTokens(tokenizer, checkpoint.vocabulary());
        int maxLength = checkpoint.blockSize();
        if (prefixTokens.length >= maxLength) {
            throw new IllegalArgumentException("--prefix has " + prefixTokens.length + " characters; this model's names have at most "
                    + (maxLength - 1) + " before the last one is drawn (block_size " + maxLength + ")");
        }
        LanguageModel model = checkpoint.model();
        PyRandom rng = new PyRandom(seed);
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < count; i++) out.println(TrainingLog.sampleLine(i, sample(model, tokenizer, rng, temperature, prefixTokens, maxLength)));
        out.flush();
        return 0;
    }

    private int[] prefixTokens(Tokenizer tokenizer, String vocabulary) {
        int[] codePoints = prefix.codePoints().toArray();
        int[] tokens = new int[codePoints.length];
        List<Integer> vocabularyIds = vocabulary.codePoints().boxed().toList();
        for (int i = 0; i < codePoints.length; i++) {
            int id = vocabularyIds.indexOf(codePoints[i]);
            if (id < 0) {
                throw new IllegalArgumentException("--prefix '" + prefix + "' has the character '"
                        + Character.toString(codePoints[i]) + "', which is not in the model's vocabulary (" + vocabulary + ")");
            }
            tokens[i] = id;
        }
        return tokens;
    }

    /**
     * Like training's sampler: start at BOS and draw each next token until BOS or maxLength
     * positions; the prefix's tokens are fed in first instead of drawn (no random draws for them).
     */
    static String sample(LanguageModel model, Tokenizer tokenizer, PyRandom rng, double temperature, int[] prefix,
                         int maxLength) {
        LanguageModel.Generator generator = model.generator(temperature);
        List<Integer> name = new ArrayList<>();
        int token = tokenizer.bos;
        for (int position = 0; position < maxLength; position++) {
            double[] probs = generator.nextTokenProbabilities(token);
            if (position < prefix.length) {
                token = prefix[position];
            } else {
                token = rng.choice(probs);
                if (token == tokenizer.bos) break;
            }
            name.add(token);
        }
        return tokenizer.decode(name);
    }
}
