package microgpt.fast;

import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.steps.GptConfig;

/**
 * The Step 3–5 transformer with no autograd at all: the forward pass computes each layer's
 * vectors into preallocated {@code double[]} buffers, and the backward pass applies the
 * hand-derived derivative of each layer to them, in reverse. Nothing is allocated per step.
 *
 * <p>Any shape (n_embd, n_head, n_layer, block_size), any vocabulary, gradient descent or Adam
 * (the update is {@link Optimizer}'s, shared with the tape engine, so Adam is Step5Adam's
 * arithmetic exactly).
 *
 * <p>The forward pass performs the readable engine's floating-point operations in the same
 * order (sums left to right from 0, {@code e · (1/total)} in softmax, {@code x · (1/√d)} for the
 * attention scale), with correctly rounded exp, log and pow ({@link FastLibm#crExp} …). So a
 * step's loss is bit for bit the readable engine's <em>given the same parameters</em> when the
 * readable engine uses the pure-Java Libm; when it calls the C library ({@code Libm.NATIVE}),
 * glibc's last bit differs from the correctly rounded one on about one argument in a thousand,
 * and so, rarely, does a loss. The backward pass is the same mathematics but not the same
 * arithmetic: the autograd graph adds up each gradient through exp, pow(−1) and log nodes in its
 * depth-first order, this adds up {@code (p − onehot)/n} in loop order. The gradients agree to
 * about 1e-15 relative; the parameters, and so the losses, drift apart by rounding from the first
 * update on (see docs/FAST.md for how far by step 1000).
 *
 * <h2>Layout</h2>
 * Parameters are {@link ParamLayout#transformer} (row-major W[out][in], the readable order), so
 * checkpoints and gradient comparisons need no reshuffling. Activations are stored per position:
 * {@code buf[p * width + i]}.
 */
public final class FusedGpt implements FlatModel {

    private final GptConfig config;
    private final int vocabSize;
    private final ParamLayout layout;
    private final Optimizer optimizer;
    private final Optimizer.State optimizerState;
    private final double learningRate;

    private final double[] w;      // parameters
    private final double[] g;      // gradients

    // dimensions
    private final int nEmbd, nHead, nLayer, blockSize, headDim, hidden;
    private final double attnScale;   // 1 / √head_dim, as Value.div(√head_dim) computes it

    // parameter offsets
    private final int wte, wpe, lmHead;
    private final int[] wq, wk, wv, wo, fc1, fc2;

    // activations, [position][width]
    private final double[] x0;                 // wte[token] + wpe[pos]
    private final double[] s0;                 // rmsnorm scale of x0
    private final double[][] resid;            // resid[l]: the residual stream entering layer l; resid[nLayer]: the output
    private final double[][] a, sA;            // rmsnorm before attention, and its scale
    private final double[][] q, k, v;
    private final double[][] att;              // att[l][((h·T) + p)·T + t]: attention weights
    private final double[][] o;                // attention output, heads side by side
    private final double[][] mid;              // after the attention residual
    private final double[][] b, sB;            // rmsnorm before the MLP, and its scale
    private final double[][] f;                // fc1 output, before ReLU
    private final double[][] r;                // after ReLU
    private final double[] logits, probs;      // [position][vocab]
    private final int[] targets;

    // gradient buffers for activations
    private final double[] dResid, dMid, dX, dHidden, dQ, dK, dV, dO, dLogits, dScores;

