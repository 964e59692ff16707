package microgpt.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import microgpt.autograd.Value;
import microgpt.data.AtomicFile;
import microgpt.data.Tokenizer;
import microgpt.fast.FlatModel;
import microgpt.fast.FusedGpt;
import microgpt.fast.Optimizer;
import microgpt.fast.ParamLayout;
import microgpt.fast.TapeGpt;
import microgpt.steps.GptConfig;
import microgpt.steps.Step1GradientDescent;
import microgpt.steps.Step2Autograd;
import microgpt.steps.Step3Attention;
import microgpt.steps.Step4Transformer;
import microgpt.train.LanguageModel;

/**
 * A trained model of Step 2 to 5 as a file: its shape, its vocabulary and every parameter.
 *
 * <p>The file is safetensors ({@link SafeTensors}): one F64 tensor per parameter matrix, named
 * as in the engine ({@code wte}, {@code wpe}, {@code lm_head}, {@code layer0.attn_wq}, … ;
 * Step 2: {@code wte}, {@code mlp_fc1}, {@code mlp_fc2}), shape {@code [rows, cols]}, and
 * {@code __metadata__} with string values: {@code format} ("microgpt"), {@code step},
 * {@code n_embd}, {@code n_head}, {@code n_layer}, {@code block_size} (for Step 2's MLP
 * n_head and n_layer are 0 and block_size is the 16 characters a sample may have),
 * {@code optimizer} ("sgd" or "adam") and {@code vocab}, the characters in token-id order
 * (BOS, the last id, has no character).
 */
