package microgpt.steps;

import static microgpt.steps.Step2Autograd.linear;
import static microgpt.steps.Step2Autograd.matrix;
import static microgpt.steps.Step2Autograd.softmax;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import microgpt.autograd.Value;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.math.Libm;
import microgpt.train.LanguageModel;

/**
 * Step 3: attention. Until now the model saw only the current token. Now every position asks a
 * question (query), every earlier position offers a label (key) and some content (value), and
 * each position takes a weighted mix of the earlier contents, weighted by how well the labels
 * answer its question. One head, one layer.
 */
public final class Step3Attention implements LanguageModel {

    // region parameters
    private final int nEmbd;
    private final int blockSize;    // the longest context the model can see
    private final Map<String, Value[][]> params = new LinkedHashMap<>();
    private final List<Value> paramList = new ArrayList<>();
    private final double learningRate;

    public Step3Attention(Tokenizer tokenizer, PyRandom rng, int nEmbd, int blockSize, double learningRate) {
        this.nEmbd = nEmbd;
        this.blockSize = blockSize;
        this.learningRate = learningRate;
        params.put("wte", matrix(rng, tokenizer.vocabSize, nEmbd));
        params.put("wpe", matrix(rng, blockSize, nEmbd));          // one vector per position
        params.put("lm_head", matrix(rng, tokenizer.vocabSize, nEmbd));
        params.put("attn_wq", matrix(rng, nEmbd, nEmbd));
        params.put("attn_wk", matrix(rng, nEmbd, nEmbd));
        params.put("attn_wv", matrix(rng, nEmbd, nEmbd));
        params.put("attn_wo", matrix(rng, nEmbd, nEmbd));
        params.put("mlp_fc1", matrix(rng, 4 * nEmbd, nEmbd));
        params.put("mlp_fc2", matrix(rng, nEmbd, 4 * nEmbd));
        params.values().forEach(m -> Step2Autograd.collect(m, paramList));
    }
    // endregion

    // region rmsnorm
    /** Rescale x to a root-mean-square of 1, so no vector grows or shrinks out of hand. */
    static Value[] rmsnorm(Value[] x) {
        List<Value> squares = new ArrayList<>(x.length);
        for (Value xi : x) squares.add(xi.mul(xi));
        Value meanSquare = Value.sum(squares).div(x.length);
        Value scale = meanSquare.add(1e-5).pow(-0.5);
        Value[] y = new Value[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i].mul(scale);
        return y;
    }
    // endregion

    // region gpt
    /**
     * The next-token logits at one position. {@code keys} and {@code values} hold what the earlier
     * positions of this sequence stored (the KV cache); this position appends its own.
     */
    Value[] gpt(int token, int pos, List<Value[]> keys, List<Value[]> values) {
        // region embeddings
        Value[] x = add(params.get("wte")[token], params.get("wpe")[pos]);   // what + where
        x = rmsnorm(x);
        // endregion

        // region qkv
        Value[] xResidual = x;
        x = rmsnorm(x);
        Value[] q = linear(x, params.get("attn_wq"));   // what this position is looking for
        Value[] k = linear(x, params.get("attn_wk"));   // what this position offers to be found by
        Value[] v = linear(x, params.get("attn_wv"));   // what this position passes on if chosen
        keys.add(k);
        values.add(v);
        // endregion

        // region attention
        double scale = Libm.pow(nEmbd, 0.5);           // the head is all nEmbd dimensions wide
        Value[] attnLogits = new Value[keys.size()];
        for (int t = 0; t < keys.size(); t++) {
            attnLogits[t] = dot(q, keys.get(t)).div(scale);
        }
        Value[] attnWeights = softmax(attnLogits);
        Value[] out = new Value[nEmbd];
        for (int j = 0; j < nEmbd; j++) {
            List<Value> mix = new ArrayList<>(values.size());
            for (int t = 0; t < values.size(); t++) mix.add(attnWeights[t].mul(values.get(t)[j]));
            out[j] = Value.sum(mix);
        }
        // endregion

        // region residual
        x = linear(out, params.get("attn_wo"));
        x = add(x, xResidual);   // the residual connection: add back what came in
        // endregion

        // region mlp
        xResidual = x;
        x = rmsnorm(x);
        x = linear(x, params.get("mlp_fc1"));
        for (int i = 0; i < x.length; i++) x[i] = x[i].relu();
        x = linear(x, params.get("mlp_fc2"));
        x = add(x, xResidual);
        // endregion

        return linear(x, params.get("lm_head"));
    }
    // endregion

    static Value[] add(Value[] a, Value[] b) {
        Value[] sum = new Value[a.length];
        for (int i = 0; i < a.length; i++) sum[i] = a[i].add(b[i]);
        return sum;
    }

    static Value dot(Value[] a, Value[] b) {
        List<Value> products = new ArrayList<>(a.length);
        for (int j = 0; j < a.length; j++) products.add(a[j].mul(b[j]));
        return Value.sum(products);
    }

    // region loss
    /** Positions are fed one at a time, each seeing the cache of the ones before it. */
    public Value loss(int[] tokens) {
        int n = Math.min(blockSize, tokens.length - 1);
        List<Value[]> keys = new ArrayList<>();
        List<Value[]> values = new ArrayList<>();
        List<Value> losses = new ArrayList<>(n);
        for (int pos = 0; pos < n; pos++) {
            Value[] probs = softmax(gpt(tokens[pos], pos, keys, values));
            losses.add(probs[tokens[pos + 1]].log().neg());
        }
        return Value.sum(losses).mul(1.0 / n);
    }
    // endregion

    // region train
    @Override
    public double trainStep(int[] tokens, int step, int numSteps) {
        Value loss = loss(tokens);
        loss.backward();
        Step2Autograd.sgdUpdate(paramList, learningRate, step, numSteps);
        return loss.data;
    }
    // endregion

    // region sample
    /** Each new sequence starts with an empty KV cache, which fills as tokens are generated. */
    @Override
    public Generator generator(double temperature) {
        List<Value[]> keys = new ArrayList<>();
        List<Value[]> values = new ArrayList<>();
        return token -> {
            Value[] logits = gpt(token, keys.size(), keys, values);
            return Step2Autograd.probabilities(softmax(Step2Autograd.divide(logits, temperature)));
        };
    }
    // endregion

    public int blockSize() {
        return blockSize;
    }

    public Map<String, Value[][]> parameters() {
        return params;
    }

    @Override
    public int parameterCount() {
        return paramList.size();
    }
}
