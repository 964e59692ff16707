package microgpt.guide.api;

import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import microgpt.data.Tokenizer;
import microgpt.guide.Guide;
import microgpt.guide.GuideNumbers;
import microgpt.math.Libm;
import microgpt.steps.GptConfig;
import microgpt.steps.Step1GradientDescent;
import microgpt.train.Trainer;

/**
 * Step 1's model opened up for the widgets of pages 1.2–1.9, as JSON under {@code /api/step1/}:
 * its weights, what it computes for one token and for a whole name, the loss along one weight,
 * the gradient check, and names sampled at any temperature.
 */
public final class Step1Api {

    private Step1Api() {}

    public static void register(RoutesConfig routes, Supplier<Guide> guide) {
        Supplier<Step12Models> models = () -> Step12Models.of(guide.get().numbers());
        routes.get("/api/step1/params", ctx -> ApiQuery.answer(ctx, () -> params(models.get())));
        routes.get("/api/step1/activations", ctx -> ApiQuery.answer(ctx, Set.of("token", "trained"), in -> {
            Step12Models m = models.get();
            int token = in.token("token", m.tokenizer(), "a");
            return activations(m, token, in.flag("trained", true));
        }));
        routes.get("/api/step1/forward", ctx -> ApiQuery.answer(ctx, Set.of("name", "trained"), in -> {
            Step12Models m = models.get();
            String name = in.name("name", m.tokenizer(), GuideNumbers.AVA);
            return forward(m, name, in.flag("trained", true));
        }));
        routes.get("/api/step1/slope", ctx -> ApiQuery.answer(ctx, Set.of("name", "param", "epsilon", "at"), in -> {
            Step12Models m = models.get();
            String name = in.name("name", m.tokenizer(), m.firstName());
            Step1GradientDescent model = m.step1Initial();
            ParamRef param = ParamRef.parse(in.text("param", "wte[26][0]"), model);
            double epsilon = in.number("epsilon", 0, 1, Step1GradientDescent.EPSILON);
            double own = param.valueIn(model);
            double at = in.number("at", own - CURVE_HALF_WIDTH - 1e-9, own + CURVE_HALF_WIDTH + 1e-9, own);
            return slope(m, model, name, param, epsilon, at);
        }));
        routes.get("/api/step1/training-names", ctx -> ApiQuery.answer(ctx, () -> trainingNames(models.get())));
        routes.get("/api/step1/gradcheck", ctx -> ApiQuery.answer(ctx, Set.of("name"), in -> {
            Step12Models m = models.get();
            return gradcheck(m, in.name("name", m.tokenizer(), m.firstName()));
        }));
        routes.get("/api/step1/samples", ctx -> ApiQuery.answer(ctx, Set.of("temperature"), in ->
                samples(models.get(), in.number("temperature", 0, 5, 0.5))));
    }

    // ---- the weights at initialisation ------------------------------------------------------

    record Matrix(String name, int rows, int cols, List<String> rowLabels, double[][] values) {}

    record Params(int numParams, List<Matrix> matrices) {}

    static Params params(Step12Models m) {
        Step1GradientDescent model = m.step1Initial();
        List<Matrix> matrices = new ArrayList<>();
        model.parameters().forEach((name, values) ->
                matrices.add(new Matrix(name, values.length, values[0].length, rowLabels(m.tokenizer(), name, values.length), values)));
        return new Params(model.parameterCount(), matrices);
    }

