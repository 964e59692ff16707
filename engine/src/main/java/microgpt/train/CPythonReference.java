package microgpt.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalDouble;
import microgpt.math.Libm;

/**
 * What our CPython reference printed: {@code tools/reference/stepN.py}, the spec's algorithm of
 * each step in plain Python, run with seed 42 for 1000 steps on names.txt. The logs, every loss
 * to the last bit ({@code repr}) and the wall-clock times are kept beside the engine, so the tests
 * and the guide can hold a Java run against them ({@code tools/reference/regenerate.sh} rewrites them).
 */
public final class CPythonReference {

    private CPythonReference() {}

    /** The log the script printed, line by line. */
    public static List<String> log(int step) {
        return resource("step" + step + ".log").lines().toList();
    }

    /** Every loss the script computed, at full precision. */
    public static double[] losses(int step) {
        return parseLosses(resource("step" + step + ".losses"));
    }

    /** The .log file as the script wrote it. */
    public static byte[] logFile(int step) {
        return resource("step" + step + ".log").getBytes(StandardCharsets.UTF_8);
    }

    /** The .losses file as the script wrote it. */
    public static byte[] lossesFile(int step) {
        return resource("step" + step + ".losses").getBytes(StandardCharsets.UTF_8);
    }

    /** A .losses file: one {@code repr} of a double per line. */
    public static double[] parseLosses(String text) {
        String[] lines = text.strip().split("\\s+");
        double[] losses = new double[lines.length];
        for (int i = 0; i < lines.length; i++) losses[i] = Double.parseDouble(lines[i]);
        return losses;
    }

    /** What {@code gradcheck.py} printed for the name "yuheng". */
    public static String gradcheck() {
        return resource("gradcheck-yuheng.txt");
    }

    /** How many seconds the script took (timing.txt), if it was timed. */
    public static OptionalDouble seconds(int step) {
        return resource("timing.txt").lines()
                .filter(line -> line.startsWith("step" + step + ": "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .findFirst();
    }

    /**
     * A Java run held against the reference. {@code firstDifferentLine} counts from 1 (0: none);
     * {@code maxLossDifference} is the largest |Java − CPython| over the losses both have.
     */
    public record Comparison(int step, int referenceLines, int javaLines, int identicalLines, int firstDifferentLine,
                             String referenceLine, String javaLine, int losses, double maxLossDifference, int firstDifferentLoss) {

        /** Every line the same, and as many. */
        public boolean logsIdentical() {
            return firstDifferentLine == 0;
        }

        /**
         * The logs identical, and the losses bit for bit with the C library's libm (CPython's own),
         * or within 1e-9 with the pure-Java fallback, which rounds where glibc does not.
         */
        public boolean matches() {
            return logsIdentical() && maxLossDifference <= (Libm.NATIVE ? 0 : 1e-9);
        }
    }

    public static Comparison compare(int step, TrainingRun run) {
        return compare(step, log(step), TrainingLog.lines(step, run), run.losses());
    }

    /** The same, for a caller that already holds both logs (the reference's and the run's, as TrainingLog prints it). */
    public static Comparison compare(int step, List<String> reference, List<String> java, double[] actual) {
        return compare(step, reference, losses(step), java, actual);
    }

    /**
     * The same, with the reference's losses given too: the browser build has no jar to read them
     * from, so the page hands it the files (see {@link #parseLosses}).
     */
    public static Comparison compare(int step, List<String> reference, double[] expected, List<String> java, double[] actual) {
        int identical = 0;
        int firstDifferent = 0;
        for (int i = 0; i < Math.max(reference.size(), java.size()); i++) {
            boolean same = i < reference.size() && i < java.size() && reference.get(i).equals(java.get(i));
            if (same) identical++;
            else if (firstDifferent == 0) firstDifferent = i + 1;
        }
        String referenceLine = firstDifferent == 0 || firstDifferent > reference.size() ? null : reference.get(firstDifferent - 1);
        String javaLine = firstDifferent == 0 || firstDifferent > java.size() ? null : java.get(firstDifferent - 1);

        int n = Math.min(expected.length, actual.length);
        double maxDifference = 0;
        int firstDifferentLoss = 0;
        for (int s = 0; s < n; s++) {
            double difference = Math.abs(expected[s] - actual[s]);
            if (difference > 0 && firstDifferentLoss == 0) firstDifferentLoss = s + 1;
            maxDifference = Math.max(maxDifference, difference);
        }
        return new Comparison(step, reference.size(), java.size(), identical, firstDifferent, referenceLine, javaLine,
                n, maxDifference, firstDifferentLoss);
    }

    /**
     * Which lines to show of two logs side by side (0-based): the header, the first and last
     * training step, the first and last name, and the first line that differs.
     */
    public static List<Integer> excerptLines(int step, int numSteps, int javaLines, Comparison c) {
        int header = step == 0 ? 2 : 3;
        java.util.TreeSet<Integer> shown = new java.util.TreeSet<>();
        for (int i = 0; i <= header; i++) shown.add(i);
        shown.add(header + numSteps - 1);
        shown.add(header + numSteps + 2);
        shown.add(javaLines - 1);
        if (!c.logsIdentical()) shown.add(c.firstDifferentLine() - 1);
        return List.copyOf(shown);
    }

    private static String resource(String name) {
        try (InputStream in = CPythonReference.class.getResourceAsStream("/microgpt/reference/" + name)) {
            if (in == null) throw new IllegalStateException("the engine's jar lacks microgpt/reference/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
