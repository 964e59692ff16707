package microgpt.data;

import java.math.BigInteger;
import microgpt.math.Libm;

/**
 * CPython's {@code random.Random}, draw for draw: the Mersenne Twister (MT19937) seeded the way
 * CPython seeds it, and the few methods the steps use, written with the same arithmetic so that
 * {@code new PyRandom(42)} yields exactly what {@code random.seed(42)} yields in Python.
 */
public final class PyRandom {

    private static final int N = 624;
    private static final int M = 397;

    private final int[] state = new int[N];
    private int index;
    private double cachedGauss;
    private boolean hasCachedGauss;

    public PyRandom(long seed) {
        this(BigInteger.valueOf(seed));
    }

    // region seed
    /** Python's {@code seed(n)}: the absolute value of n, cut into 32-bit words, low word first. */
    public PyRandom(BigInteger seed) {
        BigInteger n = seed.abs();
        int words = Math.max(1, (n.bitLength() + 31) / 32);
        int[] key = new int[words];
        for (int i = 0; i < words; i++) {
            key[i] = n.shiftRight(32 * i).intValue();
        }
        initByArray(key);
    }
    // endregion

    private void initGenrand(int s) {
        state[0] = s;
        for (int i = 1; i < N; i++) {
            state[i] = 1812433253 * (state[i - 1] ^ (state[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                state[0] = state[N - 1];
                i = 1;
            }
            if (j >= key.length) j = 0;
        }
        for (int k = N - 1; k > 0; k--) {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                state[0] = state[N - 1];
                i = 1;
            }
        }
        state[0] = 0x80000000;
    }

    /** The next 32 random bits (as an unsigned value in an int). */
    private int genrand() {
        if (index >= N) twist();
        int y = state[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (state[k] & 0x80000000) | (state[(k + 1) % N] & 0x7fffffff);
            int next = state[(k + M) % N] ^ (y >>> 1);
            state[k] = (y & 1) == 0 ? next : next ^ 0x9908b0df;
        }
        index = 0;
    }

    // region random
    /** A double in [0, 1) with 53 random bits: 27 from one word, 26 from the next. */
    public double random() {
        long a = Integer.toUnsignedLong(genrand()) >>> 5;
        long b = Integer.toUnsignedLong(genrand()) >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }
    // endregion

    /** k random bits, 0 ≤ k ≤ 32, taken from the top of one word. */
    public long getrandbits(int k) {
        if (k < 0 || k > 32) throw new IllegalArgumentException("getrandbits supports 0..32 bits, got " + k);
        if (k == 0) return 0;
        return Integer.toUnsignedLong(genrand()) >>> (32 - k);
    }

    /** A uniform integer in [0, n) by rejection: draw bit_length(n) bits until below n. */
    public long randbelow(long n) {
        if (n <= 0 || n > 0xffffffffL) throw new IllegalArgumentException("randbelow needs 0 < n < 2^32, got " + n);
        int k = 64 - Long.numberOfLeadingZeros(n);
        long r = getrandbits(k);
        while (r >= n) r = getrandbits(k);
        return r;
    }

    // region shuffle
    /** Fisher–Yates from the end, as CPython does it. */
    public <T> void shuffle(java.util.List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = (int) randbelow(i + 1);
            T swap = list.get(i);
            list.set(i, list.get(j));
            list.set(j, swap);
        }
    }
    // endregion

    // region gauss
    /** Box–Muller: two normal draws per pair of uniforms; the second waits in a cache. */
    public double gauss(double mu, double sigma) {
        double z;
        if (hasCachedGauss) {
            z = cachedGauss;
            hasCachedGauss = false;
        } else {
            double x2pi = random() * (2.0 * Math.PI);
            double g2rad = Math.sqrt(-2.0 * Libm.log(1.0 - random()));
            z = Libm.cos(x2pi) * g2rad;
            cachedGauss = Libm.sin(x2pi) * g2rad;
            hasCachedGauss = true;
        }
        return mu + z * sigma;
    }
    // endregion

    // region choices
    /** {@code choices(range(n), weights=w)[0]}: walk the running sum to where it passes a uniform draw. */
    public int choice(double[] weights) {
        int n = weights.length;
        double[] cumulative = new double[n];
        double runningSum = 0;
        for (int i = 0; i < n; i++) {
            runningSum = i == 0 ? weights[0] : runningSum + weights[i];
            cumulative[i] = runningSum;
        }
        double total = cumulative[n - 1] + 0.0;
        if (!(total > 0.0) || Double.isInfinite(total)) {
            throw new IllegalArgumentException("weights must sum to a positive finite number");
        }
        double threshold = random() * total;
        for (int i = 0; i < n - 1; i++) {
            if (cumulative[i] > threshold) return i;
        }
        return n - 1;
    }
    // endregion
}
