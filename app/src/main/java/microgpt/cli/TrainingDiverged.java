package microgpt.cli;

import microgpt.data.PyFormat;

/**
 * The loss stopped being a finite number: the weights have overflowed, and every later step and
 * sample would be garbage (sampling failed with "weights must sum to a positive finite number").
 * Training stops at that step, nothing is written, and the line says what to try.
 *
 * <p>Exit code 1, not 2: the options were valid; the run they asked for failed.
 */
final class TrainingDiverged extends RuntimeException {

    static final int EXIT_CODE = 1;

    private TrainingDiverged(String message) {
        super(message);
    }

    /** Throws at the first step (1-based) whose loss is not finite. */
    static void check(long step, double loss, double learningRate, double stepsOwnRate) {
        if (Double.isFinite(loss)) return;
        throw new TrainingDiverged("training diverged at step " + step + ": the loss became "
                + (Double.isNaN(loss) ? "NaN (not a number)" : "infinite") + " with learning rate " + PyFormat.repr(learningRate)
                + ", so training stopped and no file was written; try a lower --learning-rate (this step's own is "
                + PyFormat.repr(stepsOwnRate) + ")");
    }
}
