package microgpt.guide.playground;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import microgpt.data.Tokenizer;
import microgpt.fast.FlatModel;
import microgpt.train.LanguageModel;

/**
 * The Playground's trainings in this process: at most {@link #MAX_RUNNING} at once (one per core
 * of the machine it was built for), each with a stop flag a {@code POST /api/train/stop} can set.
 * It also counts what happened, so tests can see a training thread end when its reader leaves.
 */
public final class Trainings {

    public static final int MAX_RUNNING = 2;

    /** The process-wide instance the server uses. */
    public static final Trainings SHARED = new Trainings(MAX_RUNNING);

    private final Semaphore slots;
    private final Map<String, AtomicBoolean> stopFlags = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong stepsTaken = new AtomicLong();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<String, Trained> kept = new LinkedHashMap<>(16, 0.75f, true);   // least recently used first

    /** How many trained models are kept for "sample again"; older ones are forgotten. */
    public static final int MAX_KEPT = 8;

    /**
     * A finished run's model, kept so the reader can ask it for more names or look inside it;
     * {@code stepsTrained} may be fewer than the settings asked for when the run was stopped.
     */
    public record Trained(LanguageModel model, Tokenizer tokenizer, PlaygroundSettings settings, int stepsTrained,
                          double finalLoss) {

        /** A transformer of a fast engine (steps 3–5): its attention can be traced. */
        public boolean hasAttention() {
            return model instanceof FlatModel flat && flat.config() != null;
        }
    }

    /** A kept run as the run list shows it. */
    public record Kept(String id, Trained trained) {}

    Trainings(int maxRunning) {
        this.slots = new Semaphore(maxRunning);
    }

    /** A claimed slot: close it when the training ends, however it ends. */
    public final class Slot implements AutoCloseable {
        private final String id = "run-" + nextId.getAndIncrement();
        private final AtomicBoolean stop = new AtomicBoolean();

        private Slot() {
            stopFlags.put(id, stop);
            running.incrementAndGet();
        }

        public String id() { return id; }

        public boolean stopRequested() { return stop.get(); }

        void countStep() { stepsTaken.incrementAndGet(); }

        @Override
        public void close() {
            if (stopFlags.remove(id) != null) {
                running.decrementAndGet();
                slots.release();
            }
        }
    }

    /** A slot if one is free now; empty means "busy, try again" (no waiting: the reader decides). */
    public Optional<Slot> tryClaim() {
        return slots.tryAcquire() ? Optional.of(new Slot()) : Optional.empty();
    }

    /** Asks a running training to stop after its current step; false if there is no such run. */
    public boolean requestStop(String id) {
        AtomicBoolean flag = stopFlags.get(id);
        if (flag == null) return false;
        flag.set(true);
        return true;
    }

    /** Keeps a finished run's model (forgetting the least recently used beyond {@link #MAX_KEPT}). */
    public synchronized void keep(String id, Trained trained) {
        kept.put(id, trained);
        while (kept.size() > MAX_KEPT) kept.remove(kept.keySet().iterator().next());
    }

    /** A kept model, if this run finished and is not yet forgotten. */
    public synchronized Optional<Trained> trained(String id) {
        return Optional.ofNullable(kept.get(id));
    }

    /** The kept runs, the most recently finished first (listing them does not count as using them). */
    public synchronized List<Kept> keptRuns() {
        List<Kept> runs = new ArrayList<>();
        kept.forEach((id, trained) -> runs.add(new Kept(id, trained)));
        runs.sort(Comparator.comparingLong((Kept k) -> runNumber(k.id())).reversed());
        return runs;
    }

    private static long runNumber(String id) {
        return Long.parseLong(id.substring("run-".length()));
    }

    /** How many trainings hold a slot right now. */
    public int running() { return running.get(); }

    /** Training steps taken by every run so far (for tests: it stops growing once all runs end). */
    public long stepsTaken() { return stepsTaken.get(); }
}
