package microgpt.train;

import java.util.ArrayList;
import java.util.List;
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

    /** The whole log of a finished run, as the Python script prints it (steps 1–5 also print the parameter count). */
    public static List<String> lines(int step, TrainingRun run) {
        List<String> lines = new ArrayList<>();
        lines.add(numDocs(run.numDocs()));
        lines.add(vocabSize(run.vocabSize()));
        if (step > 0) lines.add(numParams(run.numParams()));
        for (int s = 0; s < run.losses().length; s++) lines.add(stepLine(s, run.losses().length, run.losses()[s]));
        lines.add("");
        lines.add(INFERENCE_HEADER);
        for (int i = 0; i < run.samples().size(); i++) lines.add(sampleLine(i, run.samples().get(i)));
        return lines;
    }
}
