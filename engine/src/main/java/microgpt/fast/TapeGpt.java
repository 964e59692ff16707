package microgpt.fast;

import java.util.ArrayList;
import java.util.List;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.steps.GptConfig;
import microgpt.steps.Step1GradientDescent;

/**
 * Steps 2 to 5 on a {@link Tape}: the readable steps' forward passes, line for line, with node
 * indices where they have Values. Losses, gradients, updates and samples are bit for bit the
 * readable engine's.
 *
 * <ul>
 *   <li>Step 2: the MLP ({@link #mlp}), gradient descent.</li>
 *   <li>Step 3: the transformer with one head and one layer. Step 3's code performs exactly the
 *       operations of Step 4's with n_head = 1 and n_layer = 1 (one head spanning all n_embd
 *       dimensions), so one forward pass serves both; a test checks it against Step3Attention.</li>
 *   <li>Steps 4 and 5: the transformer, gradient descent or Adam.</li>
 * </ul>
 *
 * <p>Backward order: see {@link Tape}.
 */
public final class TapeGpt implements FlatModel {

    private final int vocabSize;
    private final GptConfig config;       // null for the MLP of Step 2
    private final ParamLayout layout;
    private final Optimizer optimizer;
    private final Optimizer.State optimizerState;
    private final double learningRate;
    private final Tape tape;
    private final BackwardOrders orders = new BackwardOrders();
    private int[] blockStart = new int[16];   // the loss just recorded: where each position's nodes begin
    private int tailStart;                    // and where the mean of the losses begins

    private TapeGpt(int vocabSize, GptConfig config, ParamLayout layout, Optimizer optimizer, double learningRate,
                    double[] initial) {
        if (initial.length != layout.size()) {
            throw new IllegalArgumentException("expected " + layout.size() + " parameters, got " + initial.length);
        }
        this.vocabSize = vocabSize;
        this.config = config;
        this.layout = layout;
        this.optimizer = optimizer;
        this.learningRate = learningRate;
        this.optimizerState = new Optimizer.State(layout.size());
        this.tape = new Tape(layout.size(), 1 << 16);
        for (int i = 0; i < initial.length; i++) tape.setData(i, initial[i]);
    }

    /** Step 2: the MLP of width 16, gradient descent. */
    public static TapeGpt step2(Tokenizer tokenizer, PyRandom rng, double learningRate) {
        ParamLayout layout = ParamLayout.mlp(tokenizer.vocabSize, Step1GradientDescent.N_EMBD);
        return new TapeGpt(tokenizer.vocabSize, null, layout, Optimizer.SGD, learningRate, layout.initialise(rng));
    }

    /** Step 2's MLP with the given parameters (layout order), e.g. from a checkpoint. */
    public static TapeGpt step2WithParameters(int vocabSize, double learningRate, double[] parameters) {
        return new TapeGpt(vocabSize, null, ParamLayout.mlp(vocabSize, Step1GradientDescent.N_EMBD), Optimizer.SGD,
                learningRate, parameters.clone());
    }

    /** Steps 3–5: a transformer of any shape, trained by the given optimizer. */
    public static TapeGpt transformer(Tokenizer tokenizer, PyRandom rng, GptConfig config, Optimizer optimizer,
                                      double learningRate) {
        ParamLayout layout = ParamLayout.transformer(tokenizer.vocabSize, config);
        return new TapeGpt(tokenizer.vocabSize, config, layout, optimizer, learningRate, layout.initialise(rng));
    }

    /** Step 3's single-head attention as the transformer with one head and one layer. */
    public static GptConfig step3Config(int nEmbd, int blockSize) {
        return new GptConfig(nEmbd, 1, 1, blockSize);
    }

    // region forward

    private int[] row(ParamLayout.Tensor w, int i) {
        int[] r = new int[w.cols()];
        for (int j = 0; j < r.length; j++) r[j] = w.at(i, j);
        return r;
    }

    /** y[i] = sum(w[i][j] * x[j]): Step 2's linear, one sum of products per row. */
    private int[] linear(int[] x, ParamLayout.Tensor w) {
        return tape.linear(w.at(0, 0), w.rows(), x);
    }

