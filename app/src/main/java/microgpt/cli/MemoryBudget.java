package microgpt.cli;

import java.util.Locale;

/**
 * How much memory a command may plan to hold: a fixed fraction of the heap this Java may grow to.
 * The rest is for the names, the JIT and the JVM itself. A model whose estimate
 * ({@link microgpt.fast.EngineChoice.Choice#memoryBytes}) is larger is refused before any work,
 * with a line that names both numbers and what to do, instead of an OutOfMemoryError minutes later.
 */
final class MemoryBudget {

    /** Half the heap: the estimate is rough, and the garbage collector needs room to move. */
    static final double FRACTION = 0.5;

    private MemoryBudget() {}

    /** The budget of this process. */
    static long bytes() {
        return bytes(Runtime.getRuntime().maxMemory());
    }

    static long bytes(long maxHeap) {
        return (long) (maxHeap * FRACTION);
    }

    /** Refuses a need larger than the budget of a heap of {@code maxHeap} bytes. */
    static void require(long needed, long maxHeap, String shrink) {
        long budget = bytes(maxHeap);
        if (needed <= budget) return;
        throw new IllegalArgumentException("this model needs about " + megabytes(needed) + " MB to train (parameters, gradients, "
                + "optimizer state and activations); this Java allows " + megabytes(budget) + " MB (half of its "
                + megabytes(maxHeap) + " MB heap): " + shrink + ", or give Java more memory (MICROGPT_JAVA_OPTS=-Xmx"
                + Math.max(1, (2 * needed + (1L << 30) - 1) >> 30) + "g)");
    }

    static void require(long needed, String shrink) {
        require(needed, Runtime.getRuntime().maxMemory(), shrink);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,d", (bytes + (1 << 20) - 1) >> 20);
    }
}
