package microgpt.steps;

import microgpt.autograd.Value;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.math.Libm;

/**
 * Step 5: Adam. The model is Step 4's; only the update changes. Each parameter keeps a running
 * average of its gradient (momentum, m) and of its squared gradient (v), and steps by m / √v:
 * large where the gradient is steady, small where it is noisy. This is Karpathy's microgpt.
 */
public final class Step5Adam extends Step4Transformer {

    // region adam-state
    public static final double BETA1 = 0.85;   // how long the gradient average remembers
    public static final double BETA2 = 0.99;   // how long the squared-gradient average remembers
    public static final double EPS = 1e-8;     // keeps the division finite when v is 0

    private final double[] m;   // first moment: running mean of the gradient
    private final double[] v;   // second moment: running mean of the squared gradient

    public Step5Adam(Tokenizer tokenizer, PyRandom rng, GptConfig config, double learningRate) {
        super(tokenizer, rng, config, learningRate);
        this.m = new double[paramList.size()];
        this.v = new double[paramList.size()];
    }
    // endregion

    // region adam-update
    @Override
    protected void update(int step, int numSteps) {
        double lrT = learningRate * (1 - (double) step / numSteps);
        double mCorrection = 1 - Libm.pow(BETA1, step + 1);   // m and v start at 0, so early averages
        double vCorrection = 1 - Libm.pow(BETA2, step + 1);   // are too small; dividing undoes that
        for (int i = 0; i < paramList.size(); i++) {
            Value p = paramList.get(i);
            m[i] = BETA1 * m[i] + (1 - BETA1) * p.grad;
            v[i] = BETA2 * v[i] + (1 - BETA2) * Libm.pow(p.grad, 2);
            double mHat = m[i] / mCorrection;
            double vHat = v[i] / vCorrection;
            p.data -= lrT * mHat / (Libm.pow(vHat, 0.5) + EPS);
            p.grad = 0;
        }
    }
    // endregion
}
