package microgpt.fast;

import microgpt.steps.GptConfig;
import microgpt.train.LanguageModel;

/**
 * A model that keeps every parameter in one flat array, in {@link ParamLayout} order: the tape's
 * and the fused engine's. Whoever reads weights (a checkpoint, the guide's attention explorer)
 * can read either engine's model through this one view.
 */
public interface FlatModel extends LanguageModel {

    /** Where each named matrix sits in {@link #parameters()}. */
    ParamLayout layout();

    /** The transformer's shape, or null for Step 2's MLP. */
    GptConfig config();

    int vocabSize();

    Optimizer optimizer();

    /** A copy of the parameters, in layout order. */
    double[] parameters();
}
