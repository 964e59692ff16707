package microgpt.steps;

import java.util.LinkedHashMap;
import java.util.Map;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.math.Libm;
import microgpt.train.LanguageModel;

/**
 * Step 1: a neural network trained by gradient descent, with every derivative worked out by hand.
 *
 * <p>The model is a small MLP: look up the current token's embedding, pass it through a hidden
 * layer with ReLU, and read out one score (logit) per possible next token. Softmax turns the
 * scores into probabilities. Training nudges every parameter a little against its gradient.
 */
public final class Step1GradientDescent implements LanguageModel {

    // region parameters
    public static final int N_EMBD = 16;
    public static final int N_HIDDEN = 4 * N_EMBD;

    private final double[][] wte;      // token embeddings: vocabSize × 16
    private final double[][] mlpFc1;   // hidden layer: 64 × 16
    private final double[][] mlpFc2;   // read-out: vocabSize × 64
    private final double learningRate;

    public Step1GradientDescent(Tokenizer tokenizer, PyRandom rng, double learningRate) {
        this.wte = matrix(rng, tokenizer.vocabSize, N_EMBD);
        this.mlpFc1 = matrix(rng, N_HIDDEN, N_EMBD);
        this.mlpFc2 = matrix(rng, tokenizer.vocabSize, N_HIDDEN);
        this.learningRate = learningRate;
    }

