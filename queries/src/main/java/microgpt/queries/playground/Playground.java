package microgpt.queries.playground;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import microgpt.data.PyRandom;
import microgpt.fast.FlatModel;
import microgpt.queries.BadRequest;
import microgpt.queries.GuideData;
import microgpt.queries.JsonObject;
import microgpt.queries.Params;
import microgpt.queries.Step345Queries;
import microgpt.queries.WidgetQueries;
import microgpt.train.CPythonReference;
import microgpt.train.LanguageModel;
import microgpt.train.Trainer;
import microgpt.train.TrainingLog;

/**
 * The Playground's runs, trained where the reader is: in the browser's worker, a slice at a time.
 * Its queries, added to the {@link WidgetQueries} of the browser build:
 *
 * <ul>
 *   <li>{@code train/start} (the {@link PlaygroundSettings}): checks the settings and the memory
 *       the shape needs, and answers the {@code start} event;</li>
 *   <li>{@code train/advance?id&millis}: trains (then samples) for about that long and answers
 *       {@code {"events": [...]}}: {@code loss} batches, then {@code done};</li>
 *   <li>{@code train/stop?id}: the run stops after its current step;</li>
 *   <li>{@code train/sample?id&seed&count}: more names from a finished run;</li>
 *   <li>{@code train/runs}: the kept runs, newest first;</li>
 *   <li>{@code train/attention?id&name}: a finished Step 3–5 run's attention maps for one name;</li>
 *   <li>{@code train/compare?id}: a finished seeded run's log held against the CPython reference
 *       (the "run it yourself" button on each step's last page).</li>
 * </ul>
 */
public final class Playground {

    /** How many runs are kept (the least recently used is forgotten first). */
    public static final int MAX_KEPT = 8;

    /** The most memory one run may ask for: a browser tab must hold it along with the page. */
    public static final long MEMORY_BUDGET = 256L << 20;

    /** At most this many names per "sample again". */
    static final int MAX_SAMPLE_COUNT = 50;

    private final GuideData data;
    private final Map<String, TrainingSession> runs = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Integer, Reference> references = new LinkedHashMap<>();
    private int nextId = 1;

    /** What the CPython reference printed for a step: its log and every loss. */
    private record Reference(List<String> log, double[] losses) {}

    public Playground(GuideData data) {
        this.data = data;
    }

    /** Adds the Playground's queries to the widget queries. */
    public void addTo(WidgetQueries queries) {
        queries.add("train/start", PlaygroundSettings.PARAMETERS, in -> start(PlaygroundSettings.read(in)));
        queries.add("train/advance", Set.of("id", "millis"), in -> run(in).advance(in.integer("millis", 1, 1000, 50)));
        queries.add("train/stop", Set.of("id"), in -> {
            TrainingSession run = run(in);
            run.requestStop();
            return new JsonObject().put("stopping", run.id);
        });
        queries.add("train/sample", Set.of("id", "seed", "count"), this::sampleAgain);
        queries.add("train/runs", Set.of(), in -> keptRuns());
        queries.add("train/attention", Set.of("id", "name"), this::attention);
        queries.add("train/compare", Set.of("id"), this::compare);
    }

    /** The reference's files for a step, which the browser fetches and hands over ({@code api/reference/stepN.log|.losses}). */
    public void loadReference(int step, String log, String losses) {
        references.put(step, new Reference(List.of(log.split("\\r?\\n")), CPythonReference.parseLosses(losses)));
    }

    /** The site paths of a step's reference files. */
    public static String referenceFile(int step, String extension) {
        return "api/reference/step" + step + "." + extension;
    }

    // ---- starting, training, stopping --------------------------------------------------------

    private JsonObject start(PlaygroundSettings settings) {
        long bytes = settings.choice().memoryBytes(data.tokenizer().vocabSize);
        if (bytes > MEMORY_BUDGET) {
            throw new BadRequest("this shape needs about " + megabytes(bytes) + " MB to train (parameters, gradients, optimizer "
                    + "state and activations); the Playground allows " + megabytes(MEMORY_BUDGET) + " MB in a browser tab: "
                    + "make n_embd, n_layer or block_size smaller");
        }
        TrainingSession run = new TrainingSession("run-" + nextId++, settings, data.docs());
        runs.put(run.id, run);
        forgetOldRuns();
        return run.startEvent(bytes);
    }