    /** wte and mlp_fc2 have one row per token; mlp_fc1 one per hidden unit. */
    private static List<String> rowLabels(Tokenizer tokenizer, String matrix, int rows) {
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < rows; r++) labels.add(matrix.equals("mlp_fc1") ? "h" + r : tokenizer.decode(r));
        return labels;
    }

    // ---- one token through the network -----------------------------------------------------

    record Activations(String token, int tokenId, boolean trained, List<String> vocabulary, double[] x,
                       double[] hiddenPre, double[] hidden, double[] logits, double[] probs) {}

    static Activations activations(Step12Models m, int token, boolean trained) {
        Step1GradientDescent model = trained ? m.step1Trained() : m.step1Initial();
        Step1GradientDescent.Activations a = model.forward(token);
        return new Activations(m.tokenizer().decode(token), token, trained, vocabulary(m.tokenizer()),
                a.x(), a.hiddenPre(), a.hidden(), a.logits(), a.probs());
    }

    static List<String> vocabulary(Tokenizer tokenizer) {
        List<String> tokens = new ArrayList<>();
        for (int t = 0; t < tokenizer.vocabSize; t++) tokens.add(tokenizer.decode(t));
        return tokens;
    }

    // ---- a whole name ------------------------------------------------------------------------

    record Position(int position, String token, String target, int targetId, double[] probs, double pTarget, double loss) {}

    record Forward(String name, boolean trained, List<String> vocabulary, List<Position> positions, double meanLoss) {}

    static Forward forward(Step12Models m, String name, boolean trained) {
        Step1GradientDescent model = trained ? m.step1Trained() : m.step1Initial();
        Tokenizer tok = m.tokenizer();
        int[] tokens = tok.encode(name);
        List<Position> positions = new ArrayList<>();
        for (int i = 0; i < tokens.length - 1; i++) {
            double[] probs = model.forward(tokens[i]).probs();
            double p = probs[tokens[i + 1]];
            positions.add(new Position(i, tok.decode(tokens[i]), tok.decode(tokens[i + 1]), tokens[i + 1], probs, p, -Libm.log(p)));
        }
        return new Forward(name, trained, vocabulary(tok), positions, model.loss(tokens));
    }

    // ---- the loss along one weight -----------------------------------------------------------

    /** One weight: a matrix, a row and a column, or its index in the flat order of the gradient check. */
    record ParamRef(String matrix, int row, int col, int index) {

        private static final Pattern BY_NAME = Pattern.compile("(wte|mlp_fc1|mlp_fc2)\\[(\\d{1,3})\\]\\[(\\d{1,3})\\]");

        static ParamRef parse(String text, Step1GradientDescent model) {
            Map<String, double[][]> params = model.parameters();
            Matcher byName = BY_NAME.matcher(text.strip());
            if (byName.matches()) {
                String matrix = byName.group(1);
                int row = Integer.parseInt(byName.group(2));
                int col = Integer.parseInt(byName.group(3));
                double[][] m = params.get(matrix);
                if (row >= m.length || col >= m[0].length) {
                    throw new ApiErrors.BadRequest(matrix + " is " + m.length + "×" + m[0].length + ": there is no " + text);
                }
                return new ParamRef(matrix, row, col, offset(params, matrix) + row * m[0].length + col);
            }
            int index;
            try {
                index = Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw new ApiErrors.BadRequest("param must be like wte[0][0], mlp_fc1[3][5], mlp_fc2[1][2] or an index 0–"
                        + (model.parameterCount() - 1) + ", got '" + text + "'");
            }
            if (index < 0 || index >= model.parameterCount()) {
                throw new ApiErrors.BadRequest("param index must be between 0 and " + (model.parameterCount() - 1) + ", got " + index);
            }
            for (Map.Entry<String, double[][]> entry : params.entrySet()) {
                double[][] m = entry.getValue();
                int size = m.length * m[0].length;
                int local = index - offset(params, entry.getKey());
                if (local < size) return new ParamRef(entry.getKey(), local / m[0].length, local % m[0].length, index);
            }
            throw new IllegalStateException("unreachable");
        }

        private static int offset(Map<String, double[][]> params, String matrix) {
            int offset = 0;
            for (Map.Entry<String, double[][]> entry : params.entrySet()) {
                if (entry.getKey().equals(matrix)) return offset;
                offset += entry.getValue().length * entry.getValue()[0].length;
            }
            throw new IllegalArgumentException(matrix);
        }

        double valueIn(Step1GradientDescent model) {
            return model.parameters().get(matrix)[row][col];
        }

        String label() {
            return matrix + "[" + row + "][" + col + "]";
        }
    }

    record Point(double value, double loss) {}

    /** ownValue: the weight at initialisation, the middle of the curve; value: where the slopes are measured. */
    record Slope(String name, String param, int index, double ownValue, double value, double loss, double epsilon,
                 double nudgedLoss, double numericalSlope, double analyticGradient, List<Point> curve) {}

    /** Half the width of the window of values the curve is drawn over, around the weight's own value. */
    static final double CURVE_HALF_WIDTH = 1.0;
    static final int CURVE_POINTS = 41;

    /**
     * The loss along one weight, every other weight where initialisation put it: the curve around
     * the weight's own value, and at {@code at} the secant over ε and the analytic gradient.
     */
    static Slope slope(Step12Models m, Step1GradientDescent model, String name, ParamRef ref, double epsilon, double at) {
        int[] tokens = m.tokenizer().encode(name);
        double[] row = model.parameters().get(ref.matrix())[ref.row()];
        double own = row[ref.col()];
        List<Point> curve = new ArrayList<>();
        for (int i = 0; i < CURVE_POINTS; i++) {
            double p = own - CURVE_HALF_WIDTH + 2 * CURVE_HALF_WIDTH * i / (CURVE_POINTS - 1);
            row[ref.col()] = p;
            curve.add(new Point(p, model.loss(tokens)));
        }
        row[ref.col()] = at;
        double loss = model.loss(tokens);
        row[ref.col()] = at + epsilon;
        double nudged = model.loss(tokens);
        row[ref.col()] = at;
        Step1GradientDescent.Gradient gradient = model.analyticGradient(tokens);
        row[ref.col()] = own;
        double analytic = switch (ref.matrix()) {
            case "wte" -> gradient.wte()[ref.row()][ref.col()];
            case "mlp_fc1" -> gradient.mlpFc1()[ref.row()][ref.col()];
            default -> gradient.mlpFc2()[ref.row()][ref.col()];
        };
        return new Slope(name, ref.label(), ref.index(), own, at, loss, epsilon, nudged, (nudged - loss) / epsilon, analytic, curve);
    }

    // ---- the training names ------------------------------------------------------------------

    record TrainingNames(List<String> names) {}

    /** The name each of the 1000 training steps learns from: the shuffled names in order. */
    static TrainingNames trainingNames(Step12Models m) {
        List<String> shuffled = m.shuffledNames();
        List<String> names = new ArrayList<>();
        for (int step = 0; step < GuideNumbers.NUM_STEPS; step++) names.add(shuffled.get(step % shuffled.size()));
        return new TrainingNames(names);
    }

    // ---- the gradient check ------------------------------------------------------------------

    record MatrixRange(String name, int rows, int cols, int offset) {}

    record GradCheck(String name, List<String> vocabulary, int numParams, List<MatrixRange> matrices, double[] numerical,
                     double[] analytic, double maxDifference, int maxIndex, double loss) {}

    static GradCheck gradcheck(Step12Models m, String name) {
        Step1GradientDescent model = m.step1Initial();
        Step1GradientDescent.GradientCheck check = model.gradientCheck(m.tokenizer().encode(name));
        List<MatrixRange> ranges = new ArrayList<>();
        int offset = 0;
        for (Map.Entry<String, double[][]> entry : model.parameters().entrySet()) {
            double[][] matrix = entry.getValue();
            ranges.add(new MatrixRange(entry.getKey(), matrix.length, matrix[0].length, offset));
            offset += matrix.length * matrix[0].length;
        }
        int maxIndex = 0;
        for (int i = 0; i < check.numerical().length; i++) {
            if (Math.abs(check.numerical()[i] - check.analytic()[i]) == check.maxDifference()) {
                maxIndex = i;
                break;
            }
        }
        return new GradCheck(name, vocabulary(m.tokenizer()), model.parameterCount(), ranges, check.numerical(), check.analytic(),
                check.maxDifference(), maxIndex, check.numericalLoss());
    }

    // ---- sampling ----------------------------------------------------------------------------

    record Samples(double temperature, long seed, List<String> samples) {}

    /** 20 names from the trained model; the random stream is the run's own, so each temperature always gives the same names. */
    static Samples samples(Step12Models m, double temperature) {
        List<String> names = Trainer.samples(m.step1Trained(), m.tokenizer(), m.samplingRng(), temperature,
                GptConfig.MICROGPT.blockSize(), GuideNumbers.NUM_SAMPLES);
        return new Samples(temperature, GuideNumbers.SEED, names);
    }
}