    private int[] softmax(int[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (int logit : logits) max = Math.max(max, tape.data(logit));
        int[] exps = new int[logits.length];
        for (int i = 0; i < logits.length; i++) exps[i] = tape.exp(tape.subConst(logits[i], max));
        int total = tape.sum(exps);
        int[] probs = new int[logits.length];
        for (int i = 0; i < logits.length; i++) probs[i] = tape.div(exps[i], total);
        return probs;
    }

    private int[] rmsnorm(int[] x) {
        int meanSquare = tape.divConst(tape.sumOfProducts(x, x, x.length), x.length);   // sum(xi * xi) / len
        int scale = tape.pow(tape.addConst(meanSquare, 1e-5), -0.5);
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) y[i] = tape.mul(x[i], scale);
        return y;
    }

    private int[] add(int[] a, int[] b) {
        int[] sum = new int[a.length];
        for (int i = 0; i < a.length; i++) sum[i] = tape.add(a[i], b[i]);
        return sum;
    }

    /** Step 2: embedding, hidden layer with ReLU, read-out. */
    private int[] mlp(int token) {
        int[] x = row(layout.get("wte"), token);
        int[] h = linear(x, layout.get("mlp_fc1"));
        for (int k = 0; k < h.length; k++) h[k] = tape.relu(h[k]);
        return linear(h, layout.get("mlp_fc2"));
    }

    /** One list of keys and one of values per layer. */
    private static final class KvCache {
        final List<List<int[]>> keys = new ArrayList<>();
        final List<List<int[]>> values = new ArrayList<>();

        KvCache(int nLayer) {
            for (int layer = 0; layer < nLayer; layer++) {
                keys.add(new ArrayList<>());
                values.add(new ArrayList<>());
            }
        }
    }

    /** Step 4's gpt(): embeddings, rmsnorm, then per layer attention and MLP blocks, then lm_head. */
    private int[] gpt(int token, int pos, KvCache cache) {
        int[] x = add(row(layout.get("wte"), token), row(layout.get("wpe"), pos));
        x = rmsnorm(x);
        for (int layer = 0; layer < config.nLayer(); layer++) {
            String prefix = "layer" + layer + ".";
            int[] xResidual = x;
            x = rmsnorm(x);
            int[] q = linear(x, layout.get(prefix + "attn_wq"));
            int[] k = linear(x, layout.get(prefix + "attn_wk"));
            int[] v = linear(x, layout.get(prefix + "attn_wv"));
            cache.keys.get(layer).add(k);
            cache.values.get(layer).add(v);
            int[] xAttn = multiHeadAttention(q, cache.keys.get(layer), cache.values.get(layer));
            x = linear(xAttn, layout.get(prefix + "attn_wo"));
            x = add(x, xResidual);

            xResidual = x;
            x = rmsnorm(x);
            x = linear(x, layout.get(prefix + "mlp_fc1"));
            for (int i = 0; i < x.length; i++) x[i] = tape.relu(x[i]);
            x = linear(x, layout.get(prefix + "mlp_fc2"));
            x = add(x, xResidual);
        }
        return linear(x, layout.get("lm_head"));
    }

    private int[] multiHeadAttention(int[] q, List<int[]> keys, List<int[]> values) {
        int headDim = config.headDim();
        double scale = FastLibm.pow(headDim, 0.5);
        int[] xAttn = new int[config.nEmbd()];
        int[] qHead = new int[headDim];
        int[] kHead = new int[headDim];
        int[] column = new int[values.size()];
        for (int h = 0; h < config.nHead(); h++) {
            int from = h * headDim;
            System.arraycopy(q, from, qHead, 0, headDim);
            int[] attnLogits = new int[keys.size()];
            for (int t = 0; t < keys.size(); t++) {
                System.arraycopy(keys.get(t), from, kHead, 0, headDim);
                attnLogits[t] = tape.divConst(tape.sumOfProducts(qHead, kHead, headDim), scale);   // dot / √d
            }
            int[] attnWeights = softmax(attnLogits);
            for (int j = 0; j < headDim; j++) {
                for (int t = 0; t < values.size(); t++) column[t] = values.get(t)[from + j];
                xAttn[from + j] = tape.sumOfProducts(attnWeights, column, column.length);   // sum(w_t * v_t[j])
            }
        }
        return xAttn;
    }

    /** Positions this name trains on: all of them for the MLP, at most block_size for the transformer. */
    private int positions(int[] tokens) {
        int n = tokens.length - 1;
        return config == null ? n : Math.min(config.blockSize(), n);
    }

