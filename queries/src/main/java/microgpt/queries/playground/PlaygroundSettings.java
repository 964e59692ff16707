package microgpt.queries.playground;

import java.util.Locale;
import java.util.Set;
import microgpt.fast.EngineChoice;
import microgpt.queries.BadRequest;
import microgpt.queries.JsonObject;
import microgpt.queries.Params;
import microgpt.steps.Steps;
import microgpt.train.TrainingRun;

/**
 * One Playground run's settings, read from its query and checked before any work. The engine,
 * shape and optimizer rules are the command line's ({@link EngineChoice}); a broken rule is a
 * {@link BadRequest} whose message names the query parameter ({@code n_embd}, not {@code --n-embd}).
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
    public static final Set<String> PARAMETERS = Set.of(
        "step", "seed", "steps", "learning_rate", "optimizer", "n_embd", "n_head", "n_layer", "block_size", "temperature");

    public static PlaygroundSettings read(Params in) {
        int step = in.requiredInteger("step", 0, Steps.COUNT - 1);
        Steps.StepInfo info = Steps.info(step);
        long seed = in.seed("seed", 42);
        int numSteps = in.integer("steps", 1, MAX_STEPS, 1000);
        if (step == 0 && in.has("learning_rate")) {
            throw new BadRequest("learning_rate applies to steps 1 to 5; step 0 only counts");
        }
        double learningRate = step == 0 ? Double.NaN : in.number("learning_rate", 0, 100, info.learningRate());
        double temperature = in.temperature("temperature", microgpt.train.Trainer.MAX_TEMPERATURE, info.temperature());
        String optimizer = in.has("optimizer") ? in.text("optimizer", null) : null;
        EngineChoice.Request request = new EngineChoice.Request(step, null,
                optionalInt(in, "n_embd"), optionalInt(in, "n_head"), optionalInt(in, "n_layer"),
                optionalInt(in, "block_size"), optimizer, learningRate);
        try {
            return new PlaygroundSettings(step, seed, numSteps, learningRate, temperature, EngineChoice.choose(request));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(asParameters(e.getMessage()));
        }
    }

    /** What {@link TrainingRun} needs besides the model. */
    public TrainingRun.Settings runSettings() {
        return new TrainingRun.Settings(seed, numSteps, temperature, NUM_SAMPLES, choice.maxSampleLength());
    }

    /** The settings as the {@code start} event reports them (every default filled in). */
    public JsonObject describe() {
        JsonObject m = new JsonObject();
        m.put("step", step);
        m.put("seed", seed);
        m.put("steps", numSteps);
        if (step > 0) m.put("learning_rate", learningRate);
        m.put("temperature", temperature);
        if (choice.config() != null) {
            m.put("optimizer", choice.optimizer().name().toLowerCase(Locale.ROOT));
            m.put("n_embd", choice.config().nEmbd());
            m.put("n_head", choice.config().nHead());
            m.put("n_layer", choice.config().nLayer());
            m.put("block_size", choice.config().blockSize());
        }
        m.put("engine", choice.engine().label());
        return m;
    }

    /** "--n-embd must be …" → "n_embd must be …": the command line's rules, the query's names. */
    static String asParameters(String message) {
        return message.replaceAll("--([a-z]+)-([a-z]+)", "$1_$2").replaceAll("--([a-z]+)", "$1");
    }

    /** A whole number the rules check the range of; absent is null. */
    private static Integer optionalInt(Params in, String name) {
        return in.has(name) ? in.integer(name, Integer.MIN_VALUE, Integer.MAX_VALUE, 0) : null;
    }
}