    private FusedGpt(int vocabSize, GptConfig config, Optimizer optimizer, double learningRate, double[] initial) {
        this.config = config;
        this.vocabSize = vocabSize;
        this.layout = ParamLayout.transformer(vocabSize, config);
        this.optimizer = optimizer;
        this.learningRate = learningRate;
        this.optimizerState = new Optimizer.State(layout.size());
        this.w = initial;
        this.g = new double[layout.size()];

        nEmbd = config.nEmbd();
        nHead = config.nHead();
        nLayer = config.nLayer();
        blockSize = config.blockSize();
        headDim = config.headDim();
        hidden = 4 * nEmbd;
        attnScale = FastLibm.crPow(FastLibm.crPow(headDim, 0.5), -1);

        wte = layout.get("wte").offset();
        wpe = layout.get("wpe").offset();
        lmHead = layout.get("lm_head").offset();
        wq = new int[nLayer];
        wk = new int[nLayer];
        wv = new int[nLayer];
        wo = new int[nLayer];
        fc1 = new int[nLayer];
        fc2 = new int[nLayer];
        for (int l = 0; l < nLayer; l++) {
            String p = "layer" + l + ".";
            wq[l] = layout.get(p + "attn_wq").offset();
            wk[l] = layout.get(p + "attn_wk").offset();
            wv[l] = layout.get(p + "attn_wv").offset();
            wo[l] = layout.get(p + "attn_wo").offset();
            fc1[l] = layout.get(p + "mlp_fc1").offset();
            fc2[l] = layout.get(p + "mlp_fc2").offset();
        }

        int t = blockSize;
        int te = t * nEmbd;
        x0 = new double[te];
        s0 = new double[t];
        resid = new double[nLayer + 1][te];
        a = new double[nLayer][te];
        sA = new double[nLayer][t];
        q = new double[nLayer][te];
        k = new double[nLayer][te];
        v = new double[nLayer][te];
        att = new double[nLayer][nHead * t * t];
        o = new double[nLayer][te];
        mid = new double[nLayer][te];
        b = new double[nLayer][te];
        sB = new double[nLayer][t];
        f = new double[nLayer][t * hidden];
        r = new double[nLayer][t * hidden];
        logits = new double[t * vocabSize];
        probs = new double[t * vocabSize];
        targets = new int[t];

        dResid = new double[te];
        dMid = new double[te];
        dX = new double[te];
        dHidden = new double[t * hidden];
        dQ = new double[te];
        dK = new double[te];
        dV = new double[te];
        dO = new double[te];
        dLogits = new double[t * vocabSize];
        dScores = new double[t];
    }

    /** A model initialised from the random stream, like the readable Step 4 and 5 constructors. */
    public FusedGpt(Tokenizer tokenizer, PyRandom rng, GptConfig config, Optimizer optimizer, double learningRate) {
        this(tokenizer.vocabSize, config, optimizer, learningRate,
                ParamLayout.transformer(tokenizer.vocabSize, config).initialise(rng));
    }

    /** A model with the given parameters (layout order), e.g. from a checkpoint. */
    public static FusedGpt withParameters(int vocabSize, GptConfig config, Optimizer optimizer, double learningRate,
                                          double[] parameters) {
        if (parameters.length != ParamLayout.transformer(vocabSize, config).size()) {
            throw new IllegalArgumentException("expected " + ParamLayout.transformer(vocabSize, config).size()
                    + " parameters, got " + parameters.length);
        }
        return new FusedGpt(vocabSize, config, optimizer, learningRate, parameters.clone());
    }

    // region kernels

    /** y = x · (sum(x_i²)/n + 1e-5)^-0.5, the readable arithmetic; returns the scale. */
    private double rmsnorm(double[] x, int off, double[] y) {
        double sum = 0.0;
        for (int i = 0; i < nEmbd; i++) sum += x[off + i] * x[off + i];
        double meanSquare = sum * FastLibm.crPow(nEmbd, -1);
        double scale = FastLibm.crPow(meanSquare + 1e-5, -0.5);
        for (int i = 0; i < nEmbd; i++) y[off + i] = x[off + i] * scale;
        return scale;
    }

    /**
     * dx += d(rmsnorm)/dx · dy. With s the scale: y_i = x_i·s and ds/dx_i = −s³·x_i/n, so
     * dx_i = s·dy_i − (s³/n)·(Σ_j dy_j·x_j)·x_i.
     */
    private void rmsnormBackward(double[] x, int off, double scale, double[] dy, double[] dx) {
        double dot = 0.0;
        for (int i = 0; i < nEmbd; i++) dot += dy[off + i] * x[off + i];
        double c = scale * scale * scale * dot / nEmbd;
        for (int i = 0; i < nEmbd; i++) dx[off + i] += scale * dy[off + i] - c * x[off + i];
    }

