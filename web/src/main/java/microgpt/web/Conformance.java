package microgpt.web;

import microgpt.data.PyFormat;
import microgpt.data.PyRandom;
import microgpt.fast.FastLibm;
import microgpt.math.CorrectlyRounded;
import microgpt.math.FloatingPoint;
import microgpt.math.Fma;

/**
 * The engine's arithmetic on given arguments, so a test can hold the browser build against the
 * JVM bit for bit: TeaVM's class library is not the JDK's (its {@code Math.rint} and
 * {@code Math.ulp} were wrong), and this is where a difference would show first.
 *
 * <p>Each line is {@code FUNCTION ARG…}, the doubles as their 64 bits in hexadecimal; each
 * answer line is the result's bits (or its text). The JVM side is {@code microgpt.web.ConformanceTest}.
 */
final class Conformance {

    private Conformance() {}

    static String run(String vectors) {
        StringBuilder out = new StringBuilder();
        for (String line : vectors.split("\n")) {
            if (line.isEmpty()) continue;
            out.append(evaluate(line.split(" "))).append('\n');
        }
        return out.toString();
    }

    static String evaluate(String[] f) {
        return switch (f[0]) {
            case "fma" -> bits(Fma.fma(d(f[1]), d(f[2]), d(f[3])));
            case "exp" -> bits(CorrectlyRounded.exp(d(f[1])));
            case "log" -> bits(CorrectlyRounded.log(d(f[1])));
            case "pow" -> bits(CorrectlyRounded.pow(d(f[1]), d(f[2])));
            case "sin" -> bits(CorrectlyRounded.sin(d(f[1])));
            case "cos" -> bits(CorrectlyRounded.cos(d(f[1])));
            case "crExp" -> bits(FastLibm.crExp(d(f[1])));
            case "crLog" -> bits(FastLibm.crLog(d(f[1])));
            case "crPow" -> bits(FastLibm.crPow(d(f[1]), d(f[2])));
            case "crPowInt" -> bits(FastLibm.crPowInt(d(f[1]), Integer.parseInt(f[2])));
            case "rint" -> bits(FloatingPoint.rint(d(f[1])));
            case "ulp" -> bits(FloatingPoint.ulp(d(f[1])));
            case "sqrt" -> bits(Math.sqrt(d(f[1])));
            case "toString" -> Double.toString(d(f[1]));
            case "parse" -> bits(Double.parseDouble(f[1]));
            case "fixed4" -> PyFormat.fixed(d(f[1]), 4);
            case "random" -> randoms(Long.parseLong(f[1]), Integer.parseInt(f[2]));
            default -> throw new IllegalArgumentException("no function " + f[0]);
        };
    }

    /** n draws of random() then gauss(0, 1) from PyRandom(seed), as bits. */
    private static String randoms(long seed, int n) {
        PyRandom rng = new PyRandom(seed);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) out.append(bits(rng.random())).append(',').append(bits(rng.gauss(0, 1))).append(',');
        return out.toString();
    }

    /** 16 hexadecimal digits back to the double (TeaVM's Long has no parseUnsignedLong: two halves). */
    private static double d(String hexBits) {
        String padded = "0000000000000000".substring(hexBits.length()) + hexBits;
        long high = Long.parseLong(padded.substring(0, 8), 16);
        long low = Long.parseLong(padded.substring(8), 16);
        return Double.longBitsToDouble(high << 32 | low);
    }

    private static String bits(double x) {
        return Long.toHexString(Double.doubleToRawLongBits(x));
    }
}
