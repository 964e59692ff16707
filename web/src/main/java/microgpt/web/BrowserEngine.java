package microgpt.web;

import java.util.LinkedHashMap;
import java.util.Map;
import microgpt.queries.Answer;
import microgpt.queries.SiteData;
import microgpt.queries.WidgetQueries;
import microgpt.queries.playground.Playground;
import org.teavm.jso.JSExport;

/**
 * The engine in the reader's browser: what the page's Web Worker ({@code guide/engine/worker.js})
 * calls. TeaVM compiles this class, the widget queries and the engine to WebAssembly; the
 * worker hands over the site's files when asked for them and relays the answers to the page.
 *
 * <p>Everything crosses as strings and arrays: a query's parameters as alternating names and
 * values, its answer as {@code "STATUS JSON"}, or {@code "needs PATH"} when the engine needs a
 * file of the site first (the data set, a trained model, a reference log).
 */
public final class BrowserEngine {

    private static final SiteData DATA = new SiteData();
    private static final WidgetQueries QUERIES = new WidgetQueries(DATA);
    private static final Playground PLAYGROUND = new Playground(DATA);

    static {
        PLAYGROUND.addTo(QUERIES);
    }

    private BrowserEngine() {}

    /** Answers one query, as the server's {@code GET /api/PATH?…} would. */
    @JSExport
    public static String answer(String path, String[] namesAndValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) parameters.put(namesAndValues[i], namesAndValues[i + 1]);
        try {
            Answer answer = QUERIES.answer(path, parameters);
            return answer.status() + " " + answer.json();
        } catch (SiteData.Missing missing) {
            return "needs " + missing.file();
        }
    }

    /** The data set ({@value SiteData#NAMES}). */
    @JSExport
    public static void loadNames(String text) {
        DATA.loadNames(text);
    }

    /** A step's trained parameters ({@code api/models/stepN.bin}, as doubles). */
    @JSExport
    public static void loadParameters(int step, double[] values) {
        DATA.loadParameters(step, values);
    }

    /** A step's CPython reference: its log and its losses ({@code api/reference/stepN.log}, {@code .losses}). */
    @JSExport
    public static void loadReference(int step, String log, String losses) {
        PLAYGROUND.loadReference(step, log, losses);
    }

    /** For the tests: the engine's arithmetic on a list of arguments, to hold against the JVM's (see {@link Conformance}). */
    @JSExport
    public static String conformance(String vectors) {
        return Conformance.run(vectors);
    }

    /**
     * For the browser benchmark ({@code tools/bench-browser.sh}): trains {@code step} for
     * {@code steps} steps on the loaded names with one engine (readable, tape or fused), as
     * {@code microgpt bench} does on the JVM, and answers the training time and the last loss.
     */
    @JSExport
    public static String bench(int step, String engine, int steps) {
        microgpt.fast.EngineChoice.Choice choice = microgpt.fast.EngineChoice.choose(new microgpt.fast.EngineChoice.Request(
                step, engine, null, null, null, null, null, microgpt.steps.Steps.info(step).learningRate()));
        microgpt.train.TrainingRun run = microgpt.train.TrainingRun.execute(DATA.docs(),
                new microgpt.train.TrainingRun.Settings(42, steps, 0.5, 0, 16), choice.factory(), (n, v, m) -> { }, (s, n, l) -> true);
        double[] losses = run.losses();
        return new microgpt.queries.JsonObject().put("step", step).put("engine", engine).put("steps", steps)
                .put("trainMillis", run.trainNanos() / 1e6).put("lastLoss", losses[losses.length - 1]).toString();
    }

    public static void main(String[] args) {
        // Nothing to start: the worker calls the exported functions.
    }
}
