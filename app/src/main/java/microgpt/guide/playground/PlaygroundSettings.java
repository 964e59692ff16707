package microgpt.guide.playground;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import microgpt.fast.EngineChoice;
import microgpt.guide.api.ApiErrors;
import microgpt.guide.api.ApiInput;
import microgpt.steps.Steps;
import microgpt.train.TrainingRun;

/**
 * One Playground run's settings, read from the query string and checked on the server. The
 * engine, shape and optimizer rules are the command line's ({@link EngineChoice}); a broken rule
 * is a 400 whose message names the query parameter ({@code n_embd}, not {@code --n-embd}).
 *
 * <p>Parameters: {@code step} (0–5, required), {@code seed}, {@code steps} (1–100,000),
 * {@code learning_rate}, {@code temperature}, and for steps 3–5 {@code optimizer} (sgd, adam),
 * {@code n_embd}, {@code n_head}, {@code n_layer}, {@code block_size}. Absent means the step's own default.
 */
public record PlaygroundSettings(int step, long seed, int numSteps, double learningRate, double temperature,
                                 EngineChoice.Choice choice) {

    public static final int MAX_STEPS = 100_000;
    public static final int NUM_SAMPLES = 20;

    /** The query parameters, in the order the form shows them. */
    public static final String[] PARAMETERS = {
        "step", "seed", "steps", "learning_rate", "optimizer", "n_embd", "n_head", "n_layer", "block_size", "temperature"};

    public static PlaygroundSettings read(Context ctx) {
        String stepText = ctx.queryParam("step");
        if (stepText == null || stepText.isBlank()) throw new ApiErrors.BadRequest("step is required: 0 to " + (Steps.COUNT - 1));
        int step = ApiInput.intParam(ctx, "step", 0, Steps.COUNT - 1, 0);
        Steps.StepInfo info = Steps.info(step);
        long seed = ApiInput.longParam(ctx, "seed", 42);
        int numSteps = ApiInput.intParam(ctx, "steps", 1, MAX_STEPS, 1000);
        double learningRate = step == 0 ? Double.NaN : positive(ctx, "learning_rate", info.learningRate());
        if (step == 0 && present(ctx, "learning_rate")) {
            throw new ApiErrors.BadRequest("learning_rate applies to steps 1 to 5; step 0 only counts");
        }
        double temperature = positive(ctx, "temperature", info.temperature());
        String optimizer = present(ctx, "optimizer") ? ctx.queryParam("optimizer") : null;
        EngineChoice.Request request = new EngineChoice.Request(step, null,
                optionalInt(ctx, "n_embd"), optionalInt(ctx, "n_head"), optionalInt(ctx, "n_layer"),
                optionalInt(ctx, "block_size"), optimizer, learningRate);
        try {
            return new PlaygroundSettings(step, seed, numSteps, learningRate, temperature, EngineChoice.choose(request));
        } catch (IllegalArgumentException e) {
            throw new ApiErrors.BadRequest(asParameters(e.getMessage()));
        }
    }

    /** What {@link TrainingRun#execute} needs besides the model. */
    public TrainingRun.Settings runSettings() {
        return new TrainingRun.Settings(seed, numSteps, temperature, NUM_SAMPLES, choice.maxSampleLength());
    }

    /** The settings as the {@code start} event reports them (every default filled in). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step);
        m.put("seed", seed);
        m.put("steps", numSteps);
        if (step > 0) m.put("learning_rate", learningRate);
        m.put("temperature", temperature);
        if (choice.config() != null) {
            m.put("optimizer", choice.optimizer().name().toLowerCase(java.util.Locale.ROOT));
            m.put("n_embd", choice.config().nEmbd());
            m.put("n_head", choice.config().nHead());
            m.put("n_layer", choice.config().nLayer());
            m.put("block_size", choice.config().blockSize());
        }
        m.put("engine", choice.engine().label());
        return m;
    }

    /** "--n-embd must be …" → "n_embd must be …": the CLI's rules, the query's names. */
    static String asParameters(String message) {
        return message.replaceAll("--([a-z]+)-([a-z]+)", "$1_$2").replaceAll("--([a-z]+)", "$1");
    }

    private static boolean present(Context ctx, String name) {
        String text = ctx.queryParam(name);
        return text != null && !text.isBlank();
    }

    private static Integer optionalInt(Context ctx, String name) {
        if (!present(ctx, name)) return null;
        return ApiInput.intParam(ctx, name, Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
    }

    private static double positive(Context ctx, String name, double fallback) {
        if (!present(ctx, name)) return fallback;
        String text = ctx.queryParam(name).strip();
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ApiErrors.BadRequest(name + " must be a number, got '" + (text.length() <= 20 ? text : text.substring(0, 20) + "…") + "'");
        }
        if (!(Double.isFinite(value) && value > 0 && value <= 100)) {
            throw new ApiErrors.BadRequest(name + " must be a number in (0, 100], got " + text);
        }
        return value;
    }
}
