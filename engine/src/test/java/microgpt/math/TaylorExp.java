package microgpt.math;

import java.math.BigDecimal;
import java.math.MathContext;

/** The tests' exact e^x: its Taylor series in decimal arithmetic, for arguments small enough that the terms fall fast. */
public final class TaylorExp {

    private TaylorExp() {}

    /** 1 + x + x²/2! + … up to x^(terms−1)/(terms−1)!, each step rounded to {@code mc}. */
    public static BigDecimal of(BigDecimal x, MathContext mc, int terms) {
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; n < terms; n++) {
            term = term.multiply(x, mc).divide(BigDecimal.valueOf(n), mc);
            sum = sum.add(term, mc);
        }
        return sum;
    }
}
