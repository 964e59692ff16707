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

    /** What training holds, for the message. */
    static final String TO_TRAIN = "to train (parameters, gradients, optimizer state and activations)";

    /** What sampling from a checkpoint holds, for the message. */
    static final String TO_SAMPLE = "to load and sample (the file, its parameters and the model's buffers)";

    /** Refuses a need larger than the budget of a heap of {@code maxHeap} bytes. */
    static void require(long needed, long maxHeap, String what, String shrink) {
        long budget = bytes(maxHeap);
        if (needed <= budget) return;
        throw new IllegalArgumentException("this model needs about " + megabytes(needed) + " MB " + what
                + "; this Java allows " + megabytes(budget) + " MB (half of its "
                + megabytes(maxHeap) + " MB heap): " + shrink + "give Java more memory (MICROGPT_JAVA_OPTS=-Xmx"
                + Math.max(1, (2 * needed + (1L << 30) - 1) >> 30) + "g)");
    }

    static void require(long needed, long maxHeap, String shrink) {
        require(needed, maxHeap, TO_TRAIN, shrink + ", or ");
    }

    static void require(long needed, String shrink) {
        require(needed, Runtime.getRuntime().maxMemory(), shrink);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,d", (bytes + (1 << 20) - 1) >> 20);
    }
}