public record Checkpoint(int step, int nEmbd, int nHead, int nLayer, int blockSize, Optimizer optimizer,
                         String vocabulary, double[] parameters) {

    public static final String FORMAT = "microgpt";

    /** The transformer's shape (steps 3–5). */
    public GptConfig config() {
        if (step == 2) throw new IllegalStateException("step 2 is an MLP");
        return new GptConfig(nEmbd, nHead, nLayer, blockSize);
    }

    public int vocabSize() {
        return vocabulary.codePointCount(0, vocabulary.length()) + 1;
    }

    public ParamLayout layout() {
        return step == 2 ? ParamLayout.mlp(vocabSize(), nEmbd) : ParamLayout.transformer(vocabSize(), config());
    }

    /** The tokenizer of this vocabulary. */
    public Tokenizer tokenizer() {
        return new Tokenizer(java.util.List.of(vocabulary));
    }

    /** A model with these parameters, ready to sample: Step 2 on the tape, the transformer fused. */
    public LanguageModel model() {
        return step == 2 ? TapeGpt.step2WithParameters(vocabSize(), 0, parameters)
                : FusedGpt.withParameters(vocabSize(), config(), optimizer, 0, parameters);
    }

    /**
     * The checkpoint of a model any engine trained. {@code config} is the transformer's shape
     * (null for Step 2), as the model was built with it.
     */
    public static Checkpoint of(int step, GptConfig config, Optimizer optimizer, Tokenizer tokenizer, LanguageModel model) {
        if (step < 2 || step > 5) throw new IllegalArgumentException("--save holds steps 2 to 5; step " + step + " has no weights to save");
        ParamLayout layout = step == 2 ? ParamLayout.mlp(tokenizer.vocabSize, Step1GradientDescent.N_EMBD)
                : ParamLayout.transformer(tokenizer.vocabSize, config);
        double[] values;
        if (model instanceof FlatModel flat) values = flat.parameters();
        else values = readableParameters(model, layout);
        String vocab = tokenizer.vocabulary();
        return step == 2
                ? new Checkpoint(2, Step1GradientDescent.N_EMBD, 0, 0, GptConfig.MICROGPT.blockSize(), Optimizer.SGD, vocab, values)
                : new Checkpoint(step, config.nEmbd(), config.nHead(), config.nLayer(), config.blockSize(), optimizer, vocab, values);
    }

    /** The readable classes keep Values in named matrices; Step 3's names have no layer prefix. */
    private static double[] readableParameters(LanguageModel model, ParamLayout layout) {
        Map<String, Value[][]> named;
        if (model instanceof Step2Autograd m) named = m.parameters();
        else if (model instanceof Step3Attention m) named = m.parameters();
        else if (model instanceof Step4Transformer m) named = m.parameters();
        else throw new IllegalArgumentException("this model has no weights to save");
        double[] values = new double[layout.size()];
        for (ParamLayout.Tensor t : layout.tensors()) {
            Value[][] m = named.containsKey(t.name()) ? named.get(t.name()) : named.get(t.name().replace("layer0.", ""));
            for (int i = 0; i < t.rows(); i++) {
                for (int j = 0; j < t.cols(); j++) values[t.at(i, j)] = m[i][j].data;
            }
        }
        return values;
    }

    // region file

    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("step", Integer.toString(step));
        m.put("n_embd", Integer.toString(nEmbd));
        m.put("n_head", Integer.toString(nHead));
        m.put("n_layer", Integer.toString(nLayer));
        m.put("block_size", Integer.toString(blockSize));
        m.put("optimizer", optimizer.label());
        m.put("vocab", vocabulary);
        return m;
    }

    /** Writes the file atomically: readers see the old file or the whole new one. */
    public void save(Path file) throws IOException {
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
        for (ParamLayout.Tensor t : layout().tensors()) {
            double[] values = java.util.Arrays.copyOfRange(parameters, t.offset(), t.offset() + t.size());
            tensors.put(t.name(), new SafeTensors.Tensor(new int[] {t.rows(), t.cols()}, values));
        }
        AtomicFile.write(file, SafeTensors.encode(new SafeTensors.Contents(metadata(), tensors)));
    }

    /** Reads and checks a checkpoint; anything wrong is one {@link CheckpointException}. */
    public static Checkpoint load(Path file) {
        String source = "checkpoint " + file;
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) throw new CheckpointException(source + " is a directory, not a file");
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(source + " does not exist");
        } catch (IOException e) {
            throw new CheckpointException(source + " cannot be read: " + e.getMessage(), e);
        }
        SafeTensors.Contents contents = SafeTensors.decode(bytes, source);
        Map<String, String> meta = contents.metadata();
        if (!FORMAT.equals(meta.get("format"))) {
            throw new CheckpointException(source + " is safetensors but not a microgpt checkpoint (no \"format\": \""
                    + FORMAT + "\" in __metadata__)");
        }
        int step = intField(meta, "step", source, 2, 5);
        String vocab = meta.get("vocab");
        if (vocab == null || vocab.isEmpty()) throw new CheckpointException(source + ": __metadata__ has no vocab");
        int[] chars = vocab.codePoints().toArray();
        for (int i = 1; i < chars.length; i++) {
            if (chars[i] <= chars[i - 1]) {
                throw new CheckpointException(source + ": the vocab must be distinct characters in sorted order");
            }
        }
        String optimizerName = meta.getOrDefault("optimizer", "");
        Optimizer optimizer;
        try {
            optimizer = Optimizer.parse(optimizerName);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(source + ": optimizer must be sgd or adam, got '" + optimizerName + "'");
        }
        Checkpoint shape;
        if (step == 2) {
            int nEmbd = intField(meta, "n_embd", source, 1, GptConfig.MAX_EMBD);
            if (nEmbd != Step1GradientDescent.N_EMBD) {
                throw new CheckpointException(source + ": step 2's MLP has n_embd 16, not " + nEmbd);
            }
            shape = new Checkpoint(2, nEmbd, 0, 0, GptConfig.MICROGPT.blockSize(), optimizer, vocab, null);
        } else {
            int nEmbd = intField(meta, "n_embd", source, 1, GptConfig.MAX_EMBD);
            int nHead = intField(meta, "n_head", source, 1, GptConfig.MAX_HEADS);
            int nLayer = intField(meta, "n_layer", source, 1, GptConfig.MAX_LAYERS);
            int blockSize = intField(meta, "block_size", source, 1, GptConfig.MAX_BLOCK_SIZE);
            if (nEmbd % nHead != 0) {
                throw new CheckpointException(source + ": n_embd " + nEmbd + " is not divisible by n_head " + nHead);
            }
            shape = new Checkpoint(step, nEmbd, nHead, nLayer, blockSize, optimizer, vocab, null);
        }
        ParamLayout layout = shape.layout();
        double[] values = new double[layout.size()];
        for (ParamLayout.Tensor t : layout.tensors()) {
            SafeTensors.Tensor tensor = contents.tensors().get(t.name());
            if (tensor == null) throw new CheckpointException(source + ": tensor " + t.name() + " is missing");
            if (tensor.shape().length != 2 || tensor.shape()[0] != t.rows() || tensor.shape()[1] != t.cols()) {
                throw new CheckpointException(source + ": tensor " + t.name() + " has shape "
                        + java.util.Arrays.toString(tensor.shape()) + ", but this model (step " + step + ", vocab "
                        + shape.vocabSize() + ", n_embd " + shape.nEmbd() + ") needs [" + t.rows() + ", " + t.cols() + "]");
            }
            System.arraycopy(tensor.values(), 0, values, t.offset(), t.size());
        }
        for (String name : contents.tensors().keySet()) {
            try {
                layout.get(name);
            } catch (IllegalArgumentException e) {
                throw new CheckpointException(source + ": tensor " + name + " does not belong to this model");
            }
        }
        for (double v : values) {
            if (!Double.isFinite(v)) throw new CheckpointException(source + ": a parameter is not a finite number");
        }
        return new Checkpoint(step, shape.nEmbd(), shape.nHead(), shape.nLayer(), shape.blockSize(), optimizer, vocab, values);
    }

    private static int intField(Map<String, String> meta, String key, String source, int min, int max) {
        String text = meta.get(key);
        if (text == null) throw new CheckpointException(source + ": __metadata__ has no " + key);
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new CheckpointException(source + ": " + key + " must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new CheckpointException(source + ": " + key + " is not a whole number: '" + text + "'");
        }
    }
    // endregion
}
