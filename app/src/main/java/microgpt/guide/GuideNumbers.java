package microgpt.guide;

import microgpt.queries.GuideData;
import microgpt.queries.Lazy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import microgpt.fast.EngineChoice;
import microgpt.data.Documents;
import microgpt.data.PyFormat;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.math.Libm;
import microgpt.steps.GptConfig;
import microgpt.steps.Step0Counting;
import microgpt.steps.Step1GradientDescent;
import microgpt.steps.Steps;
import microgpt.train.LanguageModel;
import microgpt.train.Trainer;
import microgpt.train.TrainingRun;

/**
 * The number catalogue behind {@code {{num:KEY}}}: every number a page shows, computed by the
 * engine. Nothing here is typed in by hand.
 *
 * <p>The seeded runs are deterministic, so each is computed once per process, on first use, and
 * shared by every page and every request (a Step 5 run takes about half a minute).
 */
public final class GuideNumbers implements GuideData {

    public static final long SEED = 42;
    public static final int NUM_STEPS = 1000;
    public static final int NUM_SAMPLES = 20;
    /** Step 0's worked example: the pairs of "ava" after this many training steps. */
    public static final int AVA_STEPS = 100;
    public static final String AVA = "ava";

    private static final Map<Path, GuideNumbers> BY_DATA_FILE = new ConcurrentHashMap<>();
    private static final Map<String, Function<GuideNumbers, String>> CATALOGUE = catalogue();

    private final List<String> docs;
    private final Lazy<List<String>> shuffled;
    private final Lazy<Tokenizer> tokenizer;
    private final List<Lazy<Trained>> runs;

    /** A seeded run and the model it left: pages show the run, widgets ask the model for more. */
    private record Trained(TrainingRun run, LanguageModel model) {}
    private final Lazy<double[]> ava;
    private final Lazy<Step1GradientDescent.GradientCheck> gradientCheck;

    public GuideNumbers(List<String> docs) {
        this.docs = List.copyOf(docs);
        this.shuffled = Lazy.of(() -> Documents.shuffled(this.docs, new PyRandom(SEED)));
        this.tokenizer = Lazy.of(() -> new Tokenizer(shuffled.get()));
        this.runs = IntStream.range(0, Steps.COUNT).mapToObj(step -> Lazy.of(() -> train(step))).toList();
        this.ava = Lazy.of(this::avaAfterTraining);
        this.gradientCheck = Lazy.of(this::checkGradient);
    }

    /** One catalogue per data file and process, so the server, the export and the tests share runs. */
    public static GuideNumbers forDataFile(Path dataFile) {
        return BY_DATA_FILE.computeIfAbsent(dataFile.toAbsolutePath().normalize(),
                file -> new GuideNumbers(Documents.load(file)));
    }

    /** The formatted number for a catalogue key; throws for a key the catalogue does not have. */
    public String format(String key) {
        Function<GuideNumbers, String> number = CATALOGUE.get(key);
        if (number == null) throw new IllegalArgumentException("unknown number {{num:" + key + "}}");
        return number.apply(this);
    }

    public List<String> keys() {
        return List.copyOf(CATALOGUE.keySet());
    }

    /** The seed-42, 1000-step run of one step (computed on first use). */
    public TrainingRun run(int step) {
        Steps.requireValid(step);
        return runs.get(step).get().run();
    }

    /**
     * The model that run trained, shared: read it, never train it further. Sampling from a model
     * of the tape engine uses its tape, so whoever samples holds the model's lock meanwhile.
     */
    @Override
    public LanguageModel model(int step) {
        Steps.requireValid(step);
        return runs.get(step).get().model();
    }

    /** Whether any step has been trained yet (the server must not train at start-up). */
    public boolean anyRunComputed() {
        return runs.stream().anyMatch(Lazy::isComputed);
    }

    /** Computes every run now, two at a time (this machine's cores), longest first. */
    public void computeAll() {
        IntStream.of(5, 3, 4, 2, 1, 0).parallel().forEach(this::run);
    }

    @Override
    public Tokenizer tokenizer() {
        return tokenizer.get();
    }

    @Override
    public List<String> shuffledDocs() {
        return shuffled.get();
    }

    /** The names in file order, before the seed-42 shuffle (a run shuffles them itself). */
    @Override
    public List<String> docs() {
        return docs;
    }

    // ---- the runs --------------------------------------------------------------------------

    private Trained train(int step) {
        Steps.StepInfo info = Steps.info(step);
        GptConfig config = GptConfig.MICROGPT;
        TrainingRun.Settings settings = new TrainingRun.Settings(SEED, NUM_STEPS, info.temperature(), NUM_SAMPLES,
                config.blockSize());
        TrainingRun.ModelFactory engine = EngineChoice.defaults(step).factory();   // as 'train --step N' runs it
        LanguageModel[] model = {null};
        TrainingRun run = TrainingRun.execute(docs, settings, (tokenizer, rng) -> model[0] = engine.create(tokenizer, rng),
                (numDocs, vocabSize, m) -> { }, (s, total, loss) -> true);
        return new Trained(run, model[0]);
    }