    /** A rows × cols matrix of small random numbers, drawn row by row. */
    static double[][] matrix(PyRandom rng, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) row[j] = rng.gauss(0, 0.08);
        }
        return m;
    }
    // endregion

    // region linear
    /** y[i] = Σ_j w[i][j]·x[j]: one dot product per row of w. */
    static double[] linear(double[] x, double[][] w) {
        double[] y = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            double sum = 0;
            for (int j = 0; j < x.length; j++) sum += w[i][j] * x[j];
            y[i] = sum;
        }
        return y;
    }
    // endregion

    // region softmax
    /** Scores to probabilities: exponentiate (after subtracting the max, to avoid overflow), normalise. */
    static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double logit : logits) max = Math.max(max, logit);
        double[] exps = new double[logits.length];
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            exps[i] = Libm.exp(logits[i] - max);
            total += exps[i];
        }
        double[] probs = new double[logits.length];
        for (int i = 0; i < logits.length; i++) probs[i] = exps[i] / total;
        return probs;
    }
    // endregion

    // region mlp
    /** Everything the forward pass computes for one token, kept for the backward pass. */
    public record Activations(int token, double[] x, double[] hiddenPre, double[] hidden,
                              double[] logits, double[] probs) {}

    /** embedding → hidden layer → ReLU → one logit per next token → softmax. */
    public Activations forward(int token) {
        double[] x = wte[token].clone();
        double[] hiddenPre = linear(x, mlpFc1);
        double[] hidden = new double[N_HIDDEN];
        for (int k = 0; k < N_HIDDEN; k++) hidden[k] = hiddenPre[k] > 0 ? hiddenPre[k] : 0.0;
        double[] logits = linear(hidden, mlpFc2);
        return new Activations(token, x, hiddenPre, hidden, logits, softmax(logits));
    }
    // endregion

    // region loss
    /** Mean of −log p(target) over the positions of one name. */
    public double loss(int[] tokens) {
        int n = tokens.length - 1;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += -Libm.log(forward(tokens[i]).probs()[tokens[i + 1]]);
        }
        return (1.0 / n) * sum;
    }
    // endregion

    // region numerical-gradient
    public static final double EPSILON = 1e-5;

    /** Nudge each parameter by ε and watch the loss: slope ≈ (loss(p + ε) − loss(p)) / ε. */
    public double[] numericalGradient(int[] tokens) {
        double baseLoss = loss(tokens);
        double[] grad = new double[parameterCount()];
        int index = 0;
        for (double[][] matrix : parameters().values()) {
            for (double[] row : matrix) {
                for (int j = 0; j < row.length; j++) {
                    double old = row[j];
                    row[j] = old + EPSILON;
                    double nudgedLoss = loss(tokens);
                    row[j] = old;
                    grad[index++] = (nudgedLoss - baseLoss) / EPSILON;
                }
            }
        }
        return grad;
    }
    // endregion

    // region analytic-gradient
    /** The loss and its exact gradient, by the chain rule worked out by hand, layer by layer. */
    public record Gradient(double loss, double[][] wte, double[][] mlpFc1, double[][] mlpFc2) {}

    public Gradient analyticGradient(int[] tokens) {
        int n = tokens.length - 1;
        double[][] dWte = new double[wte.length][N_EMBD];
        double[][] dFc1 = new double[N_HIDDEN][N_EMBD];
        double[][] dFc2 = new double[mlpFc2.length][N_HIDDEN];
        double lossSum = 0;
        for (int i = 0; i < n; i++) {
            Activations a = forward(tokens[i]);
            int target = tokens[i + 1];
            lossSum += -Libm.log(a.probs()[target]);
            // softmax + cross-entropy: d(loss)/d(logit c) = (p_c − [c is the target]) / n
            double[] dLogits = new double[a.logits().length];
            for (int c = 0; c < dLogits.length; c++) {
                dLogits[c] = (a.probs()[c] - (c == target ? 1.0 : 0.0)) / n;
            }
            // read-out layer: logit_c = Σ_k fc2[c][k]·h[k]
            for (int c = 0; c < dLogits.length; c++) {
                for (int k = 0; k < N_HIDDEN; k++) dFc2[c][k] += dLogits[c] * a.hidden()[k];
            }
            double[] dHidden = new double[N_HIDDEN];
            for (int k = 0; k < N_HIDDEN; k++) {
                double sum = 0;
                for (int c = 0; c < dLogits.length; c++) sum += mlpFc2[c][k] * dLogits[c];
                dHidden[k] = sum;
            }
            // ReLU passes the gradient only where its input was positive
            double[] dHiddenPre = new double[N_HIDDEN];
            for (int k = 0; k < N_HIDDEN; k++) dHiddenPre[k] = a.hiddenPre()[k] > 0 ? dHidden[k] : 0.0;
            // hidden layer: hpre_k = Σ_j fc1[k][j]·x[j]
            for (int k = 0; k < N_HIDDEN; k++) {
                for (int j = 0; j < N_EMBD; j++) dFc1[k][j] += dHiddenPre[k] * a.x()[j];
            }
            // embedding: x is row `token` of wte
            for (int j = 0; j < N_EMBD; j++) {
                double sum = 0;
                for (int k = 0; k < N_HIDDEN; k++) sum += mlpFc1[k][j] * dHiddenPre[k];
                dWte[a.token()][j] += sum;
            }
        }
        return new Gradient((1.0 / n) * lossSum, dWte, dFc1, dFc2);
    }
    // endregion

    // region gradient-check
    /** Both gradients for every parameter, and the largest disagreement between them. */
    public record GradientCheck(double numericalLoss, double analyticLoss,
                                double[] numerical, double[] analytic, double maxDifference) {}

    public GradientCheck gradientCheck(int[] tokens) {
        double numericalLoss = loss(tokens);
        double[] numerical = numericalGradient(tokens);
        Gradient gradient = analyticGradient(tokens);
        double[] analytic = flatten(gradient.wte(), gradient.mlpFc1(), gradient.mlpFc2());
        double maxDifference = 0;
        for (int i = 0; i < numerical.length; i++) {
            maxDifference = Math.max(maxDifference, Math.abs(numerical[i] - analytic[i]));
        }
        return new GradientCheck(numericalLoss, gradient.loss(), numerical, analytic, maxDifference);
    }
    // endregion

    // region train
    /** Gradient descent: every parameter takes a small step downhill; the step shrinks over time. */
    @Override
    public double trainStep(int[] tokens, int step, int numSteps) {
        Gradient gradient = analyticGradient(tokens);
        double lrT = learningRate * (1 - (double) step / numSteps);
        descend(wte, gradient.wte(), lrT);
        descend(mlpFc1, gradient.mlpFc1(), lrT);
        descend(mlpFc2, gradient.mlpFc2(), lrT);
        return gradient.loss();
    }

    private static void descend(double[][] params, double[][] grads, double lrT) {
        for (int i = 0; i < params.length; i++) {
            for (int j = 0; j < params[i].length; j++) params[i][j] -= lrT * grads[i][j];
        }
    }
    // endregion

    // region sample
    /** Temperature divides the logits: below 1 sharpens the distribution, above 1 flattens it. */
    @Override
    public Generator generator(double temperature) {
        return token -> {
            double[] logits = forward(token).logits();
            double[] scaled = new double[logits.length];
            for (int i = 0; i < logits.length; i++) scaled[i] = logits[i] / temperature;
            return softmax(scaled);
        };
    }
    // endregion

    /** The parameter matrices by name, in initialisation order (live arrays: read, don't write). */
    public Map<String, double[][]> parameters() {
        Map<String, double[][]> params = new LinkedHashMap<>();
        params.put("wte", wte);
        params.put("mlp_fc1", mlpFc1);
        params.put("mlp_fc2", mlpFc2);
        return params;
    }

    @Override
    public int parameterCount() {
        int count = 0;
        for (double[][] matrix : parameters().values()) count += matrix.length * matrix[0].length;
        return count;
    }

    private static double[] flatten(double[][]... matrices) {
        int size = 0;
        for (double[][] m : matrices) size += m.length * m[0].length;
        double[] flat = new double[size];
        int index = 0;
        for (double[][] m : matrices) {
            for (double[] row : m) {
                System.arraycopy(row, 0, flat, index, row.length);
                index += row.length;
            }
        }
        return flat;
    }
}
