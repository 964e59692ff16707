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

    /** At most this many names per "sample again". */
    static final int MAX_SAMPLE_COUNT = 50;

    private PlaygroundApi() {}

    public static void register(RoutesConfig routes, Supplier<Guide> guide) {
        register(routes, guide, Trainings.SHARED);
    }

    static void register(RoutesConfig routes, Supplier<Guide> guide, Trainings trainings) {
        routes.get("/api/train/stream", ctx -> stream(ctx, guide, trainings));
        routes.post("/api/train/stop", ctx -> {
            String id = ctx.queryParam("id");
            if (id == null || id.isBlank()) throw new ApiErrors.BadRequest("id is required: the id of a run's start event");
            boolean found = trainings.requestStop(id);
            json(ctx, found ? HttpStatus.OK : HttpStatus.NOT_FOUND,
                    found ? Map.of("stopping", id) : Map.of("error", "no running training has id " + id));
        });
        routes.get("/api/train/sample", ctx -> {
            String id = ctx.queryParam("id");
            if (id == null || id.isBlank()) throw new ApiErrors.BadRequest("id is required: the id of a finished run");
            long seed = ApiInput.longParam(ctx, "seed", 1);
            int count = ApiInput.intParam(ctx, "count", 1, MAX_SAMPLE_COUNT, PlaygroundSettings.NUM_SAMPLES);
            Trainings.Trained trained = trainings.trained(id).orElse(null);
            if (trained == null) {
                json(ctx, HttpStatus.NOT_FOUND, Map.of("error", "run " + id + " has not finished or was forgotten (the last "
                        + Trainings.MAX_KEPT + " are kept); train it again"));
                return;
            }
            List<String> names = Trainer.samples(trained.model(), trained.tokenizer(), new PyRandom(seed),
                    trained.temperature(), trained.maxSampleLength(), count);
            json(ctx, HttpStatus.OK, Map.of("id", id, "seed", seed, "samples", names));
        });
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
                        batches.add(loss, step == numSteps - 1);
                        if (client.terminated()) stopped[0] = "disconnected";
                        else if (slot.stopRequested()) stopped[0] = "stopped";
                        else if (System.nanoTime() - started > MAX_SECONDS * 1_000_000_000L) stopped[0] = "time limit";
                        return stopped[0] == null;
                    });
            batches.flush();
            if (client.terminated()) return;
            trainings.keep(slot.id(), new Trainings.Trained(trained[0], vocabulary[0], settings.temperature(),
                    settings.choice().maxSampleLength()));
            Map<String, Object> done = new LinkedHashMap<>();
            done.put("id", slot.id());
            done.put("steps", run.losses().length);
            done.put("finalLoss", run.losses().length == 0 ? null : run.losses()[run.losses().length - 1]);
            done.put("stopped", stopped[0]);
            done.put("samples", run.samples());
            done.put("trainMillis", run.trainNanos() / 1_000_000);
            done.put("sampleMillis", run.sampleNanos() / 1_000_000);
            send(client, "done", done);
        } catch (RuntimeException e) {
            if (!client.terminated()) send(client, "failed", Map.of("error", String.valueOf(e.getMessage())));
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
