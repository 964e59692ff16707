package microgpt.math;

/**
 * A number held as the unevaluated sum {@code hi + lo} of two doubles, with about 106 bits of
 * precision. {@link Libm} computes in this format and rounds once at the end, which is how it
 * gets the last bit right.
 *
 * <p>The building blocks are the two error-free transformations: {@code twoSum} (the exact error
 * of an addition) and {@code twoProduct} (the exact error of a multiplication, from a fused
 * multiply-add).
 */
record DoubleDouble(double hi, double lo) {

    static final DoubleDouble ONE = new DoubleDouble(1.0, 0.0);

    static DoubleDouble of(double x) {
        return new DoubleDouble(x, 0.0);
    }

    /** Exact sum of two doubles. */
    static DoubleDouble twoSum(double a, double b) {
        double s = a + b;
        double bVirtual = s - a;
        double error = (a - (s - bVirtual)) + (b - bVirtual);
        return new DoubleDouble(s, error);
    }

    /** Exact sum when |a| >= |b| (or a is zero). */
    private static DoubleDouble fastTwoSum(double a, double b) {
        double s = a + b;
        return new DoubleDouble(s, b - (s - a));
    }

    /** Exact product of two doubles. */
    static DoubleDouble twoProduct(double a, double b) {
        double p = a * b;
        return new DoubleDouble(p, Fma.fma(a, b, -p));
    }

    DoubleDouble add(DoubleDouble y) {
        DoubleDouble s = twoSum(hi, y.hi);
        DoubleDouble t = twoSum(lo, y.lo);
        DoubleDouble u = fastTwoSum(s.hi, s.lo + t.hi);
        return fastTwoSum(u.hi, u.lo + t.lo);
    }

    DoubleDouble add(double y) {
        DoubleDouble s = twoSum(hi, y);
        return fastTwoSum(s.hi, s.lo + lo);
    }

    DoubleDouble negate() {
        return new DoubleDouble(-hi, -lo);
    }

    DoubleDouble subtract(DoubleDouble y) {
        return add(y.negate());
    }

    DoubleDouble multiply(DoubleDouble y) {
        DoubleDouble p = twoProduct(hi, y.hi);
        return fastTwoSum(p.hi, p.lo + (hi * y.lo + lo * y.hi));
    }

    DoubleDouble multiply(double y) {
        DoubleDouble p = twoProduct(hi, y);
        return fastTwoSum(p.hi, p.lo + lo * y);
    }

    /** Multiplication by a power of two is exact. */
    DoubleDouble scale(int powerOfTwo) {
        return new DoubleDouble(Math.scalb(hi, powerOfTwo), Math.scalb(lo, powerOfTwo));
    }

    /** Long division: three quotient digits, each correcting the remainder of the last. */
    DoubleDouble divide(DoubleDouble y) {
        double q1 = hi / y.hi;
        DoubleDouble r = subtract(y.multiply(q1));
        double q2 = r.hi / y.hi;
        r = r.subtract(y.multiply(q2));
        double q3 = r.hi / y.hi;
        return fastTwoSum(q1, q2).add(q3);
    }
}
