package microgpt.queries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import microgpt.data.Tokenizer;
import microgpt.math.Libm;
import microgpt.steps.GptConfig;
import microgpt.steps.Step1GradientDescent;
import microgpt.train.Trainer;

/**
 * Step 1's model opened up for the widgets of pages 1.2–1.9: its weights, what it computes for
 * one token and for a whole name, the loss along one weight, the gradient check, and names
 * sampled at any temperature.
 */
final class Step1Queries {

    private final Step12Models m;

    Step1Queries(Step12Models models) {
        this.m = models;
    }

    Tokenizer tokenizer() {
        return m.tokenizer();
    }

    // ---- the weights at initialisation ------------------------------------------------------

    JsonObject params() {
        Step1GradientDescent model = m.step1Initial();
        List<JsonObject> matrices = new ArrayList<>();
        model.parameters().forEach((name, values) -> matrices.add(new JsonObject().put("name", name)
                .put("rows", values.length).put("cols", values[0].length)
                .put("rowLabels", rowLabels(name, values.length)).put("values", values)));
        return new JsonObject().put("numParams", model.parameterCount()).put("matrices", matrices);
    }

    /** wte and mlp_fc2 have one row per token; mlp_fc1 one per hidden unit. */
    private List<String> rowLabels(String matrix, int rows) {
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < rows; r++) labels.add(matrix.equals("mlp_fc1") ? "h" + r : tokenizer().decode(r));
        return labels;
    }

    // ---- one token through the network -----------------------------------------------------

    JsonObject activations(int token, boolean trained) {
        Step1GradientDescent model = trained ? m.step1Trained() : m.step1Initial();
        Step1GradientDescent.Activations a = model.forward(token);
        return new JsonObject().put("token", tokenizer().decode(token)).put("tokenId", token).put("trained", trained)
                .put("vocabulary", vocabulary(tokenizer())).put("x", a.x()).put("hiddenPre", a.hiddenPre())
                .put("hidden", a.hidden()).put("logits", a.logits()).put("probs", a.probs());
    }

    static List<String> vocabulary(Tokenizer tokenizer) {
        List<String> tokens = new ArrayList<>();
        for (int t = 0; t < tokenizer.vocabSize; t++) tokens.add(tokenizer.decode(t));
        return tokens;
    }

    // ---- a whole name ------------------------------------------------------------------------

    JsonObject forward(String name, boolean trained) {
        Step1GradientDescent model = trained ? m.step1Trained() : m.step1Initial();
        Tokenizer tok = tokenizer();
        int[] tokens = tok.encode(name);
        List<JsonObject> positions = new ArrayList<>();
        for (int i = 0; i < tokens.length - 1; i++) {
            double[] probs = model.forward(tokens[i]).probs();
            double p = probs[tokens[i + 1]];
            positions.add(new JsonObject().put("position", i).put("token", tok.decode(tokens[i]))
                    .put("target", tok.decode(tokens[i + 1])).put("targetId", tokens[i + 1]).put("probs", probs)
                    .put("pTarget", p).put("loss", -Libm.log(p)));
        }
        return new JsonObject().put("name", name).put("trained", trained).put("vocabulary", vocabulary(tok))
                .put("positions", positions).put("meanLoss", model.loss(tokens));
    }

    // ---- the loss along one weight -----------------------------------------------------------

    /** One weight: a matrix, a row and a column, or its index in the flat order of the gradient check. */
    record ParamRef(String matrix, int row, int col, int index) {

        static ParamRef parse(String text, Step1GradientDescent model) {
            Map<String, double[][]> params = model.parameters();
            ParamRef byName = byName(text.strip(), params);
            if (byName != null) return byName;
            String t = text.strip();
            if (!Params.isWholeNumber(t) || t.length() > 9) {
                throw new BadRequest("param must be like wte[0][0], mlp_fc1[3][5], mlp_fc2[1][2] or an index 0–"
                        + (model.parameterCount() - 1) + ", got '" + Params.shorten(text) + "'");
            }
            int index = Integer.parseInt(t);
            if (index < 0 || index >= model.parameterCount()) {
                throw new BadRequest("param index must be between 0 and " + (model.parameterCount() - 1) + ", got " + index);
            }
            for (Map.Entry<String, double[][]> entry : params.entrySet()) {
                double[][] matrix = entry.getValue();
                int size = matrix.length * matrix[0].length;
                int local = index - offset(params, entry.getKey());
                if (local < size) return new ParamRef(entry.getKey(), local / matrix[0].length, local % matrix[0].length, index);
            }
            throw new IllegalStateException("unreachable");
        }

        /** "wte[3][7]": a matrix the model has, a row and a column of one to three digits; null if it is not that shape. */
        private static ParamRef byName(String text, Map<String, double[][]> params) {
            int open = text.indexOf('[');
            if (open < 0 || !text.endsWith("]")) return null;
            String matrixName = text.substring(0, open);
            String[] indices = text.substring(open + 1, text.length() - 1).split("\\]\\[", -1);
            if (!params.containsKey(matrixName) || indices.length != 2) return null;
            for (String index : indices) {
                if (index.isEmpty() || index.length() > 3 || !Params.isWholeNumber(index) || index.startsWith("-") || index.startsWith("+")) return null;
            }
            int row = Integer.parseInt(indices[0]);
            int col = Integer.parseInt(indices[1]);
            double[][] matrix = params.get(matrixName);
            if (row >= matrix.length || col >= matrix[0].length) {
                throw new BadRequest(matrixName + " is " + matrix.length + "×" + matrix[0].length + ": there is no " + text);
            }
            return new ParamRef(matrixName, row, col, offset(params, matrixName) + row * matrix[0].length + col);
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

    /** Half the width of the window of values the curve is drawn over, around the weight's own value. */
    static final double CURVE_HALF_WIDTH = 1.0;
    static final int CURVE_POINTS = 41;

    /** The loss along one weight, as the request asks for it: which name, which weight, ε, and where. */
    JsonObject slope(Params in) {
        String name = in.name("name", tokenizer(), m.firstName());
        Step1GradientDescent model = m.step1Initial();
        ParamRef param = ParamRef.parse(in.text("param", "wte[26][0]"), model);
        double epsilon = in.number("epsilon", 0, 1, Step1GradientDescent.EPSILON);
        double own = param.valueIn(model);
        double at = in.number("at", own - CURVE_HALF_WIDTH - 1e-9, own + CURVE_HALF_WIDTH + 1e-9, own);
        return slope(model, name, param, epsilon, at);
    }

    /**
     * The loss along one weight, every other weight where initialisation put it: the curve around
     * the weight's own value, and at {@code at} the secant over ε and the analytic gradient.
     */
    JsonObject slope(Step1GradientDescent model, String name, ParamRef ref, double epsilon, double at) {
        int[] tokens = tokenizer().encode(name);
        double[] row = model.parameters().get(ref.matrix())[ref.row()];
        double own = row[ref.col()];
        List<JsonObject> curve = new ArrayList<>();
        for (int i = 0; i < CURVE_POINTS; i++) {
            double p = own - CURVE_HALF_WIDTH + 2 * CURVE_HALF_WIDTH * i / (CURVE_POINTS - 1);
            row[ref.col()] = p;
            curve.add(new JsonObject().put("value", p).put("loss", model.loss(tokens)));
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
        return new JsonObject().put("name", name).put("param", ref.label()).put("index", ref.index()).put("ownValue", own)
                .put("value", at).put("loss", loss).put("epsilon", epsilon).put("nudgedLoss", nudged)
                .put("numericalSlope", (nudged - loss) / epsilon).put("analyticGradient", analytic).put("curve", curve);
    }

    // ---- the training names ------------------------------------------------------------------

    /** The name each of the 1000 training steps learns from: the shuffled names in order. */
    JsonObject trainingNames() {
        List<String> shuffled = m.shuffledNames();
        List<String> names = new ArrayList<>();
        for (int step = 0; step < Step0Snapshots.MAX_STEPS; step++) names.add(shuffled.get(step % shuffled.size()));
        return new JsonObject().put("names", names);
    }

    // ---- the gradient check ------------------------------------------------------------------

    JsonObject gradcheck(String name) {
        Step1GradientDescent model = m.step1Initial();
        Step1GradientDescent.GradientCheck check = model.gradientCheck(tokenizer().encode(name));
        List<JsonObject> ranges = new ArrayList<>();
        int offset = 0;
        for (Map.Entry<String, double[][]> entry : model.parameters().entrySet()) {
            double[][] matrix = entry.getValue();
            ranges.add(new JsonObject().put("name", entry.getKey()).put("rows", matrix.length).put("cols", matrix[0].length)
                    .put("offset", offset));
            offset += matrix.length * matrix[0].length;
        }
        int maxIndex = 0;
        for (int i = 0; i < check.numerical().length; i++) {
            if (Math.abs(check.numerical()[i] - check.analytic()[i]) == check.maxDifference()) {
                maxIndex = i;
                break;
            }
        }
        return new JsonObject().put("name", name).put("vocabulary", vocabulary(tokenizer())).put("numParams", model.parameterCount())
                .put("matrices", ranges).put("numerical", check.numerical()).put("analytic", check.analytic())
                .put("maxDifference", check.maxDifference()).put("maxIndex", maxIndex).put("loss", check.numericalLoss());
    }

    // ---- sampling ----------------------------------------------------------------------------

    /** 20 names from the trained model; the random stream is the run's own, so each temperature always gives the same names. */
    JsonObject samples(double temperature) {
        Step1GradientDescent model = m.step1Trained();
        List<String> names;
        synchronized (model) {
            names = Trainer.samples(model, tokenizer(), m.samplingRng(), temperature, GptConfig.MICROGPT.blockSize(), 20);
        }
        return new JsonObject().put("temperature", temperature).put("seed", Step12Models.SEED).put("samples", names);
    }
}
