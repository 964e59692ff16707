package microgpt.queries;

import java.util.function.Supplier;

/**
 * A value computed on first use, at most once, however many threads ask at the same time.
 * The guide's engine runs take seconds each; a page must never start the same one twice.
 */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> compute;
    private volatile T value;

    private Lazy(Supplier<T> compute) {
        this.compute = compute;
    }

    public static <T> Lazy<T> of(Supplier<T> compute) {
        return new Lazy<>(compute);
    }

    @Override
    public T get() {
        T result = value;
        if (result == null) {
            synchronized (this) {
                result = value;
                if (result == null) {
                    result = compute.get();
                    value = result;
                }
            }
        }
        return result;
    }

    public boolean isComputed() {
        return value != null;
    }
}
