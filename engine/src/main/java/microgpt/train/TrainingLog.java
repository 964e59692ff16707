package microgpt.train;

import microgpt.data.PyFormat;

/** The lines a training run prints, character for character as the Python scripts print them. */
public final class TrainingLog {

    private TrainingLog() {}

    public static final String INFERENCE_HEADER = "--- inference (new, hallucinated names) ---";

    public static String numDocs(int count) { return "num docs: " + count; }

    public static String vocabSize(int size) { return "vocab size: " + size; }

    public static String numParams(int count) { return "num params: " + count; }

    /** {@code f"step {s+1:4d} / {num_steps:4d} | loss {loss:.4f}"} */
    public static String stepLine(int step, int numSteps, double loss) {
        return "step " + PyFormat.padded(step + 1, 4) + " / " + PyFormat.padded(numSteps, 4)
                + " | loss " + PyFormat.fixed(loss, 4);
    }

    /** {@code f"sample {i+1:2d}: {name}"} */
    public static String sampleLine(int index, String name) {
        return "sample " + PyFormat.padded(index + 1, 2) + ": " + name;
    }
}
