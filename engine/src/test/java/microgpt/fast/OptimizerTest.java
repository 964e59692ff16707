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
}
