package microgpt.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import microgpt.math.TaylorExp;
import org.junit.jupiter.api.Test;

/**
 * ExpConstants' literals are the constants they stand for: each one is computed here again from
 * ln 2 in 60-digit decimal arithmetic, cut into a double and the rest, and compared bit for bit.
 * If one differs, the message carries every constant as Java source, to paste over the table.
 */
class ExpConstantsTest {

    /** ln 2 to 99 digits. */
    static final BigDecimal LN2 =
            new BigDecimal("0.693147180559945309417232121458176568075500134360255254120680009493393621969694715605863326996418687");
    private static final MathContext MC = new MathContext(60, RoundingMode.HALF_EVEN);
    private static final BigDecimal N = BigDecimal.valueOf(ExpConstants.TABLE_SIZE);

    /** e^x by its Taylor series; 60 terms are far more than |x| < 1 needs at 60 digits. */
    static BigDecimal expBig(BigDecimal x) {
        return TaylorExp.of(x, MC, 60);
    }

    /** The double nearest to {@code exact}, then the double nearest to what it left over. */
    private static double[] hiLo(BigDecimal exact) {
        double hi = exact.doubleValue();
        return new double[] {hi, exact.subtract(new BigDecimal(hi), MC).doubleValue()};
    }

    private record Constant(String name, double expected, double actual) {}

    private static List<Constant> constants() {
        List<Constant> all = new ArrayList<>();
        BigDecimal ln2n = LN2.divide(N, MC);
        all.add(new Constant("INV_LN2_N", N.divide(LN2, MC).doubleValue(), ExpConstants.INV_LN2_N));
        // 34 significant bits: the double of ln2/128 with its lowest 19 bits cleared
        double hi = Double.longBitsToDouble(Double.doubleToRawLongBits(ln2n.doubleValue()) & ~((1L << 19) - 1));
        double[] rest = hiLo(ln2n.subtract(new BigDecimal(hi), MC));
        all.add(new Constant("LN2_N_HI", hi, ExpConstants.LN2_N_HI));
        all.add(new Constant("LN2_N_LO", rest[0], ExpConstants.LN2_N_LO));
        all.add(new Constant("LN2_N_LO2", rest[1], ExpConstants.LN2_N_LO2));
        for (int j = 0; j < ExpConstants.TABLE_SIZE; j++) {
            double[] twoPow = hiLo(expBig(ln2n.multiply(BigDecimal.valueOf(j), MC)));
            all.add(new Constant("TWO_POW_HI[" + j + "]", twoPow[0], ExpConstants.TWO_POW_HI[j]));
            all.add(new Constant("TWO_POW_LO[" + j + "]", twoPow[1], ExpConstants.TWO_POW_LO[j]));
        }
        BigDecimal factorial = BigDecimal.ONE;
        for (int n = 0; n < ExpConstants.INV_FACT_HI.length; n++) {
            if (n > 0) factorial = factorial.multiply(BigDecimal.valueOf(n));
            double[] inverse = hiLo(BigDecimal.ONE.divide(factorial, MC));
            all.add(new Constant("INV_FACT_HI[" + n + "]", inverse[0], ExpConstants.INV_FACT_HI[n]));
            all.add(new Constant("INV_FACT_LO[" + n + "]", inverse[1], ExpConstants.INV_FACT_LO[n]));
        }
        return all;
    }

    @Test
    void everyConstantIsTheDoubleItStandsFor() {
        List<Constant> all = constants();
        List<String> wrong = all.stream()
                .filter(c -> Double.doubleToRawLongBits(c.expected()) != Double.doubleToRawLongBits(c.actual()))
                .map(Constant::name).toList();
        assertEquals(List.of(), wrong, "constants that differ; the whole table, computed:\n" + source(all));
    }

    @Test
    void theTableHasAnEntryForEveryIndexTheReductionUses() {
        assertEquals(1 << ExpConstants.TABLE_BITS, ExpConstants.TWO_POW_HI.length);
        assertEquals(ExpConstants.TWO_POW_HI.length, ExpConstants.TWO_POW_LO.length);
        assertEquals(12, ExpConstants.INV_FACT_HI.length);   // expAccurate's degree-11 Horner loop
        assertEquals(ExpConstants.INV_FACT_HI.length, ExpConstants.INV_FACT_LO.length);
    }

    /** Each constant as {@code NAME = 0x1.…p…}, in hexadecimal, which Java reads back exactly. */
    private static String source(List<Constant> all) {
        StringBuilder text = new StringBuilder();
        for (Constant c : all) text.append(c.name()).append(" = ").append(Double.toHexString(c.expected())).append('\n');
        return text.toString();
    }
}