    private static long megabytes(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    private void forgetOldRuns() {
        Iterator<TrainingSession> oldestFirst = runs.values().iterator();
        int excess = runs.size() - MAX_KEPT;
        while (excess > 0 && oldestFirst.hasNext()) {
            oldestFirst.next();
            oldestFirst.remove();
            excess--;
        }
    }

    private TrainingSession run(Params in) {
        String id = in.text("id", "");
        if (id.isBlank()) throw new BadRequest("id is required: the id of a run's start event");
        TrainingSession run = runs.get(id);
        if (run == null) {
            throw new BadRequest("there is no run " + Params.shorten(id) + " (the last " + MAX_KEPT + " are kept); train it again");
        }
        return run;
    }

    private TrainingSession finishedRun(Params in) {
        TrainingSession run = run(in);
        if (!run.finished()) throw new BadRequest("run " + run.id + " is still training");
        return run;
    }

    // ---- after training ----------------------------------------------------------------------

    /** More names from a finished run's model, with a fresh random stream. */
    private JsonObject sampleAgain(Params in) {
        TrainingSession run = finishedRun(in);
        long seed = in.seed("seed", 1);
        int count = in.integer("count", 1, MAX_SAMPLE_COUNT, PlaygroundSettings.NUM_SAMPLES);
        PyRandom rng = new PyRandom(seed);
        List<String> names = new ArrayList<>();
        String stopped = null;
        long started = System.nanoTime();
        while (names.size() < count) {
            if (System.nanoTime() - started > TrainingSession.MAX_SAMPLE_SECONDS * 1_000_000_000L) {
                stopped = "time limit";
                break;
            }
            names.add(Trainer.sample(run.model(), run.tokenizer(), rng, run.settings.temperature(),
                    run.settings.choice().maxSampleLength()));
        }
        return new JsonObject().put("id", run.id).put("seed", seed).put("samples", names).put("samplesStopped", stopped);
    }

    private JsonObject keptRuns() {
        List<JsonObject> kept = new ArrayList<>();
        for (TrainingSession run : runs.values()) {
            if (!run.finished()) continue;
            double[] losses = run.trainedLosses();
            kept.add(new JsonObject().put("id", run.id).put("settings", run.settings.describe())
                    .put("stepsTrained", losses.length)
                    .put("averageLoss", TrainingSession.averageOfLast(losses, TrainingSession.AVERAGE_OVER))
                    .put("hasAttention", hasAttention(run.model())));
        }
        kept.sort((a, b) -> Integer.compare(number(b), number(a)));
        return new JsonObject().put("runs", kept);
    }

    private static int number(JsonObject run) {
        return Integer.parseInt(((String) run.get("id")).substring("run-".length()));
    }

    /** A transformer of a fast engine (steps 3–5): its attention can be traced. */
    static boolean hasAttention(LanguageModel model) {
        return model instanceof FlatModel flat && flat.config() != null;
    }

    private JsonObject attention(Params in) {
        TrainingSession run = finishedRun(in);
        if (!hasAttention(run.model())) {
            throw new BadRequest("run " + run.id + " trained step " + run.settings.step()
                    + ", which has no attention; train step 3, 4 or 5 to explore its heads");
        }
        String name = in.requiredName("name", run.tokenizer());
        return Step345Queries.attention(Step345Queries.trace(run.tokenizer(), (FlatModel) run.model(), run.settings.step(), name)).json();
    }

    /**
     * A finished run held against the CPython reference, as the proof of fidelity on each step's
     * last page holds the server's: the two logs line by line and every loss at full precision.
     */
    private JsonObject compare(Params in) {
        TrainingSession run = finishedRun(in);
        int step = run.settings.step();
        Reference reference = references.get(step);
        if (reference == null) throw new microgpt.queries.SiteData.Missing(referenceFile(step, "log"));
        List<String> javaLog = TrainingLog.lines(step, run.asRun());
        CPythonReference.Comparison c = CPythonReference.compare(step, reference.log(), reference.losses(), javaLog, run.trainedLosses());
        return new JsonObject().put("step", step).put("logsIdentical", c.logsIdentical())
                .put("referenceLines", c.referenceLines()).put("javaLines", c.javaLines()).put("identicalLines", c.identicalLines())
                .put("firstDifferentLine", c.firstDifferentLine()).put("referenceLine", c.referenceLine()).put("javaLine", c.javaLine())
                .put("losses", c.losses()).put("maxLossDifference", c.maxLossDifference()).put("firstDifferentLoss", c.firstDifferentLoss())
                .put("trainMillis", run.asRun().trainNanos() / 1_000_000)
                .put("excerpt", excerpt(reference.log(), javaLog, CPythonReference.excerptLines(step, run.trainedLosses().length, javaLog.size(), c)));
    }

    /** The lines to show side by side: {line, python, java, same}. */
    private static List<JsonObject> excerpt(List<String> python, List<String> java, List<Integer> lines) {
        List<JsonObject> rows = new ArrayList<>();
        for (int i : lines) {
            String p = i < python.size() ? python.get(i) : "(no line)";
            String j = i < java.size() ? java.get(i) : "(no line)";
            rows.add(new JsonObject().put("line", i + 1).put("python", p).put("java", j).put("same", p.equals(j)));
        }
        return rows;
    }
}
