package microgpt.queries;

import microgpt.fast.FlatModel;
import microgpt.steps.Step1GradientDescent;
import microgpt.train.LanguageModel;

/**
 * A trained model's parameters as one flat array of doubles, and back: how the guide hands its
 * seeded models to the reader's browser without training them there again. The order is the
 * model's own: for the transformer and Step 2 the tape's layout ({@code FlatModel.layout()}), for
 * Step 1 the matrices wte, mlp_fc1, mlp_fc2, each row after row.
 */
public final class ModelParameters {

    private ModelParameters() {}

    /** Whether a step's model has parameters to hand over (Step 0 only counts: the browser recounts). */
    public static boolean hasParameters(int step) {
        return step >= 1;
    }

    public static double[] of(LanguageModel model) {
        if (model instanceof FlatModel flat) return flat.parameters();
        if (model instanceof Step1GradientDescent step1) {
            double[] flat = new double[step1.parameterCount()];
            int i = 0;
            for (double[][] matrix : step1.parameters().values()) {
                for (double[] row : matrix) {
                    System.arraycopy(row, 0, flat, i, row.length);
                    i += row.length;
                }
            }
            return flat;
        }
        throw new IllegalArgumentException("a " + model.getClass().getSimpleName() + " has no parameters to hand over");
    }

    /** Puts {@code values} (in {@link #of}'s order) into a model of the same kind and shape. */
    public static void load(LanguageModel model, double[] values) {
        if (values.length != model.parameterCount()) {
            throw new IllegalArgumentException("expected " + model.parameterCount() + " parameters, got " + values.length);
        }
        if (model instanceof microgpt.fast.TapeGpt tape) {
            tape.setParameters(values);
        } else if (model instanceof Step1GradientDescent step1) {
            int i = 0;
            for (double[][] matrix : step1.parameters().values()) {
                for (double[] row : matrix) {
                    System.arraycopy(values, i, row, 0, row.length);
                    i += row.length;
                }
            }
        } else {
            throw new IllegalArgumentException("cannot load parameters into a " + model.getClass().getSimpleName());
        }
    }
}
