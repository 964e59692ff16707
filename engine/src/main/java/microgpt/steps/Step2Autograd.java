package microgpt.steps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import microgpt.autograd.Value;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.train.LanguageModel;

/**
 * Step 2: the same MLP as Step 1, with the backward pass written by nobody.
 *
 * <p>Every parameter is a {@link Value}, so the forward pass records how the loss was computed,
 * and {@code loss.backward()} finds every gradient. The hand-written gradient code of Step 1
 * disappears; the results are the same.
 */
public final class Step2Autograd implements LanguageModel {

    // region parameters
    private final Map<String, Value[][]> params = new LinkedHashMap<>();
    private final List<Value> paramList = new ArrayList<>();   // all of them, flat, in order
    private final double learningRate;

    public Step2Autograd(Tokenizer tokenizer, PyRandom rng, double learningRate) {
        int nEmbd = Step1GradientDescent.N_EMBD;
        params.put("wte", matrix(rng, tokenizer.vocabSize, nEmbd));
        params.put("mlp_fc1", matrix(rng, 4 * nEmbd, nEmbd));
        params.put("mlp_fc2", matrix(rng, tokenizer.vocabSize, 4 * nEmbd));
        params.values().forEach(m -> collect(m, paramList));
        this.learningRate = learningRate;
    }

    static Value[][] matrix(PyRandom rng, int rows, int cols) {
        Value[][] m = new Value[rows][cols];
        for (Value[] row : m) {
            for (int j = 0; j < cols; j++) row[j] = new Value(rng.gauss(0, 0.08));
        }
        return m;
    }
    // endregion

    // region linear
    static Value[] linear(Value[] x, Value[][] w) {
        Value[] y = new Value[w.length];
        for (int i = 0; i < w.length; i++) {
            List<Value> products = new ArrayList<>(x.length);
            for (int j = 0; j < x.length; j++) products.add(w[i][j].mul(x[j]));
            y[i] = Value.sum(products);
        }
        return y;
    }
    // endregion

    // region softmax
    static Value[] softmax(Value[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (Value logit : logits) max = Math.max(max, logit.data);   // a constant: no gradient
        List<Value> exps = new ArrayList<>(logits.length);
        for (Value logit : logits) exps.add(logit.sub(max).exp());
        Value total = Value.sum(exps);
        Value[] probs = new Value[logits.length];
        for (int i = 0; i < logits.length; i++) probs[i] = exps.get(i).div(total);
        return probs;
    }
    // endregion

    // region mlp
    Value[] mlp(int token) {
        Value[] x = params.get("wte")[token];
        Value[] h = linear(x, params.get("mlp_fc1"));
        for (int k = 0; k < h.length; k++) h[k] = h[k].relu();
        return linear(h, params.get("mlp_fc2"));
    }
    // endregion

    // region loss
    /** The mean of −log p(target) over the name, as one Value that remembers how it was made. */
    public Value loss(int[] tokens) {
        int n = tokens.length - 1;
        List<Value> losses = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Value[] probs = softmax(mlp(tokens[i]));
            losses.add(probs[tokens[i + 1]].log().neg());
        }
        return Value.sum(losses).mul(1.0 / n);
    }
    // endregion

    // region train
    /** forward → backward → update → zero the gradients for the next step. */
    @Override
    public double trainStep(int[] tokens, int step, int numSteps) {
        Value loss = loss(tokens);
        loss.backward();
        sgdUpdate(paramList, learningRate, step, numSteps);
        return loss.data;
    }

    /** Each parameter steps against its gradient, then forgets it (gradients add up otherwise). */
    static void sgdUpdate(List<Value> params, double learningRate, int step, int numSteps) {
        double lrT = learningRate * (1 - (double) step / numSteps);   // decays linearly to 0
        for (Value p : params) {
            p.data -= lrT * p.grad;
            p.grad = 0;
        }
    }
    // endregion

    // region sample
    @Override
    public Generator generator(double temperature) {
        return token -> probabilities(softmax(divide(mlp(token), temperature)));
    }
    // endregion

    static Value[] divide(Value[] logits, double temperature) {
        Value[] scaled = new Value[logits.length];
        for (int i = 0; i < logits.length; i++) scaled[i] = logits[i].div(temperature);
        return scaled;
    }

    static double[] probabilities(Value[] probs) {
        double[] p = new double[probs.length];
        for (int i = 0; i < probs.length; i++) p[i] = probs[i].data;
        return p;
    }

    static void collect(Value[][] matrix, List<Value> into) {
        for (Value[] row : matrix) into.addAll(List.of(row));
    }

    /** The parameter matrices by name, in initialisation order. */
    public Map<String, Value[][]> parameters() {
        return params;
    }

    @Override
    public int parameterCount() {
        return paramList.size();
    }
}
