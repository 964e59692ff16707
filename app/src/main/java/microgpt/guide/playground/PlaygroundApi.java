package microgpt.guide.playground;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import microgpt.guide.Guide;
import microgpt.guide.RunData;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.guide.api.ApiErrors;
import microgpt.guide.api.ApiInput;
import microgpt.guide.api.Step345Api;
import microgpt.fast.FlatModel;
import microgpt.train.LanguageModel;
import microgpt.train.Trainer;
import microgpt.train.TrainingRun;

/**
 * The Playground's training over HTTP (see docs/PLAYGROUND.md):
 *
 * <ul>
 *   <li>{@code GET /api/train/stream?step=…&seed=…} with {@code Accept: text/event-stream}: checks
 *       every setting (400 and {@code {"error": …}} if one is wrong), claims one of two training
 *       slots (429 and {@code {"error": …}} if both are taken), then trains and streams server-sent
 *       events: {@code start}, {@code loss} (batches), {@code done}.
 *   <li>{@code POST /api/train/stop?id=run-N}: asks that run to stop; it still sends {@code done}
 *       with the names its model writes at that point.
 *   <li>{@code GET /api/train/sample?id=run-N&seed=X&count=K}: more names from a finished run's
 *       model, drawn with a fresh {@code PyRandom(X)} (the last few models are kept).
 *   <li>{@code GET /api/train/runs}: the kept runs, newest first, with their settings.
 *   <li>{@code GET /api/train/attention?id=run-N&name=emma}: the attention maps of a kept Step 3–5
 *       run for one name, as {@code /api/step345/attention} gives them for the guide's models.
 * </ul>
 *
 * A reader who leaves (closes the page) stops its training: the next batch fails to send and
 * the step listener answers false.
 */
public final class PlaygroundApi {

    /** How often the loss is sent: a batch at least every this many milliseconds (and at the end). */
    static final long BATCH_MILLIS = 50;
    /** No run trains longer than this; it then ends as if stopped, and says why. */
    public static final long MAX_SECONDS = 180;

    /** Sampling (after training, or "sample again") stops after this many seconds with the names it has. */
    static final long MAX_SAMPLE_SECONDS = 20;

    /** At most this many names per "sample again". */
    static final int MAX_SAMPLE_COUNT = 50;

    private PlaygroundApi() {}

    public static void register(RoutesConfig routes, Supplier<Guide> guide) {
        register(routes, guide, Trainings.SHARED);
    }

    static void register(RoutesConfig routes, Supplier<Guide> guide, Trainings trainings) {
        routes.get("/api/train/stream", ctx -> stream(ctx, guide, trainings));
        routes.post("/api/train/stop", ctx -> stop(ctx, trainings));
        routes.get("/api/train/sample", ctx -> sampleAgain(ctx, trainings));
        routes.get("/api/train/runs", ctx -> json(ctx, HttpStatus.OK, Map.of("runs", trainings.keptRuns().stream()
                .map(kept -> describe(kept.id(), kept.trained())).toList())));
        routes.get("/api/train/attention", ctx -> attention(ctx, trainings));
    }

    private static void stop(Context ctx, Trainings trainings) {
        String id = ctx.queryParam("id");
        if (id == null || id.isBlank()) throw new ApiErrors.BadRequest("id is required: the id of a run's start event");
        boolean found = trainings.requestStop(id);
        json(ctx, found ? HttpStatus.OK : HttpStatus.NOT_FOUND,
                found ? Map.of("stopping", id) : Map.of("error", "no running training has id " + id));
    }

