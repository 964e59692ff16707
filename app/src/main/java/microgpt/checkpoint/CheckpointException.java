package microgpt.checkpoint;

/**
 * A checkpoint that cannot be read or does not fit the model it describes. An
 * IllegalArgumentException, so the command line reports it as bad input: one line, exit code 2.
 */
public final class CheckpointException extends IllegalArgumentException {

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
