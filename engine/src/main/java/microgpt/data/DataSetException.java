package microgpt.data;

/** The data set could not be found, read or trusted. The message says what to do about it. */
public final class DataSetException extends RuntimeException {
    public DataSetException(String message) {
        super(message);
    }

    public DataSetException(String message, Throwable cause) {
        super(message, cause);
    }
}