    /** More names from a finished run's model, with a fresh random stream. */
    private static void sampleAgain(Context ctx, Trainings trainings) {
        Trainings.Trained trained = kept(ctx, trainings);
        if (trained == null) return;
        long seed = ApiInput.longParam(ctx, "seed", 1);
        int count = ApiInput.intParam(ctx, "count", 1, MAX_SAMPLE_COUNT, PlaygroundSettings.NUM_SAMPLES);
        PlaygroundSettings settings = trained.settings();
        SamplingBudget sampling = new SamplingBudget(() -> null);
        List<String> names;
        synchronized (trained.model()) {   // a tape model samples on its tape: one reader at a time
            names = Trainer.samples(trained.model(), trained.tokenizer(), new PyRandom(seed), settings.temperature(),
                    settings.choice().maxSampleLength(), count, sampling::more);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", ctx.queryParam("id"));
        answer.put("seed", seed);
        answer.put("samples", names);
        answer.put("samplesStopped", sampling.stopped());
        json(ctx, HttpStatus.OK, answer);
    }

    /** A finished Step 3–5 run's attention maps for one name, as the explorer draws them. */
    private static void attention(Context ctx, Trainings trainings) {
        Trainings.Trained trained = kept(ctx, trainings);
        if (trained == null) return;
        if (!trained.hasAttention()) {
            throw new ApiErrors.BadRequest("run " + ctx.queryParam("id") + " trained step " + trained.settings().step()
                    + ", which has no attention; train step 3, 4 or 5 to explore its heads");
        }
        String name = ApiInput.nameParam(ctx, "name", trained.tokenizer());
        Step345Api.Attention attention;
        synchronized (trained.model()) {
            FlatModel model = (FlatModel) trained.model();
            attention = Step345Api.attention(Step345Api.trace(trained.tokenizer(), model, trained.settings().step(), name));
        }
        json(ctx, HttpStatus.OK, attention);
    }

    /** The finished run that {@code id} names; null after answering 404 when it is not (or no longer) kept. */
    private static Trainings.Trained kept(Context ctx, Trainings trainings) {
        String id = ctx.queryParam("id");
        if (id == null || id.isBlank()) throw new ApiErrors.BadRequest("id is required: the id of a finished run");
        Trainings.Trained trained = trainings.trained(id).orElse(null);
        if (trained == null) {
            json(ctx, HttpStatus.NOT_FOUND, Map.of("error", "run " + id + " has not finished or was forgotten (the last "
                    + Trainings.MAX_KEPT + " are kept); train it again"));
        }
        return trained;
    }

    /** A kept run as /api/train/runs lists it. */
    private static Map<String, Object> describe(String id, Trainings.Trained trained) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("id", id);
        run.put("settings", trained.settings().describe());
        run.put("stepsTrained", trained.stepsTrained());
        run.put("finalLoss", Double.isNaN(trained.finalLoss()) ? null : trained.finalLoss());
        run.put("hasAttention", trained.hasAttention());
        return run;
    }

