package microgpt.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import microgpt.autograd.Value;
import microgpt.data.AtomicFile;
import microgpt.data.Documents;
import microgpt.data.Tokenizer;
import microgpt.fast.FlatModel;
import microgpt.fast.EngineChoice;
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
 * A trained model of Step 1 to 5 as a file: its shape, its vocabulary and every parameter.
 *
 * <p>The file is safetensors ({@link SafeTensors}): one F64 tensor per parameter matrix, named
 * as in the engine ({@code wte}, {@code wpe}, {@code lm_head}, {@code layer0.attn_wq}, … ;
 * Steps 1 and 2: {@code wte}, {@code mlp_fc1}, {@code mlp_fc2}), shape {@code [rows, cols]}, and
 * {@code __metadata__} with string values ({@link #metadata()}): the shape, the vocabulary and
 * its BOS id, and how the model computes, so that a Python user can run it from the file alone
 * (tools/checkpoint/read_checkpoint.py does). For the MLP of Steps 1 and 2 n_head and n_layer are 0 and
 * block_size is the 16 characters a sample may have.
 */
public record Checkpoint(int step, int nEmbd, int nHead, int nLayer, int blockSize, Optimizer optimizer,
                         String vocabulary, double[] parameters) {

    public static final String FORMAT = "microgpt";

    /** What --save can hold: every step with weights (Step 0 is a table of counts). */
    public static final String SAVES_STEPS = "--save holds steps 1 to 5";

    /** Version 2 added bos_id, vocab_size and the description of the computation; 1 had neither. */
    public static final String FORMAT_VERSION = "2";

    /** The largest model the options allow, of the largest vocabulary a data set may have. */
    static final GptConfig LARGEST = new GptConfig(GptConfig.MAX_EMBD, GptConfig.MAX_HEADS, GptConfig.MAX_LAYERS,
            GptConfig.MAX_BLOCK_SIZE);

    /** Its file, F64 (about 406 MB): nothing larger is a checkpoint, so nothing larger is read. */
    static final long MAX_FILE_BYTES = 8L * ParamLayout.transformer(Documents.MAX_CHARACTERS + 1, LARGEST).size()
            + 8 + SafeTensors.MAX_HEADER;

    /** The transformer's shape (steps 3–5). */
    public GptConfig config() {
        if (isMlp()) throw new IllegalStateException("step " + step + " is an MLP");
        return new GptConfig(nEmbd, nHead, nLayer, blockSize);
    }

    /** Steps 1 and 2 are one MLP (gradients by hand, then by autograd): no attention, no positions. */
    boolean isMlp() {
        return step <= 2;
    }

    public int vocabSize() {
        return vocabulary.codePointCount(0, vocabulary.length()) + 1;
    }

    public ParamLayout layout() {
        return isMlp() ? ParamLayout.mlp(vocabSize(), nEmbd) : ParamLayout.transformer(vocabSize(), config());
    }

    /** The tokenizer of this vocabulary. */
    public Tokenizer tokenizer() {
        return new Tokenizer(java.util.List.of(vocabulary));
    }

    /**
     * A model with these parameters, ready to sample: the MLP on the tape (Step 1's too: the
     * same function, rounded as Step 2 rounds it), the transformer fused.
     */
    public LanguageModel model() {
        return isMlp() ? TapeGpt.step2WithParameters(vocabSize(), 0, parameters)
                : FusedGpt.withParameters(vocabSize(), config(), optimizer, 0, parameters);
    }

    /**
     * About how many bytes {@link #load} holds at its peak for this file: its bytes, the decoded
     * tensors and the parameters gathered from them. 0 when the file cannot be measured: then
     * {@code load} says why.
     */
    public static long loadingBytes(Path file) {
        try {
            return Files.isRegularFile(file) ? 3 * Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** About how many bytes a loaded checkpoint holds while it samples: its parameters and the model built from them. */
    public long samplingBytes() {
        // The engines model() builds, asked for their own estimate: the MLP on Step 2's tape, the transformer fused.
        EngineChoice.Choice sampler = isMlp() ? new EngineChoice.Choice(2, EngineChoice.Engine.TAPE, null, optimizer, 0)
                : new EngineChoice.Choice(step, EngineChoice.Engine.FUSED, config(), optimizer, 0);
        return 8L * parameters.length + sampler.memoryBytes(vocabSize());
    }

    /**
     * The checkpoint of a model any engine trained. {@code config} is the transformer's shape
     * (null for Steps 1 and 2), as the model was built with it.
     */
    public static Checkpoint of(int step, GptConfig config, Optimizer optimizer, Tokenizer tokenizer, LanguageModel model) {
        if (step < 1 || step > 5) throw new IllegalArgumentException(SAVES_STEPS + "; step " + step + " has no weights to save");
        boolean mlp = step <= 2;
        ParamLayout layout = mlp ? ParamLayout.mlp(tokenizer.vocabSize, Step1GradientDescent.N_EMBD)
                : ParamLayout.transformer(tokenizer.vocabSize, config);
        double[] values;
        if (model instanceof FlatModel flat) values = flat.parameters();
        else values = readableParameters(model, layout);
        String vocab = tokenizer.vocabulary();
        return mlp
                ? new Checkpoint(step, Step1GradientDescent.N_EMBD, 0, 0, GptConfig.MICROGPT.blockSize(), Optimizer.SGD, vocab, values)
                : new Checkpoint(step, config.nEmbd(), config.nHead(), config.nLayer(), config.blockSize(), optimizer, vocab, values);
    }

    /**
     * The readable classes keep named matrices: Step 1 of doubles, the others of Values. Step 3's
     * names have no layer prefix.
     */
    private static double[] readableParameters(LanguageModel model, ParamLayout layout) {
        Map<String, double[][]> named = new LinkedHashMap<>();
        if (model instanceof Step1GradientDescent m) named.putAll(m.parameters());
        else if (model instanceof Step2Autograd m) m.parameters().forEach((name, w) -> named.put(name, data(w)));
        else if (model instanceof Step3Attention m) m.parameters().forEach((name, w) -> named.put(name, data(w)));
        else if (model instanceof Step4Transformer m) m.parameters().forEach((name, w) -> named.put(name, data(w)));
        else throw new IllegalArgumentException("this model has no weights to save");
        double[] values = new double[layout.size()];
        for (ParamLayout.Tensor t : layout.tensors()) {
            double[][] m = named.containsKey(t.name()) ? named.get(t.name()) : named.get(t.name().replace("layer0.", ""));
            for (int i = 0; i < t.rows(); i++) System.arraycopy(m[i], 0, values, t.at(i, 0), t.cols());
        }
        return values;
    }

    private static double[][] data(Value[][] matrix) {
        double[][] d = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            d[i] = new double[matrix[i].length];
            for (int j = 0; j < d[i].length; j++) d[i][j] = matrix[i][j].data;
        }
        return d;
    }

    // region file

    /**
     * Everything a reader needs to run the model, as strings (as safetensors requires): the
     * shape, the vocabulary and its BOS id, the values that fix how the model computes
     * ({@link #facts()}) and, for people, the computation in words.
     */
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
        m.putAll(facts());
        if (isMlp()) {
            m.put("forward", "logits = mlp_fc2 @ relu(mlp_fc1 @ wte[token]); p = softmax(logits / temperature). "
                    + "wte[t] is row t of wte. No positions: the next token depends on the current one only");
        } else {
            m.put("forward", "x = rmsnorm(wte[token] + wpe[pos]); for each layer L: x = x + L.attn_wo @ attention(rmsnorm(x)); "
                    + "x = x + L.mlp_fc2 @ relu(L.mlp_fc1 @ rmsnorm(x)); then logits = lm_head @ x; "
                    + "p = softmax(logits / temperature). wte[t] is row t of wte");
            m.put("rmsnorm", "x * (mean(x ** 2) + rmsnorm_eps) ** -0.5, no learned scale");
            m.put("residual", "pre-norm: each layer adds attention(rmsnorm(x)) to x, then mlp(rmsnorm(x)) to x; "
                    + "no norm after the last layer");
            m.put("attention", "causal: the position pos attends to positions 0 to pos, every layer keeping its k and v. "
                    + "With h = rmsnorm(x): q = L.attn_wq @ h, k = L.attn_wk @ h, v = L.attn_wv @ h; head i takes "
                    + "elements i*head_dim to (i+1)*head_dim - 1 of each: w = softmax over t of q_i . k_i[t] * attention_scale, "
                    + "out_i = sum over t of w[t] * v_i[t]; the heads' outputs side by side, in order, are attention(h)");
        }
        return m;
    }

    /**
     * The metadata a file may state but not change: what follows from the shape and the
     * vocabulary, and the constants of the computation. A file that disagrees describes a model
     * this engine does not run.
     */
    Map<String, String> facts() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("format_version", FORMAT_VERSION);
        f.put("architecture", isMlp() ? "mlp" : "transformer");
        f.put("vocab_size", Integer.toString(vocabSize()));
        f.put("bos_id", Integer.toString(vocabSize() - 1));
        f.put("weight_layout", "[out, in]: y = W @ x");
        f.put("bias", "none");
        f.put("activation", "relu");
        if (!isMlp()) {
            f.put("head_dim", Integer.toString(nEmbd / nHead));
            f.put("rmsnorm_eps", "1e-05");
            f.put("attention_scale", "1/sqrt(head_dim)");
        }
        return f;
    }

    /** Writes the file atomically: readers see the old file or the whole new one. */
    public void save(Path file) throws IOException {
        AtomicFile.write(file, bytes());
    }

    /** The file's contents, for a caller that writes it along with other files ({@link AtomicFile#writeAll}). */
    public byte[] bytes() {
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
        for (ParamLayout.Tensor t : layout().tensors()) {
            double[] values = java.util.Arrays.copyOfRange(parameters, t.offset(), t.offset() + t.size());
            tensors.put(t.name(), new SafeTensors.Tensor(new int[] {t.rows(), t.cols()}, values));
        }
        return SafeTensors.encode(new SafeTensors.Contents(metadata(), tensors));
    }

    /**
     * Reads and checks a checkpoint; anything wrong is one {@link CheckpointException}. The
     * metadata only describes: nothing is allocated for the model before the tensors the file
     * really holds have been found to have the shapes the metadata implies.
     */
    public static Checkpoint load(Path file) {
        String source = "checkpoint " + file;
        SafeTensors.Contents contents = SafeTensors.decode(readBytes(file, source), source);
        Map<String, String> meta = contents.metadata();
        if (!FORMAT.equals(meta.get("format"))) {
            throw new CheckpointException(source + " is safetensors but not a microgpt checkpoint (no \"format\": \""
                    + FORMAT + "\" in __metadata__)");
        }
        Checkpoint shape = shapeOf(meta, source);
        ParamLayout layout = shape.layout();
        requireTensorsOf(layout, contents.tensors(), shape, source);
        shape.facts().forEach((key, value) -> {
            String stated = meta.get(key);
            if (stated != null && !stated.equals(value)) {
                throw new CheckpointException(source + ": " + key + " is '" + stated + "', but " + shape.describe()
                        + " has '" + value + "'");
            }
        });
        double[] values = new double[layout.size()];
        for (ParamLayout.Tensor t : layout.tensors()) {
            System.arraycopy(contents.tensors().get(t.name()).values(), 0, values, t.offset(), t.size());
        }
        for (double v : values) {
            if (!Double.isFinite(v)) throw new CheckpointException(source + ": a parameter is not a finite number");
        }
        return new Checkpoint(shape.step(), shape.nEmbd(), shape.nHead(), shape.nLayer(), shape.blockSize(),
                shape.optimizer(), shape.vocabulary(), values);
    }

    private static byte[] readBytes(Path file, String source) {
        try {
            if (Files.isDirectory(file)) throw new CheckpointException(source + " is a directory, not a file");
            if (!Files.exists(file)) throw new NoSuchFileException(file.toString());
            if (!Files.isRegularFile(file)) {   // checked before opening it: reading a FIFO would wait for a writer
                throw new CheckpointException(source + " is not a regular file (a device, FIFO or socket)");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new CheckpointException(source + " has " + grouped(size) + " bytes; the largest model the options allow "
                        + "takes " + grouped(MAX_FILE_BYTES));
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(source + " does not exist");
        } catch (IOException e) {
            throw new CheckpointException(source + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The model the metadata describes, without its parameters. */
    private static Checkpoint shapeOf(Map<String, String> meta, String source) {
        int step = intField(meta, "step", source, 1, 5);
        String vocab = meta.get("vocab");
        if (vocab == null || vocab.isEmpty()) throw new CheckpointException(source + ": __metadata__ has no vocab");
        int vocabChars = vocab.codePointCount(0, vocab.length());
        if (vocabChars > Documents.MAX_CHARACTERS) {   // before any memory is taken for it
            throw new CheckpointException(source + ": the vocab has " + grouped(vocabChars) + " characters; a model has at most "
                    + Documents.MAX_CHARACTERS + ", as a data set has");
        }
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
        int nEmbd = intField(meta, "n_embd", source, 1, GptConfig.MAX_EMBD);
        if (step <= 2) {
            if (nEmbd != Step1GradientDescent.N_EMBD) {
                throw new CheckpointException(source + ": step " + step + "'s MLP has n_embd 16, not " + nEmbd);
            }
            return new Checkpoint(step, nEmbd, 0, 0, GptConfig.MICROGPT.blockSize(), optimizer, vocab, null);
        }
        int nHead = intField(meta, "n_head", source, 1, GptConfig.MAX_HEADS);
        int nLayer = intField(meta, "n_layer", source, 1, GptConfig.MAX_LAYERS);
        int blockSize = intField(meta, "block_size", source, 1, GptConfig.MAX_BLOCK_SIZE);
        if (nEmbd % nHead != 0) {
            throw new CheckpointException(source + ": n_embd " + nEmbd + " is not divisible by n_head " + nHead);
        }
        return new Checkpoint(step, nEmbd, nHead, nLayer, blockSize, optimizer, vocab, null);
    }

    /** Exactly the layout's tensors, each with its shape: then their sizes are the file's, not the metadata's. */
    private static void requireTensorsOf(ParamLayout layout, Map<String, SafeTensors.Tensor> tensors, Checkpoint shape,
                                         String source) {
        for (ParamLayout.Tensor t : layout.tensors()) {
            SafeTensors.Tensor tensor = tensors.get(t.name());
            if (tensor == null) throw new CheckpointException(source + ": tensor " + t.name() + " is missing");
            if (tensor.shape().length != 2 || tensor.shape()[0] != t.rows() || tensor.shape()[1] != t.cols()) {
                throw new CheckpointException(source + ": tensor " + t.name() + " has shape "
                        + java.util.Arrays.toString(tensor.shape()) + ", but " + shape.describe() + " needs ["
                        + t.rows() + ", " + t.cols() + "]");
            }
        }
        for (String name : tensors.keySet()) {
            try {
                layout.get(name);
            } catch (IllegalArgumentException e) {
                throw new CheckpointException(source + ": tensor " + name + " does not belong to this model");
            }
        }
    }

    /** "this model (step 5, vocab 27, n_embd 16)", for messages. */
    private String describe() {
        return "this model (step " + step + ", vocab " + vocabSize() + ", n_embd " + nEmbd + ")";
    }

    private static String grouped(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
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
