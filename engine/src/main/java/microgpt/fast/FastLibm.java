package microgpt.fast;

import microgpt.math.CorrectlyRounded;
import microgpt.math.FloatingPoint;
import microgpt.math.Fma;
import microgpt.math.Libm;

import static microgpt.fast.ExpConstants.INV_FACT_HI;
import static microgpt.fast.ExpConstants.INV_FACT_LO;
import static microgpt.fast.ExpConstants.INV_LN2_N;
import static microgpt.fast.ExpConstants.LN2_N_HI;
import static microgpt.fast.ExpConstants.LN2_N_LO;
import static microgpt.fast.ExpConstants.LN2_N_LO2;
import static microgpt.fast.ExpConstants.TABLE_BITS;
import static microgpt.fast.ExpConstants.TABLE_SIZE;
import static microgpt.fast.ExpConstants.TWO_POW_HI;
import static microgpt.fast.ExpConstants.TWO_POW_LO;

/**
 * The few math functions a training step calls, fast.
 *
 * <p>Two families:
 * <ul>
 *   <li>{@link #exp}, {@link #log}, {@link #pow}, {@link #powAll}, {@link #powInt}: exactly
 *       what {@link Libm} returns, so the tape engine stays bit for bit the readable one. When
 *       Libm calls the C library (the JNI shim; {@link Libm#NATIVE}), these return the C
 *       library's double without asking it wherever that double is certain (see
 *       {@link #libmMustReturn}), and ask it otherwise. When Libm is {@link CorrectlyRounded},
 *       these are the fast versions below.</li>
 *   <li>{@link #crExp}, {@link #crLog}, {@link #crPow}, {@link #crPowInt}: the correctly rounded
 *       value, exactly what {@link CorrectlyRounded} returns, about 50 times faster (no JNI
 *       call, no objects). The fused engine uses these in every mode.</li>
 * </ul>
 *
 * <p>Why the fast versions are exact (Ziv's strategy): compute the result as an unevaluated sum
 * {@code hi + lo} whose error is provably below a bound {@code E} far smaller than half an ulp,
 * then check whether every value in {@code [hi + lo − E, hi + lo + E]} rounds to the same
 * double. If so, that double is the correctly rounded result, which is also what
 * {@link CorrectlyRounded} returns (it is correctly rounded except within about 2^-100 of a
 * rounding boundary, and such arguments never pass this test). If not (about one exp call in a
 * thousand, practically never for the others), ask {@link CorrectlyRounded}. Arguments outside
 * the ranges analysed below go to it as well. (In between sits a second, object-free
 * evaluation to about 2^-99, so that the slow path is practically never taken and a training
 * step allocates nothing.)
 */
public final class FastLibm {

    private FastLibm() {}

    // exp's reduction constants and its table of 2^(j/128) are in ExpConstants, written out as
    // literals: computed here in decimal arithmetic, they cost 45 ms of every start.

    // ---------------------------------------------------------------------------- rounding

    /**
     * True when every real number within {@code err} of {@code hi + lo} rounds to {@code hi}
     * (lo must satisfy |lo| ≤ ulp(hi)/2, as a fast two-sum leaves it). Monotonic rounding of
     * {@code lo ± err} keeps the comparison safe: an exact value on or past the boundary can
     * only round onto it, never back inside.
     */
    private static boolean roundsToHi(double hi, double lo, double err) {
        double ulp = FloatingPoint.ulp(hi);
        double halfUp = 0.5 * ulp;
        // Below a power of two the next double is only half an ulp away.
        boolean powerOfTwo = (Double.doubleToRawLongBits(hi) & 0x000fffffffffffffL) == 0;
        double halfDown = powerOfTwo ? 0.25 * ulp : halfUp;
        return lo + err < halfUp && lo - err > -halfDown;
    }

    /**
     * The largest error, in ulps of the exact value, of the C library's exp, log and pow: glibc's
     * and musl's current versions (the same code) document 0.511, 0.519 and 0.54; older glibc's
     * were correctly rounded (0.5).
     */
    static final double LIBM_MAX_ULP_ERROR = 0.55;

