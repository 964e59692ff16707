package microgpt.queries;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import microgpt.data.Tokenizer;
import microgpt.fast.FlatModel;
import microgpt.fast.ParamLayout;
import microgpt.math.Libm;
import microgpt.steps.GptConfig;

/**
 * Inside the trained Step 3, 4 and 5 transformers, for the widgets of pages 3.2–3.7, 4.3 and 5.4:
 * one name's forward pass position by position — embeddings, RMSNorm, q/k/v, each head's
 * attention weights, the KV cache — and RMSNorm of any vector.
 *
 * <p>The models are the seed-42 runs' own ({@link GuideData#model}: shuffle, draw the weights,
 * 1000 steps on the tape), the runs whose losses and names the pages show. The forward pass is
 * recomputed here from the trained parameters with the formulas of {@code Step4Transformer.gpt}
 * (Step 3 is the same code with one head and one layer), recording every vector on the way;
 * Step345QueriesTest checks that it gives the engine's own probabilities to 1e-12. Playground runs
 * of any shape are traced by the same code.
 */
public final class Step345Queries {

    private final GuideData data;

    Step345Queries(GuideData data) {
        this.data = data;
    }

    /** The trace a request asks for: {@code step} 3–5 (default 3), {@code name} (default emma). */
    Trace askedTrace(Params in) {
        int step = in.integer("step", 3, 5, 3);
        String name = in.name("name", data.tokenizer(), "emma");
        FlatModel model = (FlatModel) data.model(step);
        synchronized (model) {
            return trace(data.tokenizer(), model, step, name);
        }
    }