    /** probs = softmax(logits): subtract the max, exponentiate, multiply by 1/total. */
    private static void softmax(double[] z, int off, int n, double[] p, int pOff) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, z[off + i]);
        double total = 0.0;
        for (int i = 0; i < n; i++) {
            double e = FastLibm.crExp(z[off + i] + -max);
            p[pOff + i] = e;
            total += e;
        }
        double inverse = FastLibm.crPow(total, -1);
        for (int i = 0; i < n; i++) p[pOff + i] = p[pOff + i] * inverse;
    }
    // endregion

    // region forward

    /**
     * The forward pass of positions p0…p1−1 ({@code inputs[p]} is the token at position p), one
     * layer at a time over all of them, which lets each matrix product work on several positions
     * at once. Causality holds all the same: position p's attention reads the keys and values of
     * positions 0…p, all computed before it (in this call or, when sampling, in earlier ones).
     */
    private void forward(int[] inputs, int p0, int p1) {
        int e = nEmbd;
        for (int pos = p0; pos < p1; pos++) {
            int off = pos * e;
            int token = inputs[pos];
            for (int i = 0; i < e; i++) x0[off + i] = w[wte + token * e + i] + w[wpe + pos * e + i];
            s0[pos] = rmsnorm(x0, off, resid[0]);
        }
        for (int l = 0; l < nLayer; l++) {
            double[] in = resid[l];
            double[] ml = mid[l];
            for (int pos = p0; pos < p1; pos++) sA[l][pos] = rmsnorm(in, pos * e, a[l]);
            Kernels.forward(w, wq[l], e, e, a[l], e, q[l], e, p0, p1);
            Kernels.forward(w, wk[l], e, e, a[l], e, k[l], e, p0, p1);
            Kernels.forward(w, wv[l], e, e, a[l], e, v[l], e, p0, p1);
            for (int pos = p0; pos < p1; pos++) attention(l, pos);
            Kernels.forward(w, wo[l], e, e, o[l], e, ml, e, p0, p1);
            for (int i = p0 * e; i < p1 * e; i++) ml[i] = ml[i] + in[i];          // the residual connection
            for (int pos = p0; pos < p1; pos++) sB[l][pos] = rmsnorm(ml, pos * e, b[l]);
            Kernels.forward(w, fc1[l], hidden, e, b[l], e, f[l], hidden, p0, p1);
            double[] fl = f[l], rl = r[l];
            for (int m = p0 * hidden; m < p1 * hidden; m++) rl[m] = fl[m] > 0 ? fl[m] : 0.0;
            double[] out = resid[l + 1];
            Kernels.forward(w, fc2[l], e, hidden, rl, hidden, out, e, p0, p1);
            for (int i = p0 * e; i < p1 * e; i++) out[i] = out[i] + ml[i];
        }
        Kernels.forward(w, lmHead, vocabSize, e, resid[nLayer], e, logits, vocabSize, p0, p1);
    }

    /** Causal multi-head attention of position pos over positions 0…pos of layer l. */
    private void attention(int l, int pos) {
        double[] ql = q[l], kl = k[l], vl = v[l], ol = o[l], al = att[l];
        int e = nEmbd;
        for (int h = 0; h < nHead; h++) {
            int hd = h * headDim;
            int row = (h * blockSize + pos) * blockSize;
            for (int t = 0; t <= pos; t++) {
                double dot = 0.0;
                for (int d = 0; d < headDim; d++) dot += ql[pos * e + hd + d] * kl[t * e + hd + d];
                al[row + t] = dot * attnScale;
            }
            softmax(al, row, pos + 1, al, row);
            for (int d = 0; d < headDim; d++) {
                double sum = 0.0;
                for (int t = 0; t <= pos; t++) sum += al[row + t] * vl[t * e + hd + d];
                ol[pos * e + hd + d] = sum;
            }
        }
    }

    /** Runs the forward pass over a name; returns the mean loss over its n positions. */
    private double forwardLoss(int[] tokens, int n) {
        forward(tokens, 0, n);
        double total = 0.0;
        for (int pos = 0; pos < n; pos++) {
            int lo = pos * vocabSize;
            softmax(logits, lo, vocabSize, probs, lo);
            targets[pos] = tokens[pos + 1];
            total += -FastLibm.crLog(probs[lo + targets[pos]]);
        }
        return total * (1.0 / n);
    }
    // endregion

    // region backward

    /** Adds d(loss)/d(parameter) to g, for the n positions of the last forward pass. */
    private void backward(int[] tokens, int n) {
        int e = nEmbd;
        int te = n * e;
        // Cross-entropy through softmax: d loss / d logit = (p − onehot(target)) / n.
        double inverseN = 1.0 / n;
        for (int pos = 0; pos < n; pos++) {
            int lo = pos * vocabSize;
            for (int c = 0; c < vocabSize; c++) dLogits[lo + c] = probs[lo + c] * inverseN;
            dLogits[lo + targets[pos]] -= inverseN;
        }
        java.util.Arrays.fill(dResid, 0, te, 0.0);
        Kernels.backwardWeight(g, lmHead, vocabSize, e, dLogits, vocabSize, resid[nLayer], e, n);
        Kernels.backwardInput(w, lmHead, vocabSize, e, dLogits, vocabSize, dResid, e, n);
        for (int l = nLayer - 1; l >= 0; l--) {
            // MLP block: out = fc2(relu(fc1(rmsnorm(mid)))) + mid; dResid holds d out.
            System.arraycopy(dResid, 0, dMid, 0, te);                  // the residual path
            java.util.Arrays.fill(dX, 0, te, 0.0);
            java.util.Arrays.fill(dHidden, 0, n * hidden, 0.0);
            Kernels.backwardWeight(g, fc2[l], e, hidden, dResid, e, r[l], hidden, n);
            Kernels.backwardInput(w, fc2[l], e, hidden, dResid, e, dHidden, hidden, n);
            double[] fl = f[l];
            for (int m = 0; m < n * hidden; m++) {
                if (!(fl[m] > 0)) dHidden[m] = 0.0;                    // ReLU passes gradient where its input was > 0
            }
            Kernels.backwardWeight(g, fc1[l], hidden, e, dHidden, hidden, b[l], e, n);
            Kernels.backwardInput(w, fc1[l], hidden, e, dHidden, hidden, dX, e, n);
            for (int pos = 0; pos < n; pos++) rmsnormBackward(mid[l], pos * e, sB[l][pos], dX, dMid);

            // Attention block: mid = wo(attention(q, k, v)) + in, q, k, v = W·rmsnorm(in).
            System.arraycopy(dMid, 0, dResid, 0, te);                  // the residual path into `in`
            java.util.Arrays.fill(dO, 0, te, 0.0);
            Kernels.backwardWeight(g, wo[l], e, e, dMid, e, o[l], e, n);
            Kernels.backwardInput(w, wo[l], e, e, dMid, e, dO, e, n);
            attentionBackward(l, n);
            java.util.Arrays.fill(dX, 0, te, 0.0);
            Kernels.backwardWeight(g, wq[l], e, e, dQ, e, a[l], e, n);
            Kernels.backwardWeight(g, wk[l], e, e, dK, e, a[l], e, n);
            Kernels.backwardWeight(g, wv[l], e, e, dV, e, a[l], e, n);
            Kernels.backwardInput(w, wq[l], e, e, dQ, e, dX, e, n);
            Kernels.backwardInput(w, wk[l], e, e, dK, e, dX, e, n);
            Kernels.backwardInput(w, wv[l], e, e, dV, e, dX, e, n);
            for (int pos = 0; pos < n; pos++) rmsnormBackward(resid[l], pos * e, sA[l][pos], dX, dResid);
        }
        // The first rmsnorm, then the embeddings: wte[token] and wpe[pos] both get d x0.
        java.util.Arrays.fill(dX, 0, te, 0.0);
        for (int pos = 0; pos < n; pos++) {
            int off = pos * e;
            rmsnormBackward(x0, off, s0[pos], dResid, dX);
            int tokenRow = wte + tokens[pos] * e;
            int posRow = wpe + pos * e;
            for (int i = 0; i < e; i++) {
                g[tokenRow + i] += dX[off + i];
                g[posRow + i] += dX[off + i];
            }
        }
    }

    /** From dO, the gradients dQ, dK, dV of every position (keys and values collect from later positions). */
    private void attentionBackward(int l, int n) {
        int e = nEmbd;
        int te = n * e;
        java.util.Arrays.fill(dQ, 0, te, 0.0);
        java.util.Arrays.fill(dK, 0, te, 0.0);
        java.util.Arrays.fill(dV, 0, te, 0.0);
        double[] ql = q[l], kl = k[l], vl = v[l], al = att[l];
        for (int pos = 0; pos < n; pos++) {
            for (int h = 0; h < nHead; h++) {
                int hd = h * headDim;
                int row = (h * blockSize + pos) * blockSize;
                int oOff = pos * e + hd;
                // out_d = Σ_t w_t·v_t,d: dw_t = Σ_d dout_d·v_t,d and dv_t,d += w_t·dout_d.
                double weighted = 0.0;
                for (int t = 0; t <= pos; t++) {
                    double dw = 0.0;
                    int vOff = t * e + hd;
                    double wt = al[row + t];
                    for (int d = 0; d < headDim; d++) {
                        dw += dO[oOff + d] * vl[vOff + d];
                        dV[vOff + d] += wt * dO[oOff + d];
                    }
                    dScores[t] = dw;
                    weighted += wt * dw;
                }
                // Softmax: ds_t = w_t·(dw_t − Σ_u w_u·dw_u); the score is (q·k_t)·scale.
                for (int t = 0; t <= pos; t++) {
                    double ds = al[row + t] * (dScores[t] - weighted) * attnScale;
                    int kOff = t * e + hd;
                    for (int d = 0; d < headDim; d++) {
                        dQ[oOff + d] += ds * kl[kOff + d];
                        dK[kOff + d] += ds * ql[oOff + d];
                    }
                }
            }
        }
    }
    // endregion

    // region train

    private int positions(int[] tokens) {
        return Math.min(blockSize, tokens.length - 1);
    }

    @Override
    public double trainStep(int[] tokens, int step, int numSteps) {
        int n = positions(tokens);
        double loss = forwardLoss(tokens, n);
        backward(tokens, n);
        optimizer.update(w, g, w.length, optimizerState, learningRate, step, numSteps, false);
        return loss;
    }

    /** The loss of one name under the current parameters, without training. */
    public double loss(int[] tokens) {
        return forwardLoss(tokens, positions(tokens));
    }

    /** d loss / d parameter for one name (layout order), without changing the model. */
    public double[] gradients(int[] tokens) {
        int n = positions(tokens);
        java.util.Arrays.fill(g, 0.0);
        forwardLoss(tokens, n);
        backward(tokens, n);
        double[] copy = g.clone();
        java.util.Arrays.fill(g, 0.0);
        return copy;
    }
    // endregion

    // region sample

    @Override
    public Generator generator(double temperature) {
        double inverseTemperature = FastLibm.crPow(temperature, -1);
        double[] scaled = new double[vocabSize];
        int[] context = new int[blockSize];
        int[] position = {0};
        return token -> {
            int pos = position[0]++;
            if (pos >= blockSize) throw new IllegalStateException("the context is full (block_size " + blockSize + ")");
            context[pos] = token;
            forward(context, pos, pos + 1);
            for (int c = 0; c < vocabSize; c++) scaled[c] = logits[pos * vocabSize + c] * inverseTemperature;
            double[] p = new double[vocabSize];
            softmax(scaled, 0, vocabSize, p, 0);
            return p;
        };
    }
    // endregion

    /**
     * The floating-point operations of one training step on a name of n positions, counted from
     * the loops above: a multiply-add is 2, exp, log, pow, sqrt and division 1 each, comparisons
     * (max, ReLU) and copies 0. Per position p (attending over t = p + 1 positions):
     * <ul>
     *   <li>forward: embedding E; each rmsnorm 3E + 3; per layer Q, K, V, O 8E², fc1 and fc2 4EF
     *       (F = 4E), two residual adds 2E, attention per head t(4D + 5) + 1; lm_head 2VE, softmax
     *       4V + 1, loss 3;</li>
     *   <li>backward: d logits V + 1; lm_head 4VE; per layer 16E² + 8EF, two rmsnorms 2(6E + 4),
     *       attention per head t(8D + 5); first rmsnorm 6E + 4; embeddings 2E;</li>
     *   <li>update, per parameter: Adam 14, SGD 2.</li>
     * </ul>
     */
    public static long flopsPerStep(GptConfig c, int vocabSize, int n, Optimizer optimizer, int parameterCount) {
        long e = c.nEmbd(), f = 4L * c.nEmbd(), d = c.headDim(), h = c.nHead(), layers = c.nLayer(), v = vocabSize;
        long total = 0;
        for (int p = 0; p < n; p++) {
            long t = p + 1;
            long forward = e + (3 * e + 3)
                    + layers * ((3 * e + 3) + 8 * e * e + 4 * e * f + 2 * e + (3 * e + 3) + h * (t * (4 * d + 5) + 1))
                    + 2 * v * e + 4 * v + 1 + 3;
            long backward = v + 1 + 4 * v * e
                    + layers * (16 * e * e + 8 * e * f + 2 * (6 * e + 4) + h * t * (8 * d + 5))
                    + 6 * e + 4 + 2 * e;
            total += forward + backward;
        }
        return total + (optimizer == Optimizer.ADAM ? 14L : 2L) * parameterCount;
    }

    @Override
    public int parameterCount() {
        return layout.size();
    }

    @Override
    public ParamLayout layout() {
        return layout;
    }

    @Override
    public GptConfig config() {
        return config;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public Optimizer optimizer() {
        return optimizer;
    }

    /** A copy of the parameters, in layout order. */
    @Override
    public double[] parameters() {
        return w.clone();
    }
}