    /**
     * True when the C library must return {@code hi} for an exact value within {@code err} of
     * {@code hi + lo}: the exact value is within 0.45 ulp of hi, so every other double is more
     * than 0.55 ulp away from it, more than the C library can err. At a power of two the gap
     * below is half as wide (and the exact value's ulp may be the smaller one): those go to the
     * C library. About one call in ten fails this test and asks the C library.
     */
    static boolean libmMustReturn(double hi, double lo, double err) {
        if ((Double.doubleToRawLongBits(hi) & 0x000fffffffffffffL) == 0) return false;
        double margin = (1 - LIBM_MAX_ULP_ERROR) * FloatingPoint.ulp(hi);
        return lo + err < margin && lo - err > -margin;
    }

    /** How many values the C library was asked for since start (for the tests: most must not be). */
    static final java.util.concurrent.atomic.AtomicLong LIBM_CALLS = new java.util.concurrent.atomic.AtomicLong();

    private static double askLibm(double value) {
        LIBM_CALLS.incrementAndGet();
        return value;
    }

    /**
     * {@link #libmMustReturn} for p = x·x, without its general cases: p's exponent field says its
     * ulp; p must be comfortably normal (so the error fma gives is exact) and not a power of two.
     */
    private static boolean squareIsLibms(double x, double p) {
        long bits = Double.doubleToRawLongBits(p);     // p ≥ 0: the top bits are the exponent
        long exponent = bits >>> 52;
        double ulp = Double.longBitsToDouble((exponent - 52) << 52);
        return exponent > 100 && exponent < 2000 && (bits & 0x000fffffffffffffL) != 0
                && Math.abs(Fma.fma(x, x, -p)) < (1 - LIBM_MAX_ULP_ERROR) * ulp;
    }

    /**
     * The same for r = √x: the exact root is r + (x − r²)/(√x + r), x − r² exact by fma, and
     * √x + r ≥ 2r(1 − 2^-53); so |x − r²| < 0.89·ulp·r keeps it within 0.45 ulp of r.
     */
    private static boolean rootIsLibms(double x, double r) {
        long bits = Double.doubleToRawLongBits(r);
        long exponent = bits >>> 52;                   // r ≥ 0, or NaN (which fails below)
        double ulp = Double.longBitsToDouble((exponent - 52) << 52);
        return exponent > 100 && exponent < 2000 && (bits & 0x000fffffffffffffL) != 0
                && Math.abs(Fma.fma(-r, r, x)) < 2 * (1 - LIBM_MAX_ULP_ERROR) * (1 - 0x1p-50) * ulp * r;
    }

    /** A fast path's "cannot tell": the caller asks the slow path (Libm or CorrectlyRounded). */
    private static final double UNDECIDED = Double.NaN;

    /** hi if it is the answer wanted (the C library's when {@code libm}, else the correctly rounded one), else {@link #UNDECIDED}. */
    private static double decide(double hi, double lo, double err, boolean libm) {
        return (libm ? libmMustReturn(hi, lo, err) : roundsToHi(hi, lo, err)) ? hi : UNDECIDED;
    }

    // -------------------------------------------------------------------------------- exp

    /** The relative error bound of the double-double e^x below (the analysis gives < 2^-66). */
    private static final double EXP_ERR = 0x1p-63;

    /** Exactly {@link Libm#exp(double)}. */
    public static double exp(double x) {
        if (!Libm.NATIVE) return crExp(x);
        double e = fastExp(x, true);
        return e == e ? e : askLibm(Libm.exp(x));
    }

    /** e^x correctly rounded: exactly {@link CorrectlyRounded#exp(double)}. */
    public static double crExp(double x) {
        double e = fastExp(x, false);
        if (e == e) return e;
        return x >= -707.0 && x <= 709.0 ? expSlow(x) : CorrectlyRounded.exp(x);
    }