    /** x: 1 to 64 comma-separated numbers in [−10⁶, 10⁶]. */
    static double[] vector(Params in) {
        String text = in.text("x", "1,-2,3,0.5");
        String[] parts = text.split(",", -1);
        if (parts.length > 64) throw new BadRequest("x must have 1 to 64 numbers, got " + parts.length);
        double[] x = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            x[i] = Params.parseDecimal("x", parts[i]);
            if (!(Math.abs(x[i]) <= 1e6)) {
                throw new BadRequest("each number of x must be between -1000000 and 1000000, got " + Params.shorten(parts[i].strip()));
            }
        }
        return x;
    }

    // ---- the answers ------------------------------------------------------------------------

    record Token(int id, String text) {
        JsonObject json() {
            return new JsonObject().put("id", id).put("text", text);
        }
    }

    record Norm(double[] before, double[] after, double rmsBefore, double rmsAfter, double lengthBefore, double lengthAfter) {
        JsonObject json() {
            return new JsonObject().put("before", before).put("after", after).put("rmsBefore", rmsBefore)
                    .put("rmsAfter", rmsAfter).put("lengthBefore", lengthBefore).put("lengthAfter", lengthAfter);
        }
    }

    record Head(int head, int from, int to, double[] q, List<double[]> keys, List<double[]> values, double[] logits,
                double[] weights, double[] out) {
        JsonObject json() {
            return new JsonObject().put("head", head).put("from", from).put("to", to).put("q", q).put("keys", keys)
                    .put("values", values).put("logits", logits).put("weights", weights).put("out", out);
        }
    }

    record Layer(int layer, Norm norm, double[] q, double[] k, double[] v, List<Head> heads, double[] xAttn) {
        JsonObject json() {
            List<JsonObject> headsJson = new ArrayList<>();
            for (Head h : heads) headsJson.add(h.json());
            return new JsonObject().put("layer", layer).put("norm", norm.json()).put("q", q).put("k", k).put("v", v)
                    .put("heads", headsJson).put("xAttn", xAttn);
        }
    }

    record Position(int position, Token token, Token target, double[] tokenEmbedding, double[] positionEmbedding,
                    double[] sum, Norm embeddingNorm, List<Layer> layers, double[] probabilities, double loss) {
        JsonObject json() {
            List<JsonObject> layersJson = new ArrayList<>();
            for (Layer l : layers) layersJson.add(l.json());
            return new JsonObject().put("position", position).put("token", token.json()).put("target", target.json())
                    .put("tokenEmbedding", tokenEmbedding).put("positionEmbedding", positionEmbedding).put("sum", sum)
                    .put("embeddingNorm", embeddingNorm.json()).put("layers", layersJson).put("probabilities", probabilities)
                    .put("loss", loss);
        }
    }

    /** One name's forward pass through a transformer, every vector kept. */
    public record Trace(int step, String name, int nEmbd, int nHead, int nLayer, int headDim, int blockSize, List<Token> vocabulary,
                 List<Position> positions, double loss, String cache) {
        public JsonObject json() {
            List<JsonObject> positionsJson = new ArrayList<>();
            for (Position p : positions) positionsJson.add(p.json());
            return new JsonObject().put("step", step).put("name", name).put("nEmbd", nEmbd).put("nHead", nHead)
                    .put("nLayer", nLayer).put("headDim", headDim).put("blockSize", blockSize).put("vocabulary", tokenJson(vocabulary))
                    .put("positions", positionsJson).put("loss", loss).put("cache", cache);
        }
    }

    static List<JsonObject> tokenJson(List<Token> tokens) {
        List<JsonObject> json = new ArrayList<>();
        for (Token t : tokens) json.add(t.json());
        return json;
    }

    /**
     * Only the attention of a trace, for the explorer: {@code weights[layer][head][t][s]} is how much
     * position t attends to position s ≤ t. Small even for the largest Playground model, where the
     * whole trace (every key and value at every position) would be tens of megabytes.
     * {@code truncated} says the name has more positions than the model's block_size, which are not shown.
     */
    public record Attention(int step, String name, int nLayer, int nHead, int blockSize, List<Token> tokens,
                            double[][][][] weights, double loss, boolean truncated, List<Token> vocabulary) {
        public JsonObject json() {
            return new JsonObject().put("step", step).put("name", name).put("nLayer", nLayer).put("nHead", nHead)
                    .put("blockSize", blockSize).put("tokens", tokenJson(tokens)).put("weights", weights).put("loss", loss)
                    .put("truncated", truncated).put("vocabulary", tokenJson(vocabulary));
        }
    }

    /** The attention maps of a trace. */
    public static Attention attention(Trace trace) {
        int n = trace.positions().size();
        double[][][][] weights = new double[trace.nLayer()][trace.nHead()][n][];
        for (Position position : trace.positions()) {
            for (Layer layer : position.layers()) {
                for (Head head : layer.heads()) weights[layer.layer()][head.head()][position.position()] = head.weights();
            }
        }
        boolean truncated = trace.name().codePointCount(0, trace.name().length()) + 1 > n;
        List<Token> tokens = new ArrayList<>();
        for (Position position : trace.positions()) tokens.add(position.token());
        return new Attention(trace.step(), trace.name(), trace.nLayer(), trace.nHead(), trace.blockSize(),
                tokens, weights, trace.loss(), truncated, trace.vocabulary());
    }

    /** RMSNorm of any vector: before and after, and the mean square and scale in between. */
    static JsonObject rmsnorm(double[] x) {
        double meanSquare = dot(x, x) / x.length;
        return new JsonObject().put("norm", norm(x).json()).put("epsilon", 1e-5).put("meanSquare", meanSquare)
                .put("scale", Libm.pow(meanSquare + 1e-5, -0.5));
    }

    /**
     * The forward pass of one name, as Step 4's gpt(), every vector kept. Any transformer of
     * either fast engine will do: the guide's trained steps or a Playground run of any shape.
     */
    public static Trace trace(Tokenizer tok, FlatModel model, int step, String name) {
        GptConfig c = model.config();
        ParamLayout layout = model.layout();
        double[] p = model.parameters();
        int[] tokens = tok.encode(name);
        int n = Math.min(c.blockSize(), tokens.length - 1);
        int headDim = c.headDim();
        double scale = Libm.pow(headDim, 0.5);
        List<List<double[]>> keys = new ArrayList<>();
        List<List<double[]>> values = new ArrayList<>();
        for (int l = 0; l < c.nLayer(); l++) {
            keys.add(new ArrayList<>());
            values.add(new ArrayList<>());
        }
        List<Position> positions = new ArrayList<>();
        double lossSum = 0;
        for (int pos = 0; pos < n; pos++) {
            double[] te = row(p, layout.get("wte"), tokens[pos]);
            double[] pe = row(p, layout.get("wpe"), pos);
            double[] x = add(te, pe);
            Norm embeddingNorm = norm(x);
            x = embeddingNorm.after();
            List<Layer> layers = new ArrayList<>();
            for (int l = 0; l < c.nLayer(); l++) {
                String prefix = "layer" + l + ".";
                double[] residual = x;
                Norm nrm = norm(x);
                x = nrm.after();
                double[] q = linear(p, x, layout.get(prefix + "attn_wq"));
                double[] k = linear(p, x, layout.get(prefix + "attn_wk"));
                double[] v = linear(p, x, layout.get(prefix + "attn_wv"));
                keys.get(l).add(k);
                values.get(l).add(v);
                double[] xAttn = new double[c.nEmbd()];
                List<Head> heads = new ArrayList<>();
                for (int h = 0; h < c.nHead(); h++) {
                    int from = h * headDim;
                    int to = from + headDim;
                    double[] qHead = Arrays.copyOfRange(q, from, to);
                    int t = keys.get(l).size();
                    double[] logits = new double[t];
                    List<double[]> kHeads = new ArrayList<>();
                    List<double[]> vHeads = new ArrayList<>();
                    for (int s = 0; s < t; s++) {
                        kHeads.add(Arrays.copyOfRange(keys.get(l).get(s), from, to));
                        vHeads.add(Arrays.copyOfRange(values.get(l).get(s), from, to));
                        logits[s] = dot(qHead, kHeads.get(s)) / scale;
                    }
                    double[] weights = softmax(logits);
                    double[] out = new double[headDim];
                    for (int j = 0; j < headDim; j++) {
                        double sum = 0;
                        for (int s = 0; s < t; s++) sum += weights[s] * vHeads.get(s)[j];
                        out[j] = sum;
                        xAttn[from + j] = sum;
                    }
                    heads.add(new Head(h, from, to, qHead, kHeads, vHeads, logits, weights, out));
                }
                layers.add(new Layer(l, nrm, q, k, v, heads, xAttn));
                x = add(linear(p, xAttn, layout.get(prefix + "attn_wo")), residual);
                residual = x;
                x = norm(x).after();
                x = linear(p, x, layout.get(prefix + "mlp_fc1"));
                for (int i = 0; i < x.length; i++) x[i] = Math.max(0, x[i]);
                x = add(linear(p, x, layout.get(prefix + "mlp_fc2")), residual);
            }
            double[] probs = softmax(linear(p, x, layout.get("lm_head")));
            double loss = -Libm.log(probs[tokens[pos + 1]]);
            lossSum += loss;
            positions.add(new Position(pos, token(tok, tokens[pos]), token(tok, tokens[pos + 1]), te, pe, add(te, pe),
                    embeddingNorm, layers, probs, loss));
        }
        List<Token> vocabulary = new ArrayList<>();
        for (int id = 0; id < tok.vocabSize; id++) vocabulary.add(token(tok, id));
        return new Trace(step, name, c.nEmbd(), c.nHead(), c.nLayer(), headDim, c.blockSize(), vocabulary, positions,
                lossSum / n, "the cache at position t holds the k and v of positions 0..t of each layer (layers[l].k, layers[l].v)");
    }

    private static Token token(Tokenizer tok, int id) {
        return new Token(id, id == tok.bos ? "BOS" : tok.decode(id));
    }

    // ---- the formulas of Step 3 and Step 4, on plain numbers -----------------------------------

    private static double[] row(double[] p, ParamLayout.Tensor w, int i) {
        double[] r = new double[w.cols()];
        for (int j = 0; j < r.length; j++) r[j] = p[w.at(i, j)];
        return r;
    }

    private static double[] linear(double[] p, double[] x, ParamLayout.Tensor w) {
        double[] y = new double[w.rows()];
        for (int i = 0; i < y.length; i++) {
            double sum = 0;
            for (int j = 0; j < x.length; j++) sum += p[w.at(i, j)] * x[j];
            y[i] = sum;
        }
        return y;
    }

    private static double[] add(double[] a, double[] b) {
        double[] s = new double[a.length];
        for (int i = 0; i < s.length; i++) s[i] = a[i] + b[i];
        return s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) max = Math.max(max, l);
        double[] e = new double[logits.length];
        double total = 0;
        for (int i = 0; i < e.length; i++) {
            e[i] = Libm.exp(logits[i] - max);
            total += e[i];
        }
        for (int i = 0; i < e.length; i++) e[i] /= total;
        return e;
    }

    /** rmsnorm: x / sqrt(mean(x²) + 1e-5), with the RMS and the length before and after. */
    private static Norm norm(double[] x) {
        double scale = Libm.pow(dot(x, x) / x.length + 1e-5, -0.5);
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = x[i] * scale;
        return new Norm(x, y, Math.sqrt(dot(x, x) / x.length), Math.sqrt(dot(y, y) / y.length), Math.sqrt(dot(x, x)),
                Math.sqrt(dot(y, y)));
    }
}
