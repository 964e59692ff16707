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
import microgpt.fast.FlatModel;
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
    /**
     * How many trainings of a step are timed; the pages show the median. Five, because the JIT
     * can still be compiling a step's code during the first two or three (Step 1's readable code
     * measured 190-300 ms cold and 45-65 ms warm), and the median of five discards them.
     */
    public static final int TIMED_RUNS = 5;
    /** How many names (the first of the shuffled list) the attention figures are measured over. */
    public static final int ATTENTION_NAMES = 50;
    /** The first step with attention, whose figures the pages compare. */
    private static final int FIRST_ATTENTION_STEP = 3;

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
    private final List<Lazy<Long>> trainNanos;
    private final List<Lazy<AttentionFigures>> attention;   // steps 3, 4, 5
    private final Lazy<RunFigures.Divergence> step3AtLearningRate1;

    public GuideNumbers(List<String> docs) {
        this.docs = List.copyOf(docs);
        this.shuffled = Lazy.of(() -> Documents.shuffled(this.docs, new PyRandom(SEED)));
        this.tokenizer = Lazy.of(() -> new Tokenizer(shuffled.get()));
        this.runs = IntStream.range(0, Steps.COUNT).mapToObj(step -> Lazy.of(() -> RunFigures.untimed(() -> train(step)))).toList();
        this.ava = Lazy.of(this::avaAfterTraining);
        this.gradientCheck = Lazy.of(this::checkGradient);
        // The timings wait for the seeded run, which warms the JIT up for the timed ones.
        this.trainNanos = IntStream.range(0, Steps.COUNT).mapToObj(step -> Lazy.of(() -> {
            run(step);
            return RunFigures.medianTrainNanos(this.docs, step, NUM_STEPS, TIMED_RUNS);
        })).toList();
        this.attention = IntStream.range(FIRST_ATTENTION_STEP, Steps.COUNT).mapToObj(step -> Lazy.of(() ->
                AttentionFigures.of(tokenizer(), (FlatModel) model(step), step, shuffledDocs().subList(0, Math.min(ATTENTION_NAMES, this.docs.size())))))
                .toList();
        this.step3AtLearningRate1 = Lazy.of(() -> RunFigures.divergence(this.docs, 3, 1.0, NUM_STEPS));
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

    /**
     * How long the step's 1000 training steps take on this machine, in ms: the median of
     * {@link #TIMED_RUNS} trainings timed one after another (computed on first use).
     */
    public long trainMillis(int step) {
        Steps.requireValid(step);
        return Math.round(trainNanos.get(step).get() / 1e6);
    }

    /** How even the trained attention of step 3, 4 or 5 is (computed on first use). */
    public AttentionFigures attention(int step) {
        if (step < FIRST_ATTENTION_STEP || step >= Steps.COUNT) throw new IllegalArgumentException("step " + step + " has no attention");
        return attention.get(step - FIRST_ATTENTION_STEP).get();
    }

    /** Whether any step has been trained yet (the server must not train at start-up). */
    public boolean anyRunComputed() {
        return runs.stream().anyMatch(Lazy::isComputed);
    }

    /**
     * Computes every number now: the runs two at a time (this machine's cores), longest first,
     * then the rest of the catalogue (the timed trainings among it take their turns alone). The
     * export calls it before writing anything, the browser tests before their first page.
     */
    public void computeAll() {
        IntStream.of(5, 3, 4, 2, 1, 0).parallel().forEach(this::run);
        for (String key : keys()) format(key);
    }

    @Override
    public Tokenizer tokenizer() {
        return tokenizer.get();
    }

    @Override
    public List<String> shuffledDocs() {
        return shuffled.get();
    }

    /** The name each of the NUM_STEPS training steps learns from: the shuffled names in order, round and round. */
    public List<String> trainingNames() {
        List<String> names = shuffledDocs();
        return IntStream.range(0, NUM_STEPS).mapToObj(step -> names.get(step % names.size())).toList();
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
        c.put("data.meanLength", n -> PyFormat.fixed(n.docs.stream().mapToInt(GuideNumbers::length).average().orElseThrow(), 1));
        c.put("baseline.loss", n -> loss(-Libm.log(1.0 / n.tokenizer().vocabSize)));
        for (int step = 0; step < Steps.COUNT; step++) {
            int s = step;
            String prefix = "step" + s + ".";
            c.put(prefix + "params", n -> count(n.run(s).numParams()));
            c.put(prefix + "firstLoss", n -> loss(n.run(s).losses()[0]));
            c.put(prefix + "lastLoss", n -> loss(last(n.run(s).losses())));
            c.put(prefix + "avgLoss", n -> loss(averageOfLast(n.run(s).losses(), 100)));
            c.put(prefix + "trainMs", n -> count(n.trainMillis(s)));
            c.put(prefix + "samples", n -> String.join(", ", n.run(s).samples()));
            c.put(prefix + "sampleLength", n -> PyFormat.fixed(n.run(s).samples().stream().mapToInt(GuideNumbers::length).average().orElse(0), 1));
            c.put(prefix + "realSamples", n -> count(n.realNames(n.run(s).samples())));
        }
        c.put("timing.runs", n -> count(TIMED_RUNS));
        GptConfig shape = GptConfig.MICROGPT;
        c.put("config.nEmbd", n -> count(shape.nEmbd()));
        c.put("config.nHead", n -> count(shape.nHead()));
        c.put("config.headDim", n -> count(shape.headDim()));
        c.put("config.nLayer", n -> count(shape.nLayer()));
        c.put("config.maxEmbd", n -> count(GptConfig.MAX_EMBD));
        c.put("config.maxLayers", n -> count(GptConfig.MAX_LAYERS));
        c.put("config.maxParams", n -> count(largestTransformer(n.tokenizer().vocabSize)));
        c.put("attention.names", n -> count(Math.min(ATTENTION_NAMES, n.docs.size())));
        for (int step = FIRST_ATTENTION_STEP; step < Steps.COUNT; step++) {
            int s = step;
            c.put("attention.step" + s + ".largestWeight", n -> PyFormat.fixed(n.attention(s).largestWeight(), 2));
            c.put("attention.step" + s + ".medianRatio", n -> PyFormat.fixed(n.attention(s).medianRatioToEven(), 2));
        }
        c.put("graph.name", n -> n.shuffledDocs().get(0));
        for (int step = 2; step <= 4; step++) {
            int s = step;
            c.put("step" + s + ".graphNodes", n -> count(RunFigures.graphNodes(n.tokenizer(), s, n.shuffledDocs().get(0))));
        }
        c.put("step3.lr1.infiniteAt", n -> count(n.step3AtLearningRate1.get().firstInfinite()));
        c.put("step3.lr1.nanAt", n -> count(n.step3AtLearningRate1.get().firstNaN()));
        c.put("compare.steps12.maxDiff", n -> PyFormat.scientific(RunFigures.maxDifference(n.run(1).losses(), n.run(2).losses()), 1));
        c.put("compare.steps12.firstDiff", n -> count(RunFigures.firstDifference(n.run(1).losses(), n.run(2).losses())));
        c.put("compare.steps34.maxDiff", n -> PyFormat.fixed(RunFigures.maxDifference(n.run(3).losses(), n.run(4).losses()), 3));
        c.put("compare.steps34.sameSamples", n -> count(RunFigures.sameNames(n.run(3).samples(), n.run(4).samples())));
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

    /** The parameters of the widest, deepest transformer GptConfig accepts, laid out as the engine lays one out. */
    static long largestTransformer(int vocabSize) {
        GptConfig largest = new GptConfig(GptConfig.MAX_EMBD, 1, GptConfig.MAX_LAYERS, GptConfig.MAX_BLOCK_SIZE);
        return microgpt.fast.ParamLayout.transformer(vocabSize, largest).size();
    }

    /** How many of these names are in the data set: names the model reinvented rather than made up. */
    private long realNames(List<String> names) {
        java.util.Set<String> known = new java.util.HashSet<>(docs);
        return names.stream().filter(known::contains).count();
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