    /** e^x from a double-double to 2^-63, if that decides it ({@link #decide}); else {@link #UNDECIDED}. */
    private static double fastExp(double x, boolean libm) {
        // Outside [-707, 709] the result may be subnormal or infinite: leave those to the slow path.
        if (!(x >= -707.0 && x <= 709.0)) return UNDECIDED;
        // x = k·ln2/128 + r, |r| ≤ ln2/256 (+ rounding of k). k·hi is exact and x − k·hi is
        // exact by Sterbenz's lemma; r is kept as rh + rl to absorb the k·lo part.
        double kd = FloatingPoint.rint(x * INV_LN2_N);
        int k = (int) kd;
        double a = x - kd * LN2_N_HI;
        double b = kd * LN2_N_LO;                      // |b| < 2^-25, rounding error < 2^-78
        double rh = a - b;
        double bv = rh - a;                            // two-sum: rl is the exact error of a − b
        double rl = (a - (rh - bv)) + (-b - bv);
        // e^r − 1 = r + r²(1/2 + r/6 + r²/24 + r³/120 + r⁴/720) + O(r⁷ ≈ 2^-72)
        double poly = rh * rh * (0.5 + rh * (1.0 / 6 + rh * (1.0 / 24 + rh * (1.0 / 120 + rh * (1.0 / 720)))));
        int j = k & (TABLE_SIZE - 1);
        double th = TWO_POW_HI[j];
        double tl = TWO_POW_LO[j];
        // T·e^r = th + th·rh + [th·(rl + poly) + tl·(1 + rh)], the first product kept exact.
        double ph = th * rh;
        double pl = Fma.fma(th, rh, -ph);
        double sh = th + ph;                           // fast two-sum, |th| ≥ |ph|
        double sl = ph - (sh - th);
        double tail = sl + pl + tl + th * (rl + poly) + tl * rh;
        double yh = sh + tail;
        double yl = tail - (yh - sh);
        return decide(yh, yl, EXP_ERR * yh, libm) * twoTo(k >> TABLE_BITS);   // exact: the result is a normal number
    }

    /** The relative error bound of {@link #expAccurate} (the analysis gives < 2^-99). */
    private static final double EXP_ACCURATE_ERR = 0x1p-92;

    /**
     * The rare argument whose e^x lies within 2^-63 of a rounding boundary: ask the 2^-99
     * version, and only if that cannot decide either (about once in 2^36 calls), Libm's
     * double-double objects. Keeping this path free of objects keeps a training step free of
     * allocation.
     */
    private static double expSlow(double x) {
        if (x >= -660.0 && x <= 709.0) {
            double hi = expAccurate(x, false);
            double lo = expAccurate(x, true);
            if (roundsToHi(hi, lo, EXP_ACCURATE_ERR * hi)) return hi;
        }
        return CorrectlyRounded.exp(x);
    }

    /**
     * e^x as hi + lo to about 2^-99 relative, for −660 ≤ x ≤ 709 (where lo stays a normal
     * number): the reduction of {@link #crExp} with ln2/128 in three parts, e^r − 1 to degree 11
     * by Horner's rule in double-double, all in local variables. Returns hi, or lo if asked
     * (Java has no pair to return without an object, and this path is rare enough to run twice).
     */
    static double expAccurate(double x, boolean wantLo) {
        double kd = FloatingPoint.rint(x * INV_LN2_N);
        int k = (int) kd;
        double a = x - kd * LN2_N_HI;                  // exact
        double bh = kd * LN2_N_LO;
        double bl = Fma.fma(kd, LN2_N_LO, -bh) + kd * LN2_N_LO2;
        double rh = a - bh;                            // r = a − (bh + bl), as a double-double
        double bv = rh - a;
        double rl = ((a - (rh - bv)) + (-bh - bv)) - bl;
        double s = rh + rl;
        rl = rl - (s - rh);
        rh = s;
        double qh = INV_FACT_HI[11];
        double ql = INV_FACT_LO[11];
        for (int n = 10; n >= 1; n--) {                // q = q·r + 1/n!
            double ph = qh * rh;
            double pl = Fma.fma(qh, rh, -ph) + (qh * rl + ql * rh);
            double ch = INV_FACT_HI[n];
            double th = ch + ph;                       // |1/n!| ≥ |q·r|: fast two-sum
            double tl = (ch - th) + ph + pl + INV_FACT_LO[n];
            qh = th + tl;
            ql = tl - (qh - th);
        }
        double ph = qh * rh;                           // e^r − 1 = q·r
        double pl = Fma.fma(qh, rh, -ph) + (qh * rl + ql * rh);
        qh = ph + pl;
        ql = pl - (qh - ph);
        int j = k & (TABLE_SIZE - 1);
        double th = TWO_POW_HI[j];
        double tl = TWO_POW_LO[j];
        double mh = th * qh;                           // T·(1 + q) = T + T·q
        double ml = Fma.fma(th, qh, -mh) + (th * ql + tl * qh);
        double sh = th + mh;
        double sl = (th - sh) + mh + ml + tl;
        double hi = sh + sl;
        double lo = sl - (hi - sh);
        return (wantLo ? lo : hi) * twoTo(k >> TABLE_BITS);
    }

