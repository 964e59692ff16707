package microgpt.steps;

/**
 * The shape of a transformer: embedding width, heads, layers, context length. The checks keep a
 * typo from asking for a model that cannot be built or would not fit in memory.
 */
public record GptConfig(int nEmbd, int nHead, int nLayer, int blockSize) {

    public static final GptConfig MICROGPT = new GptConfig(16, 4, 1, 16);

    public static final int MAX_EMBD = 512;
    public static final int MAX_HEADS = 64;
    public static final int MAX_LAYERS = 16;
    public static final int MAX_BLOCK_SIZE = 256;

    public GptConfig {
        requireInRange("n_embd", nEmbd, 1, MAX_EMBD);
        requireInRange("n_head", nHead, 1, MAX_HEADS);
        requireInRange("n_layer", nLayer, 1, MAX_LAYERS);
        requireInRange("block_size", blockSize, 1, MAX_BLOCK_SIZE);
        if (nEmbd % nHead != 0) {
            throw new IllegalArgumentException("n_embd (" + nEmbd + ") must be divisible by n_head (" + nHead + ")");
        }
    }

    public int headDim() {
        return nEmbd / nHead;
    }

    private static void requireInRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
