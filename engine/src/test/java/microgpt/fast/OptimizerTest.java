package microgpt.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import microgpt.math.CorrectlyRounded;
import microgpt.steps.Step5Adam;
import org.junit.jupiter.api.Test;

/**
 * Adam's bias corrections on long runs: the same doubles as 1 − β^t computed in full, without
 * the slow path of the correctly rounded power (which made steps 3,838–4,690 and 62,000–76,000
 * of a run a hundred times slower). Nothing is timed: the slow path counts its calls.
 */
class OptimizerTest {

    @Test
    void aLongRunsBiasCorrectionsNeverTakeTheSlowPath() {
        long before = FastLibm.POW_INT_SLOW_CALLS.get();
        for (int t = 1; t <= 200_000; t++) {
            Optimizer.biasCorrection(Step5Adam.BETA1, t, false);
            Optimizer.biasCorrection(Step5Adam.BETA2, t, false);
        }
        assertEquals(before, FastLibm.POW_INT_SLOW_CALLS.get(), "calls that fell back to the slow power");
    }

    @Test
    void theyAreTheSameDoublesAsTheFullComputation() {
        for (double beta : new double[] {Step5Adam.BETA1, Step5Adam.BETA2}) {
            for (int t = 1; t <= 200_000; t += (t < 5000 ? 1 : 97)) {
                double full = 1 - CorrectlyRounded.pow(beta, t);
                assertEquals(full, Optimizer.biasCorrection(beta, t, false), "β = " + beta + ", t = " + t);
                assertEquals(full, Optimizer.biasCorrection(beta, t, true), "β = " + beta + ", t = " + t + ", with Libm");
            }
        }
    }

    /**
     * The tape's Adam is Step5Adam's arithmetic to the bit, also on steps where a bias correction
     * has become exactly 1.0 and its division is skipped (β1 from step 231, β2 from 3,725).
     */
    @Test
    void theTapesUpdateIsStep5AdamsOnEveryKindOfStep() {
        java.util.Random random = new java.util.Random(7);
        int size = 500;
        for (int step : new int[] {0, 229, 230, 231, 3723, 3724, 3725, 50_000}) {
            double[] data = new double[size], grad = new double[size];
            Optimizer.State state = new Optimizer.State(size);
            double[] m = new double[size], v = new double[size], expected = new double[size];
            for (int i = 0; i < size; i++) {
                data[i] = expected[i] = random.nextGaussian() * 0.08;
                state.m[i] = m[i] = random.nextGaussian() * 1e-2;
                state.v[i] = v[i] = Math.abs(random.nextGaussian()) * 1e-4;
                grad[i] = i % 50 == 0 ? 0.0 : random.nextGaussian() * 0.1;
            }
            int numSteps = 100_000;
            double lrT = 0.01 * (1 - (double) step / numSteps);
            double mCorrection = 1 - microgpt.math.Libm.pow(Step5Adam.BETA1, step + 1);
            double vCorrection = 1 - microgpt.math.Libm.pow(Step5Adam.BETA2, step + 1);
            for (int i = 0; i < size; i++) {
                m[i] = Step5Adam.BETA1 * m[i] + (1 - Step5Adam.BETA1) * grad[i];
                v[i] = Step5Adam.BETA2 * v[i] + (1 - Step5Adam.BETA2) * microgpt.math.Libm.pow(grad[i], 2);
                double mHat = m[i] / mCorrection;
                double vHat = v[i] / vCorrection;
                expected[i] -= lrT * mHat / (microgpt.math.Libm.pow(vHat, 0.5) + Step5Adam.EPS);
            }
            Optimizer.ADAM.update(data, grad, size, state, 0.01, step, numSteps, true);
            for (int i = 0; i < size; i++) {
                assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(data[i]), "step " + step + ", " + i);
                assertEquals(0.0, grad[i]);
            }
        }
    }
}