    /** 2^m for −1022 ≤ m ≤ 1023. */
    private static double twoTo(int m) {
        return Double.longBitsToDouble((long) (m + 1023) << 52);
    }

    // -------------------------------------------------------------------------------- log

    /** The absolute error bound of the refined log below (the analysis gives < 2^-64.5). */
    private static final double LOG_ERR = 0x1p-62;

    /** Exactly {@link Libm#log(double)}. */
    public static double log(double x) {
        if (!Libm.NATIVE) return crLog(x);
        double y = fastLog(x, true);
        return y == y ? y : askLibm(Libm.log(x));
    }

    /** The natural logarithm correctly rounded: exactly {@link CorrectlyRounded#log(double)}. */
    public static double crLog(double x) {
        double y = fastLog(x, false);
        if (y == y) return y;
        return x >= 0x1p-1000 && x <= 0x1p1000 ? logSlow(x, Math.log(x)) : CorrectlyRounded.log(x);
    }

    /** log x from a refinement to 2^-62 absolute, if that decides it ({@link #decide}); else {@link #UNDECIDED}. */
    private static double fastLog(double x, boolean libm) {
        if (!(x >= 0x1p-1000 && x <= 0x1p1000)) return UNDECIDED;
        // y0 = Math.log(x) is within an ulp or so. log x = y0 + log(x·e^−y0) = y0 + log1p(d)
        // with d = x·e^−y0 − 1 ≈ 2^-52: log1p(d) = d − d²/2 + O(2^-156). e^−y0 is needed to
        // about 2^-66 (its error becomes d's error): the same double-double exp as above.
        double y0 = Math.log(x);
        double z = -y0;
        double kd = FloatingPoint.rint(z * INV_LN2_N);
        int k = (int) kd;
        double a = z - kd * LN2_N_HI;
        double b = kd * LN2_N_LO;
        double rh = a - b;
        double bv = rh - a;
        double rl = (a - (rh - bv)) + (-b - bv);
        double poly = rh * rh * (0.5 + rh * (1.0 / 6 + rh * (1.0 / 24 + rh * (1.0 / 120 + rh * (1.0 / 720)))));
        int j = k & (TABLE_SIZE - 1);
        double th = TWO_POW_HI[j];
        double tl = TWO_POW_LO[j];
        double ph = th * rh;
        double pl = Fma.fma(th, rh, -ph);
        double sh = th + ph;
        double sl = ph - (sh - th);
        double tail = sl + pl + tl + th * (rl + poly) + tl * rh;
        // e^−y0 = (sh + tail)·2^m; x·2^m is exact, so d = x·2^m·(sh + tail) − 1.
        double xs = x * twoTo(k >> TABLE_BITS);
        double qh = xs * sh;
        double ql = Fma.fma(xs, sh, -qh);
        double d = ((qh - 1.0) + ql) + xs * tail;      // qh − 1 is exact (qh ≈ 1)
        double corr = d - 0.5 * d * d;
        double yh = y0 + corr;
        double yl = corr - (yh - y0);
        // d carries an absolute error of about 2^-65 (from e^−y0 and the roundings of its
        // 2^-18-sized terms), and so does the result. Near x = 1 that is more than half an ulp
        // of the tiny result, and the test sends the call to the slow path.
        return decide(yh, yl, LOG_ERR, libm);
    }

    /** The same refinement with the 2^-99 exp; Libm's objects only if that cannot decide. */
    private static double logSlow(double x, double y0) {
        if (x >= 0x1p-900 && x <= 0x1p900) {
            double eh = expAccurate(-y0, false);       // e^−y0 ≈ 1/x
            double el = expAccurate(-y0, true);
            double qh = x * eh;
            double ql = Fma.fma(x, eh, -qh);
            double d = ((qh - 1.0) + ql) + x * el;     // error about 2^-98: e^−y0's, times x·e^−y0 ≈ 1
            double corr = d - 0.5 * d * d;             // + d³/3 ≈ 2^-156
            double yh = y0 + corr;
            double yl = corr - (yh - y0);
            if (roundsToHi(yh, yl, 0x1p-92)) return yh;
        }
        return CorrectlyRounded.log(x);
    }

    // -------------------------------------------------------------------------------- pow

    /** Relative error bound of the double-double results below (analysis: < 2^-100). */
    private static final double POW_ERR = 0x1p-90;

