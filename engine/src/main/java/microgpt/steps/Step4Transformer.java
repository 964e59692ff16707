package microgpt.steps;

import static microgpt.steps.Step2Autograd.linear;
import static microgpt.steps.Step2Autograd.matrix;
import static microgpt.steps.Step2Autograd.softmax;
import static microgpt.steps.Step3Attention.add;
import static microgpt.steps.Step3Attention.dot;
import static microgpt.steps.Step3Attention.rmsnorm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import microgpt.autograd.Value;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.math.Libm;
import microgpt.train.LanguageModel;

/**
 * Step 4: the transformer. Attention is split into several small heads that each look for
 * something different, and the attention + MLP block sits inside a loop over layers, so depth
 * becomes a setting. Trained with plain gradient descent; Step 5 changes only the optimizer.
 */
public class Step4Transformer implements LanguageModel {

    // region parameters
    protected final GptConfig config;
    private final Map<String, Value[][]> params = new LinkedHashMap<>();
    protected final List<Value> paramList = new ArrayList<>();
    protected final double learningRate;

    public Step4Transformer(Tokenizer tokenizer, PyRandom rng, GptConfig config, double learningRate) {
        this.config = config;
        this.learningRate = learningRate;
        int nEmbd = config.nEmbd();
        params.put("wte", matrix(rng, tokenizer.vocabSize, nEmbd));
        params.put("wpe", matrix(rng, config.blockSize(), nEmbd));
        params.put("lm_head", matrix(rng, tokenizer.vocabSize, nEmbd));
        for (int layer = 0; layer < config.nLayer(); layer++) {
            params.put("layer" + layer + ".attn_wq", matrix(rng, nEmbd, nEmbd));
            params.put("layer" + layer + ".attn_wk", matrix(rng, nEmbd, nEmbd));
            params.put("layer" + layer + ".attn_wv", matrix(rng, nEmbd, nEmbd));
            params.put("layer" + layer + ".attn_wo", matrix(rng, nEmbd, nEmbd));
            params.put("layer" + layer + ".mlp_fc1", matrix(rng, 4 * nEmbd, nEmbd));
            params.put("layer" + layer + ".mlp_fc2", matrix(rng, nEmbd, 4 * nEmbd));
        }
        params.values().forEach(m -> Step2Autograd.collect(m, paramList));
    }
    // endregion

    // region kv-cache
    /** One list of keys and one of values per layer: each layer attends over its own history. */
    public record KvCache(List<List<Value[]>> keys, List<List<Value[]>> values) {
        public static KvCache empty(int nLayer) {
            KvCache cache = new KvCache(new ArrayList<>(), new ArrayList<>());
            for (int layer = 0; layer < nLayer; layer++) {
                cache.keys().add(new ArrayList<>());
                cache.values().add(new ArrayList<>());
            }
            return cache;
        }
    }
    // endregion

    // region gpt
    Value[] gpt(int token, int pos, KvCache cache) {
        Value[] x = add(params.get("wte")[token], params.get("wpe")[pos]);
        x = rmsnorm(x);
        // region layer-loop
        for (int layer = 0; layer < config.nLayer(); layer++) {
            String prefix = "layer" + layer + ".";
            Value[] xResidual = x;
            x = rmsnorm(x);
            Value[] q = linear(x, params.get(prefix + "attn_wq"));
            Value[] k = linear(x, params.get(prefix + "attn_wk"));
            Value[] v = linear(x, params.get(prefix + "attn_wv"));
            cache.keys().get(layer).add(k);
            cache.values().get(layer).add(v);
            Value[] xAttn = multiHeadAttention(q, cache.keys().get(layer), cache.values().get(layer));
            x = linear(xAttn, params.get(prefix + "attn_wo"));
            x = add(x, xResidual);

            xResidual = x;
            x = rmsnorm(x);
            x = linear(x, params.get(prefix + "mlp_fc1"));
            for (int i = 0; i < x.length; i++) x[i] = x[i].relu();
            x = linear(x, params.get(prefix + "mlp_fc2"));
            x = add(x, xResidual);
        }
        // endregion
        return linear(x, params.get("lm_head"));
    }
    // endregion

    // region multi-head
    /** Each head attends with its own slice of q, k and v; their outputs are laid side by side. */
    Value[] multiHeadAttention(Value[] q, List<Value[]> keys, List<Value[]> values) {
        int headDim = config.headDim();
        double scale = Libm.pow(headDim, 0.5);
        Value[] xAttn = new Value[config.nEmbd()];
        for (int h = 0; h < config.nHead(); h++) {
            int from = h * headDim;
            int to = from + headDim;
            Value[] qHead = Arrays.copyOfRange(q, from, to);
            Value[] attnLogits = new Value[keys.size()];
            for (int t = 0; t < keys.size(); t++) {
                attnLogits[t] = dot(qHead, Arrays.copyOfRange(keys.get(t), from, to)).div(scale);
            }
            Value[] attnWeights = softmax(attnLogits);
            for (int j = 0; j < headDim; j++) {
                List<Value> mix = new ArrayList<>(values.size());
                for (int t = 0; t < values.size(); t++) mix.add(attnWeights[t].mul(values.get(t)[from + j]));
                xAttn[from + j] = Value.sum(mix);
            }
        }
        return xAttn;
    }
    // endregion

    // region loss
    public Value loss(int[] tokens) {
        int n = Math.min(config.blockSize(), tokens.length - 1);
        KvCache cache = KvCache.empty(config.nLayer());
        List<Value> losses = new ArrayList<>(n);
        for (int pos = 0; pos < n; pos++) {
            Value[] probs = softmax(gpt(tokens[pos], pos, cache));
            losses.add(probs[tokens[pos + 1]].log().neg());
        }
        return Value.sum(losses).mul(1.0 / n);
    }
    // endregion

    // region train
    @Override
    public final double trainStep(int[] tokens, int step, int numSteps) {
        Value loss = loss(tokens);
        loss.backward();
        update(step, numSteps);
        return loss.data;
    }

    /** Plain gradient descent. Step 5 replaces this method, and only this method. */
    protected void update(int step, int numSteps) {
        Step2Autograd.sgdUpdate(paramList, learningRate, step, numSteps);
    }
    // endregion

    // region sample
    @Override
    public Generator generator(double temperature) {
        KvCache cache = KvCache.empty(config.nLayer());
        return token -> {
            int position = cache.keys().get(0).size();   // one cached key per token seen so far
            Value[] logits = gpt(token, position, cache);
            return Step2Autograd.probabilities(softmax(Step2Autograd.divide(logits, temperature)));
        };
    }
    // endregion

    public GptConfig config() {
        return config;
    }

    public Map<String, Value[][]> parameters() {
        return params;
    }

    @Override
    public int parameterCount() {
        return paramList.size();
    }
}