    /**
     * Which engine trains the guide's run of a step, in words for a page: the one {@code train}
     * uses by default, the tape for steps 2–5 (bit for bit the readable classes, five to ten times
     * faster, so a first visit to Home waits a second, not ten) and the readable classes for 0–1.
     */
    static String engineOf(int step) {
        return EngineChoice.defaults(step).engine() == EngineChoice.Engine.TAPE
                ? "the tape engine, which repeats the readable classes' arithmetic exactly" : "the readable classes";
    }

    /** p(a|BOS), p(v|a), p(a|v), p(BOS|a) and their mean surprise, after AVA_STEPS steps of counting. */
    private double[] avaAfterTraining() {
        Tokenizer tok = tokenizer.get();
        Step0Counting model = new Step0Counting(tok);
        Trainer.train(model, shuffled.get(), tok, AVA_STEPS, (s, total, loss) -> true);
        int[] tokens = tok.encode(AVA);
        double[] result = new double[tokens.length];
        for (int i = 0; i < tokens.length - 1; i++) result[i] = model.bigram(tokens[i])[tokens[i + 1]];
        result[tokens.length - 1] = model.loss(tokens);
        return result;
    }

    /** Step 1's gradient check on the first shuffled name, drawing the weights as a run does. */
    private Step1GradientDescent.GradientCheck checkGradient() {
        PyRandom rng = new PyRandom(SEED);
        List<String> names = Documents.shuffled(docs, rng);
        Tokenizer tok = new Tokenizer(names);
        Step1GradientDescent model = new Step1GradientDescent(tok, rng, Steps.info(1).learningRate());
        return model.gradientCheck(tok.encode(names.get(0)));
    }

    // ---- the catalogue ---------------------------------------------------------------------

    private static Map<String, Function<GuideNumbers, String>> catalogue() {
        Map<String, Function<GuideNumbers, String>> c = new LinkedHashMap<>();
        c.put("data.numDocs", n -> count(n.docs.size()));
        c.put("data.vocabSize", n -> count(n.tokenizer().vocabSize));
        c.put("data.bos", n -> count(n.tokenizer().bos));
        c.put("data.numChars", n -> count(n.tokenizer().vocabulary().codePointCount(0, n.tokenizer().vocabulary().length())));
        c.put("data.firstDocs", n -> String.join(", ", n.shuffledDocs().subList(0, Math.min(5, n.docs.size()))));
        c.put("data.shortest", n -> count(n.docs.stream().mapToInt(GuideNumbers::length).min().orElseThrow()));
        c.put("data.longest", n -> count(n.docs.stream().mapToInt(GuideNumbers::length).max().orElseThrow()));
        c.put("baseline.loss", n -> loss(-Libm.log(1.0 / n.tokenizer().vocabSize)));
        for (int step = 0; step < Steps.COUNT; step++) {
            int s = step;
            String prefix = "step" + s + ".";
            c.put(prefix + "params", n -> count(n.run(s).numParams()));
            c.put(prefix + "firstLoss", n -> loss(n.run(s).losses()[0]));
            c.put(prefix + "finalLoss", n -> loss(last(n.run(s).losses())));
            c.put(prefix + "avgLoss", n -> loss(averageOfLast(n.run(s).losses(), 100)));
            c.put(prefix + "trainMs", n -> count(Math.round(n.run(s).trainNanos() / 1e6)));
            c.put(prefix + "samples", n -> String.join(", ", n.run(s).samples()));
        }
        for (int i = 1; i <= AVA.length() + 1; i++) {
            int pair = i - 1;
            c.put("step0.ava.p" + i, n -> probability(n.ava.get()[pair]));
        }
        c.put("step0.ava.loss", n -> loss(last(n.ava.get())));
        c.put("step1.gradcheck.maxDiff", n -> PyFormat.scientific(n.gradientCheck.get().maxDifference(), 3));
        c.put("step1.gradcheck.name", n -> n.shuffledDocs().get(0));
        c.put("step5.adamMoments", n -> count(2L * n.run(5).numParams()));
        return c;
    }

    private static int length(String doc) {
        return doc.codePointCount(0, doc.length());
    }

    private static double last(double[] values) {
        return values[values.length - 1];
    }

    private static double averageOfLast(double[] values, int n) {
        return Arrays.stream(values, Math.max(0, values.length - n), values.length).average().orElseThrow();
    }

    /** Counts get thousands separators: 32,033. */
    static String count(long value) {
        return String.format(Locale.US, "%,d", value);
    }

    /** Losses to 4 decimals, rounded as Python rounds them (so they match the training log). */
    static String loss(double value) {
        return PyFormat.fixed(value, 4);
    }

    static String probability(double value) {
        return PyFormat.fixed(value, 3);
    }
}
