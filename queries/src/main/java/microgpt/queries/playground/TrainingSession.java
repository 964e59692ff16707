package microgpt.queries.playground;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import microgpt.data.Tokenizer;
import microgpt.queries.JsonObject;
import microgpt.train.LanguageModel;
import microgpt.train.Trainer;
import microgpt.train.TrainingRun;

/**
 * One Playground run, trained a slice at a time: {@link #advance} trains (and then samples) for
 * a few milliseconds and returns what happened as events, so the browser's worker can hand
 * control back between slices (to hear a Stop, to post the losses to the page). The events are
 * the ones the Playground draws: {@code loss} (a batch of losses, from step {@code from}) and
 * {@code done}.
 *
 * <p>The arithmetic is {@link TrainingRun}'s, in its order: the same shuffle, the same weights,
 * {@link Trainer#trainStep} step by step, then {@link Trainer#sample} name by name from the same
 * random stream, so a run here prints what {@code microgpt train} prints for the same settings.
 */
final class TrainingSession {

    /** Sampling stops after this many seconds with the names it has: a barely trained big model writes long names slowly. */
    static final long MAX_SAMPLE_SECONDS = 20;

    private enum Phase { TRAINING, SAMPLING, DONE }

    final String id;
    final PlaygroundSettings settings;
    private final TrainingRun.Start run;
    private final double[] losses;
    private int stepsDone;
    private final List<String> samples = new ArrayList<>();
    private Phase phase = Phase.TRAINING;
    private String stopped;            // why training ended early: "stopped", "diverged"; null when it ran to the end
    private String samplesStopped;     // why sampling ended early: "stopped", "time limit"
    private boolean stopRequested;
    private long trainNanos;
    private long sampleNanos;

    TrainingSession(String id, PlaygroundSettings settings, List<String> docs) {
        this.id = id;
        this.settings = settings;
        this.run = TrainingRun.start(docs, settings.seed(), settings.choice().factory());
        this.losses = new double[settings.numSteps()];
    }

    LanguageModel model() {
        return run.model();
    }

    Tokenizer tokenizer() {
        return run.tokenizer();
    }

    /** The {@code start} event: the run's id, settings and size. */
    JsonObject startEvent(long memoryBytes) {
        return new JsonObject().put("event", "start").put("id", id).put("settings", settings.describe())
                .put("numDocs", run.shuffled().size()).put("vocabSize", run.tokenizer().vocabSize)
                .put("numParams", run.model().parameterCount()).put("memoryBytes", memoryBytes);
    }

    /** Asks the run to stop after its current step (or, once training is over, to stop sampling). */
    void requestStop() {
        stopRequested = true;
    }

    boolean finished() {
        return phase == Phase.DONE;
    }

    /** Works for about {@code millis} milliseconds (at least one step) and returns the events of that slice. */
    JsonObject advance(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        List<JsonObject> events = new ArrayList<>();
        if (phase == Phase.TRAINING) train(deadline, events);
        if (phase == Phase.SAMPLING && System.nanoTime() < deadline) sample(deadline);
        if (phase == Phase.DONE) events.add(doneEvent());
        return new JsonObject().put("events", events);
    }

    private void train(long deadline, List<JsonObject> events) {
        int from = stepsDone;
        long started = System.nanoTime();
        do {
            if (stopRequested) {
                stopped = "stopped";
                break;
            }
            double loss = Trainer.trainStep(run.model(), run.shuffled(), run.tokenizer(), stepsDone, losses.length);
            losses[stepsDone++] = loss;
            if (!Double.isFinite(loss)) {
                stopped = "diverged";
                break;
            }
        } while (stepsDone < losses.length && System.nanoTime() < deadline);
        trainNanos += System.nanoTime() - started;
        if (stepsDone > from) {
            events.add(new JsonObject().put("event", "loss").put("from", from)
                    .put("losses", Arrays.copyOfRange(losses, from, stepsDone)));
        }
        if (stopped != null || stepsDone == losses.length) {
            stopRequested = false;   // a Stop from here on cuts the sampling
            phase = "diverged".equals(stopped) || stepsDone == 0 ? Phase.DONE : Phase.SAMPLING;
        }
    }

    private void sample(long deadline) {
        long started = System.nanoTime();
        PlaygroundSettings s = settings;
        while (samples.size() < PlaygroundSettings.NUM_SAMPLES) {
            if (stopRequested) {
                samplesStopped = "stopped";
                break;
            }
            if (sampleNanos + (System.nanoTime() - started) > MAX_SAMPLE_SECONDS * 1_000_000_000L) {
                samplesStopped = "time limit";
                break;
            }
            if (System.nanoTime() >= deadline) {
                sampleNanos += System.nanoTime() - started;
                return;
            }
            samples.add(Trainer.sample(run.model(), run.tokenizer(), run.rng(), s.temperature(), s.choice().maxSampleLength()));
        }
        sampleNanos += System.nanoTime() - started;
        phase = Phase.DONE;
    }

    /** The final event: how far it got, why it stopped, the names its model writes, the times. */
    private JsonObject doneEvent() {
        double[] trained = trainedLosses();
        JsonObject done = new JsonObject().put("event", "done").put("id", id).put("steps", trained.length)
                .put("lastLoss", trained.length == 0 ? null : trained[trained.length - 1])
                .put("averageLoss", averageOfLast(trained, AVERAGE_OVER))
                .put("stopped", stopped).put("samples", samples).put("samplesStopped", samplesStopped)
                .put("trainMillis", trainNanos / 1_000_000).put("sampleMillis", sampleNanos / 1_000_000)
                .put("hasAttention", Playground.hasAttention(run.model()));
        if ("diverged".equals(stopped)) {
            done.put("error", "the loss stopped being a number at step " + trained.length
                    + " (the weights overflowed): training stopped there; try a lower learning rate");
        }
        return done;
    }

    /** "The loss" of a run, as the guide reports it everywhere: the mean of its last 100 steps' losses (one name's loss is noisy). */
    static final int AVERAGE_OVER = 100;

    static Double averageOfLast(double[] values, int n) {
        if (values.length == 0) return null;
        double sum = 0;
        int from = Math.max(0, values.length - n);
        for (int i = from; i < values.length; i++) sum += values[i];
        return sum / (values.length - from);
    }

    /** The losses of the steps trained so far. */
    double[] trainedLosses() {
        return Arrays.copyOf(losses, stepsDone);
    }

    /** The whole run as {@link TrainingRun} reports it, once done (for the log {@code microgpt train} prints). */
    TrainingRun asRun() {
        return new TrainingRun(run.shuffled().size(), run.tokenizer().vocabSize, run.model().parameterCount(),
                trainedLosses(), List.copyOf(samples), trainNanos, sampleNanos);
    }
}