    /** Exactly {@link Libm#pow(double, double)}. */
    public static double pow(double x, double y) {
        if (!Libm.NATIVE) return crPow(x, y);
        double p = fastPow(x, y, true);
        return p == p ? p : askLibm(Libm.pow(x, y));
    }

    /** A scratch list of the elements {@link #powAll} could not decide, sized for n elements. */
    public static final class Undecided {
        final int[] index;
        final double[] in;
        final double[] out;

        public Undecided(int n) {
            index = new int[n];
            in = new double[n];
            out = new double[n];
        }
    }

    /**
     * Exactly {@link Libm#powAll}: out[i] = x[i]^y for i &lt; n. With the C library in use, only the
     * elements the fast path cannot decide cross into C, all in one call.
     */
    public static void powAll(double[] x, double y, double[] out, int n, Undecided scratch) {
        if (!Libm.NATIVE) {
            for (int i = 0; i < n; i++) out[i] = crPow(x[i], y);
            return;
        }
        int undecided = 0;
        if (y == 2.0) {                                // Adam's g²: the loop of fastPow's square, unrolled for speed
            for (int i = 0; i < n; i++) {
                double xi = x[i];
                double p = xi * xi;
                out[i] = p;
                if (!squareIsLibms(xi, p) && xi != 0) {   // (±0)² is +0 in C by definition
                    scratch.index[undecided] = i;
                    scratch.in[undecided++] = xi;
                }
            }
        } else if (y == 0.5) {                         // Adam's √v̂, likewise
            for (int i = 0; i < n; i++) {
                double xi = x[i];
                double r = Math.sqrt(xi);
                out[i] = r;
                if (!rootIsLibms(xi, r)) {
                    if (xi == 0) {
                        out[i] = 0.0;                  // C: pow(±0, 0.5) = +0
                        continue;
                    }
                    scratch.index[undecided] = i;
                    scratch.in[undecided++] = xi;
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                double p = fastPow(x[i], y, true);
                out[i] = p;
                if (p != p) {
                    scratch.index[undecided] = i;
                    scratch.in[undecided++] = x[i];
                }
            }
        }
        if (undecided == 0) return;
        LIBM_CALLS.addAndGet(undecided);
        Libm.powAll(scratch.in, y, scratch.out, undecided);
        for (int u = 0; u < undecided; u++) out[scratch.index[u]] = scratch.out[u];
    }

    /**
     * x^y correctly rounded: exactly {@link CorrectlyRounded#pow(double, double)}. The exponents
     * a training step uses (−0.5 and −1.5 in rmsnorm and its local gradient, −1 and −2 in
     * division and its local gradient, 0.5, 1 and 2) have fast paths for positive normal x;
     * everything else takes the slow path.
     */
    public static double crPow(double x, double y) {
        double p = fastPow(x, y, false);
        return p == p ? p : CorrectlyRounded.pow(x, y);
    }

    /**
     * The fast paths: x^y if they decide it, else {@link #UNDECIDED}. Correctly rounded, x², √x
     * and 1/x are one IEEE operation each; for the C library's value their exact error decides.
     */
    private static double fastPow(double x, double y, boolean libm) {
        // C's pow is exact here by definition: (±0)^y = +0 for y > 0 not an odd integer (a
        // parameter no name used has a zero gradient, and its v̂ stays zero until one does).
        if (x == 0 && (y == 2.0 || y == 0.5)) return 0.0;
        if (y == 2.0 && Math.abs(x) >= 0x1p-400 && Math.abs(x) <= 0x1p400) {
            double p = x * x;
            return libm ? decide(p, Fma.fma(x, x, -p), 0, true) : p;
        }
        if (x >= 0x1p-400 && x <= 0x1p400 && x != 1.0) {
            if (y == -0.5) return invSqrt(x, libm);
            if (y == -1.5) return invSqrtCubed(x, libm);
            if (y == -2.0) return invSquare(x, libm);
            if (y == -1.0) {                           // as Libm: one correctly rounded division
                double q = 1.0 / x;
                return libm ? decide(q, Fma.fma(-q, x, 1.0) / x, POW_ERR * q, true) : q;
            }
            if (y == 0.5) {                            // √x = r + (x − r²)/(2r), x − r² exact
                double r = Math.sqrt(x);
                return libm ? decide(r, Fma.fma(-r, r, x) / (2 * r), POW_ERR * r, true) : r;
            }
            if (y == 1.0) return x;
        }
        return UNDECIDED;
    }

    /** x^n for a whole number n (Adam's β^(s+1)): exactly {@link Libm#pow(double, double)}. */
    public static double powInt(double x, int n) {
        return Libm.NATIVE ? Libm.pow(x, n) : crPowInt(x, n);
    }

    /**
     * x^n correctly rounded for a whole number n ≥ 1, exactly {@link CorrectlyRounded#pow}: binary
     * exponentiation in double-double. Each double-double product errs by less than 2^-104
     * relative and there are at most 62 of them, so the result is within 2^-97 of x^n.
     */
    public static double crPowInt(double x, int n) {
        if (!(x >= 0x1p-20 && x <= 0x1p20) || n < 1 || n > (1 << 30)) return slowPow(x, n);
        // log2(x^n), good to many digits: enough to steer clear of under- and overflow.
        double log2 = Math.log(x) * 1.4426950408889634 * n;
        if (log2 < -1100) return 0.0;        // below half the smallest subnormal: the correctly rounded value is +0
        if (Math.abs(log2) > 900) return slowPow(x, n);   // the low halves below would go subnormal
        double rh = 1.0, rl = 0.0;        // result
        double bh = x, bl = 0.0;          // x^(2^i)
        int e = n;
        while (true) {
            if ((e & 1) != 0) {
                double ph = rh * bh;
                double pl = Fma.fma(rh, bh, -ph) + (rh * bl + rl * bh);
                rh = ph + pl;
                rl = pl - (rh - ph);
            }
            e >>>= 1;
            if (e == 0) break;
            double sh = bh * bh;
            double sl = Fma.fma(bh, bh, -sh) + 2 * bh * bl;
            bh = sh + sl;
            bl = sl - (bh - sh);
        }
        if (!roundsToHi(rh, rl, POW_ERR * rh)) return slowPow(x, n);
        return rh;
    }

    /** How many times {@link #crPowInt} has left its fast path (for the tests: Adam's long runs must not). */
    static final java.util.concurrent.atomic.AtomicLong POW_INT_SLOW_CALLS = new java.util.concurrent.atomic.AtomicLong();

    private static double slowPow(double x, int n) {
        POW_INT_SLOW_CALLS.incrementAndGet();
        return CorrectlyRounded.pow(x, n);
    }

    /** x^-1/2: one Newton step from 1/√x in double-double. */
    private static double invSqrt(double x, boolean libm) {
        double y0 = 1.0 / Math.sqrt(x);
        double corr = invSqrtCorrection(x, y0);
        double yh = y0 + corr;
        double yl = corr - (yh - y0);
        return decide(yh, yl, POW_ERR * yh, libm);
    }

    /** y0·e/2 with e = 1 − x·y0², computed exactly enough: x^-1/2 = y0·(1 + e/2 + 3e²/8 + …). */
    private static double invSqrtCorrection(double x, double y0) {
        double p = y0 * y0;
        double pl = Fma.fma(y0, y0, -p);              // y0² = p + pl exactly
        double q = x * p;
        double ql = Fma.fma(x, p, -q);                // x·p = q + ql exactly
        double e = ((1.0 - q) - ql) - x * pl;          // 1 − q is exact (q ≈ 1); |e| ≈ 2^-52
        return y0 * (e * (0.5 + 0.375 * e));
    }

    /** x^-3/2 = x^-1/2 / x, the division done in double-double. */
    private static double invSqrtCubed(double x, boolean libm) {
        double y0 = 1.0 / Math.sqrt(x);
        double corr = invSqrtCorrection(x, y0);
        double sh = y0 + corr;
        double sl = corr - (sh - y0);
        double q1 = sh / x;
        double r = Fma.fma(-q1, x, sh);               // the exact remainder of sh / x
        double q2 = (r + sl) / x;
        double yh = q1 + q2;
        double yl = q2 - (yh - q1);
        return decide(yh, yl, POW_ERR * yh, libm);
    }

    /** x^-2 = 1 / (x² as a double-double). */
    private static double invSquare(double x, boolean libm) {
        double p = x * x;
        double pl = Fma.fma(x, x, -p);
        double q1 = 1.0 / p;
        double r = Fma.fma(-q1, p, 1.0) - q1 * pl;   // 1 − q1·(p + pl), the first part exact
        double q2 = r / p;
        double yh = q1 + q2;
        double yl = q2 - (yh - q1);
        return decide(yh, yl, POW_ERR * yh, libm);
    }
}