    private static void stream(Context ctx, Supplier<Guide> guide, Trainings trainings) throws Exception {
        PlaygroundSettings settings = PlaygroundSettings.read(ctx);
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new ApiErrors.BadRequest("this is a stream of server-sent events: send Accept: text/event-stream");
        }
        Trainings.Slot slot = trainings.tryClaim().orElse(null);
        if (slot == null) {
            ctx.header("Retry-After", "10");
            json(ctx, HttpStatus.TOO_MANY_REQUESTS, Map.of("error", "busy: " + Trainings.MAX_RUNNING
                    + " trainings are running (one per core); try again when one ends"));
            return;
        }
        List<String> docs = guide.get().numbers().docs();
        try {
            new SseHandler(client -> train(client, settings, trainings, slot, docs)).handle(ctx);
        } catch (Exception | Error e) {
            slot.close();
            throw e;
        }
    }

    /** Trains on the request's thread, sending the loss as it goes; always gives the slot back. */
    static void train(SseClient client, PlaygroundSettings settings, Trainings trainings, Trainings.Slot slot, List<String> docs) {
        try (slot) {
            LossBatches batches = new LossBatches(client);
            String[] stopped = {null};
            SamplingBudget sampling = new SamplingBudget(() -> client.terminated() ? "disconnected"
                    : stopped[0] == null && slot.stopRequested() ? "stopped" : null);
            long started = System.nanoTime();
            TrainingRun.ModelFactory factory = settings.choice().factory();
            LanguageModel[] trained = {null};
            Tokenizer[] vocabulary = {null};
            TrainingRun run = TrainingRun.execute(docs, settings.runSettings(), (tokenizer, rng) -> {
                        vocabulary[0] = tokenizer;
                        return trained[0] = factory.create(tokenizer, rng);
                    },
                    (numDocs, vocabSize, model) -> {
                        Map<String, Object> start = new LinkedHashMap<>();
                        start.put("id", slot.id());
                        start.put("settings", settings.describe());
                        start.put("numDocs", numDocs);
                        start.put("vocabSize", vocabSize);
                        start.put("numParams", model.parameterCount());
                        send(client, "start", start);
                    },
                    (step, numSteps, loss) -> {
                        slot.countStep();
                        boolean last = step == numSteps - 1;
                        batches.add(loss, last);
                        if (client.terminated()) stopped[0] = "disconnected";
                        else if (last) return true;   // a Stop from now on cuts the sampling
                        else if (slot.stopRequested()) stopped[0] = "stopped";
                        else if (System.nanoTime() - started > MAX_SECONDS * 1_000_000_000L) stopped[0] = "time limit";
                        return stopped[0] == null;
                    },
                    sampling::more);
            batches.flush();
            if (client.terminated()) return;
            double[] losses = run.losses();
            Trainings.Trained kept = new Trainings.Trained(trained[0], vocabulary[0], settings, losses.length,
                    losses.length == 0 ? Double.NaN : losses[losses.length - 1]);
            trainings.keep(slot.id(), kept);
            Map<String, Object> done = new LinkedHashMap<>();
            done.put("id", slot.id());
            done.put("steps", losses.length);
            done.put("finalLoss", losses.length == 0 ? null : losses[losses.length - 1]);
            done.put("stopped", stopped[0]);
            done.put("samples", run.samples());
            done.put("samplesStopped", sampling.stopped());
            done.put("trainMillis", run.trainNanos() / 1_000_000);
            done.put("sampleMillis", run.sampleNanos() / 1_000_000);
            done.put("hasAttention", kept.hasAttention());
            send(client, "done", done);
        } catch (RuntimeException e) {
            if (!client.terminated()) send(client, "failed", Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    /**
     * Whether to draw one more name: not after {@link #MAX_SAMPLE_SECONDS} of sampling, nor once
     * {@code stop} names a reason (the reader left or pressed Stop). A model of the largest shape
     * writing 256-letter names would otherwise sample for minutes, holding its slot.
     */
    static final class SamplingBudget {
        private final java.util.function.Supplier<String> stop;
        private long started;
        private String stopped;

        SamplingBudget(java.util.function.Supplier<String> stop) {
            this.stop = stop;
        }

        boolean more() {
            long now = System.nanoTime();
            if (started == 0) started = now;
            if (stopped == null) stopped = stop.get();
            if (stopped == null && now - started > MAX_SAMPLE_SECONDS * 1_000_000_000L) stopped = "time limit";
            return stopped == null;
        }

        /** Why sampling ended early, or null if every name was drawn. */
        String stopped() {
            return stopped;
        }
    }

    /** The losses not yet sent; sent as one {@code loss} event every {@link #BATCH_MILLIS} ms. */
    private static final class LossBatches {
        private final SseClient client;
        private final List<Double> pending = new ArrayList<>();
        private int sent;
        private long lastSent = System.nanoTime();

        LossBatches(SseClient client) {
            this.client = client;
        }

        void add(double loss, boolean last) {
            pending.add(loss);
            if (last || System.nanoTime() - lastSent >= BATCH_MILLIS * 1_000_000) flush();
        }

        void flush() {
            if (pending.isEmpty()) return;
            send(client, "loss", Map.of("from", sent, "losses", List.copyOf(pending)));
            sent += pending.size();
            pending.clear();
            lastSent = System.nanoTime();
        }
    }

    private static void send(SseClient client, String event, Object data) {
        client.sendEvent(event, new String(RunData.toJson(data), StandardCharsets.UTF_8));
    }

    private static void json(Context ctx, HttpStatus status, Object body) {
        ctx.status(status).contentType("application/json").result(RunData.toJson(body));
    }
}
