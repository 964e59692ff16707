package microgpt.fast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import microgpt.data.PyRandom;
import microgpt.steps.GptConfig;

/**
 * Where each parameter matrix lives in one flat array: the matrices in initialisation order
 * (the order the readable steps draw them), each row-major, so slot {@code offset + i·cols + j}
 * holds {@code W[i][j]} and filling the array front to back with gauss draws reproduces the
 * readable engine's initial weights.
 */
public final class ParamLayout {

    /** One named matrix: rows × cols numbers starting at offset. */
    public record Tensor(String name, int rows, int cols, int offset) {
        public int size() {
            return rows * cols;
        }

        /** The slot of W[i][j]. */
        public int at(int i, int j) {
            return offset + i * cols + j;
        }
    }

    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private int size;

    private ParamLayout() {}

    private ParamLayout add(String name, int rows, int cols) {
        tensors.put(name, new Tensor(name, rows, cols, size));
        size += rows * cols;
        return this;
    }

    /** Steps 1 and 2: wte, mlp_fc1, mlp_fc2. */
    public static ParamLayout mlp(int vocabSize, int nEmbd) {
        return new ParamLayout()
                .add("wte", vocabSize, nEmbd)
                .add("mlp_fc1", 4 * nEmbd, nEmbd)
                .add("mlp_fc2", vocabSize, 4 * nEmbd);
    }

    /**
     * Steps 3 to 5: wte, wpe, lm_head, then per layer attn_wq, attn_wk, attn_wv, attn_wo,
     * mlp_fc1, mlp_fc2, named {@code layer0.attn_wq} … as in Step 4 (Step 3's single layer too).
     */
    public static ParamLayout transformer(int vocabSize, GptConfig config) {
        int e = config.nEmbd();
        ParamLayout layout = new ParamLayout()
                .add("wte", vocabSize, e)
                .add("wpe", config.blockSize(), e)
                .add("lm_head", vocabSize, e);
        for (int layer = 0; layer < config.nLayer(); layer++) {
            String p = "layer" + layer + ".";
            layout.add(p + "attn_wq", e, e).add(p + "attn_wk", e, e).add(p + "attn_wv", e, e).add(p + "attn_wo", e, e)
                    .add(p + "mlp_fc1", 4 * e, e).add(p + "mlp_fc2", e, 4 * e);
        }
        return layout;
    }

    /** Draws every parameter from gauss(0, 0.08), matrix by matrix, row by row. */
    public double[] initialise(PyRandom rng) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) values[i] = rng.gauss(0, 0.08);
        return values;
    }

    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) throw new IllegalArgumentException("no parameter matrix named " + name);
        return t;
    }

    public List<Tensor> tensors() {
        return Collections.unmodifiableList(new ArrayList<>(tensors.values()));
    }

    /** Numbers in all matrices together. */
    public int size() {
        return size;
    }
}