    /** The mean of −log p(target), recorded on the tape; returns the loss node. */
    private int loss(int[] tokens, int n) {
        KvCache cache = config == null ? null : new KvCache(config.nLayer());
        int[] losses = new int[n];
        if (blockStart.length < n) blockStart = new int[n];
        for (int pos = 0; pos < n; pos++) {
            blockStart[pos] = tape.size();
            int[] logits = config == null ? mlp(tokens[pos]) : gpt(tokens[pos], pos, cache);
            int[] probs = softmax(logits);
            losses[pos] = tape.neg(tape.log(probs[tokens[pos + 1]]));
        }
        tailStart = tape.size();
        return tape.mulConst(tape.sum(losses), 1.0 / n);
    }
    // endregion

    /**
     * {@code loss.backward()} for the loss of {@code tokens} just recorded: in Value's order,
     * put together from the pieces of earlier names where they are all known, else searched for
     * (and its pieces learned). See {@link BackwardOrders}.
     */
    private void backward(int loss, int[] tokens, int n) {
        if (orders.backward(tape, loss, tokens, n, blockStart, tailStart)) return;
        tape.backward(loss);
        orders.learn(tape.searchedOrder(), tape.searchedCount(), tokens, n, blockStart, tailStart);
    }

    /**
     * For the tests: this name's backward order as the search finds it, and as put together from
     * the pieces learned so far (null while one is missing); then learns this name's pieces.
     */
    int[][] searchedAndKnownOrder(int[] tokens) {
        tape.reset();
        int n = positions(tokens);
        int loss = loss(tokens, n);
        int[] known = orders.order(tokens, n, blockStart, tailStart);
        int[] searched = tape.backwardOrder(loss);
        orders.learn(tape.searchedOrder(), tape.searchedCount(), tokens, n, blockStart, tailStart);
        return new int[][] {searched, known};
    }

    /** Records the loss of one name on a fresh tape and returns its node (for tests). */
    int recordLoss(int[] tokens) {
        tape.reset();
        return loss(tokens, positions(tokens));
    }

    Tape tape() {
        return tape;
    }

    // region train

    @Override
    public double trainStep(int[] tokens, int step, int numSteps) {
        tape.reset();
        int n = positions(tokens);
        int loss = loss(tokens, n);
        backward(loss, tokens, n);
        double value = tape.data(loss);
        optimizer.update(tape.data, tape.grad, layout.size(), optimizerState, learningRate, step, numSteps, true);
        return value;
    }

    // endregion

    // region sample

    @Override
    public Generator generator(double temperature) {
        tape.reset();
        KvCache cache = config == null ? null : new KvCache(config.nLayer());
        double inverseTemperature = FastLibm.pow(temperature, -1);   // Value.div(c) multiplies by c^-1
        return token -> {
            int[] logits;
            if (config == null) {
                tape.reset();                                      // no memory between positions
                logits = mlp(token);
            } else {
                logits = gpt(token, cache.keys.get(0).size(), cache);
            }
            int[] scaled = new int[logits.length];
            for (int i = 0; i < logits.length; i++) scaled[i] = tape.mulConst(logits[i], inverseTemperature);
            int[] probs = softmax(scaled);
            double[] p = new double[probs.length];
            for (int i = 0; i < p.length; i++) p[i] = tape.data(probs[i]);
            return p;
        };
    }
    // endregion

    @Override
    public int parameterCount() {
        return layout.size();
    }

    @Override
    public ParamLayout layout() {
        return layout;
    }

    @Override
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The configuration, or null for Step 2's MLP. */
    @Override
    public GptConfig config() {
        return config;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    /** A copy of the parameters, in layout order. */
    @Override
    public double[] parameters() {
        double[] p = new double[layout.size()];
        for (int i = 0; i < p.length; i++) p[i] = tape.data(i);
        return p;
    }

    /**
     * The gradient of the loss of one name with respect to every parameter (layout order),
     * without changing the model: for comparing engines.
     */
    public double[] gradients(int[] tokens) {
        tape.reset();
        for (int i = 0; i < layout.size(); i++) tape.grad[i] = 0;
        int n = positions(tokens);
        int loss = loss(tokens, n);
        backward(loss, tokens, n);
        double[] g = new double[layout.size()];
        System.arraycopy(tape.grad, 0, g, 0, g.length);
        for (int i = 0; i < layout.size(); i++) tape.grad[i] = 0;
        return g;
    }

    /** Replaces the parameters (same layout). */
    public void setParameters(double[] values) {
        if (values.length != layout.size()) throw new IllegalArgumentException("expected " + layout.size() + " parameters");
        for (int i = 0; i < values.length; i++) tape.setData(i, values[i]);
    }
}
