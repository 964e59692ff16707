package microgpt.fast;

import microgpt.math.Libm;
import microgpt.steps.Step5Adam;

/**
 * The two update rules of the steps, on flat arrays: Step 2–4's gradient descent and Step 5's
 * Adam, each with the learning rate decaying linearly to 0 over the run, and each zeroing the
 * gradients for the next step. The arithmetic is the readable engine's, operation for operation.
 */
public enum Optimizer {
    SGD, ADAM;

    /** Parses "sgd" or "adam" (any case). */
    public static Optimizer parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "sgd" -> SGD;
            case "adam" -> ADAM;
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "': use sgd or adam");
        };
    }

    /** The lower-case name used on the command line and in checkpoints. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The optimizer's moment buffers (Adam's m and v), zero at first, and room for a step's powers. */
    public static final class State {
        final double[] m;
        final double[] v;
        final double[] vHats;
        final double[] powers;
        final FastLibm.Undecided undecided;

        public State(int size) {
            m = new double[size];
            v = new double[size];
            vHats = new double[size];
            powers = new double[size];
            undecided = new FastLibm.Undecided(size);
        }
    }

    /**
     * Updates {@code data[0, size)} from {@code grad[0, size)} and zeroes the gradients.
     *
     * <p>{@code matchLibm}: Step5Adam's arithmetic exactly (the tape engine needs this): its
     * {@code g**2}, {@code v̂**0.5} and {@code β**(s+1)} with the pow it uses ({@link
     * FastLibm#powAll} over every parameter, {@link FastLibm#powInt} for β, as {@link Libm#pow}
     * gives them), and its divisions. With the pure-Java Libm, {@code g * g}, {@code Math.sqrt} and
     * the correctly rounded power are those very numbers (a correctly rounded pow returns exactly
     * x·x and √x for exponents 2 and 0.5). Without {@code matchLibm} (the fused engine, which
     * promises the printed log, not the bits) the same formulas run in one loop with {@code g * g},
     * {@code Math.sqrt}, and the two bias corrections as reciprocals: a multiplication instead of
     * two of the four divisions and square roots per parameter that bound the loop's speed
     * (0.91× the time of a fused Step 5 step; the losses still within 1.8e-15 of Step5Adam's).
     *
     * <p>Adam's bias corrections {@code 1 − β^(s+1)} are computed once per step rather than once
     * per parameter, as Step5Adam does.
     */
    public void update(double[] data, double[] grad, int size, State state, double learningRate,
                       int step, int numSteps, boolean matchLibm) {
        double lrT = learningRate * (1 - (double) step / numSteps);
        if (this == SGD) {
            for (int i = 0; i < size; i++) {
                data[i] -= lrT * grad[i];
                grad[i] = 0;
            }
            return;
        }
        double beta1 = Step5Adam.BETA1;
        double beta2 = Step5Adam.BETA2;
        double eps = Step5Adam.EPS;
        double[] m = state.m;
        double[] v = state.v;
        if (matchLibm && Libm.NATIVE) {
            // Step5Adam's g**2 and v_hat**0.5, the C library's pow's numbers: for most parameters
            // g·g and √v̂ are certain to be them; the rest cross into C in one call each.
            double correction1 = biasCorrection(beta1, step + 1, true);
            double correction2 = biasCorrection(beta2, step + 1, true);
            double[] powers = state.powers;   // first every g**2, then every v_hat**0.5
            double[] vHats = state.vHats;
            // Once a correction is exactly 1.0 (β1 from step 231, β2 from step 3,725), dividing by
            // it changes nothing, so the division, the loop's slowest operation, is skipped.
            boolean divide1 = correction1 != 1.0;
            boolean divide2 = correction2 != 1.0;
            FastLibm.powAll(grad, 2, powers, size, state.undecided);
            for (int i = 0; i < size; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * grad[i];
                v[i] = beta2 * v[i] + (1 - beta2) * powers[i];
                vHats[i] = divide2 ? v[i] / correction2 : v[i];
            }
            FastLibm.powAll(vHats, 0.5, powers, size, state.undecided);
            for (int i = 0; i < size; i++) {
                double mHat = divide1 ? m[i] / correction1 : m[i];
                data[i] -= lrT * mHat / (powers[i] + eps);
                grad[i] = 0;
            }
            return;
        }
        double correction1 = biasCorrection(beta1, step + 1, false);
        double correction2 = biasCorrection(beta2, step + 1, false);
        if (!matchLibm) {
            double inverse1 = 1 / correction1;
            double inverse2 = 1 / correction2;
            for (int i = 0; i < size; i++) {
                double g = grad[i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * (g * g);
                data[i] -= lrT * (m[i] * inverse1) / (Math.sqrt(v[i] * inverse2) + eps);
                grad[i] = 0;
            }
            return;
        }
        for (int i = 0; i < size; i++) {
            double g = grad[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * (g * g);
            double mHat = m[i] / correction1;
            double vHat = v[i] / correction2;
            data[i] -= lrT * mHat / (Math.sqrt(vHat) + eps);
            grad[i] = 0;
        }
    }

    /**
     * Adam's bias correction 1 − β^t. Once β^t is below 2^-54, 1 − β^t rounds to exactly 1.0, so
     * the power is not needed: and getting a power that small correctly rounded is the slow path of
     * {@link FastLibm#crPowInt} (β1 = 0.85 from step 3,838, β2 = 0.99 from step 62,000), a hundred
     * times slower. The answer is the same double either way. {@code libm}: the power as the C
     * library gives it (the tape, matching the readable engine) rather than correctly rounded.
     */
    static double biasCorrection(double beta, int t, boolean libm) {
        if (Math.log(beta) * t < -60 * LN_2) return 1.0;   // β^t < 2^-60: far below 2^-54, whatever Math.log's last bit
        return 1 - (libm ? FastLibm.powInt(beta, t) : FastLibm.crPowInt(beta, t));
    }

    private static final double LN_2 = 0.6931471805599453;
}
