package microgpt.guide;

import java.util.List;
import java.util.Locale;
import microgpt.math.Libm;
import microgpt.train.CPythonReference;
import microgpt.train.TrainingLog;
import microgpt.train.TrainingRun;

/**
 * The "Proof of fidelity" block of a step's page ({@code {{fidelity:N}}}): the run this page's
 * numbers come from, held against what our CPython reference printed for the same algorithm. Every
 * figure is measured when the page is rendered; if the logs differ (another data set, say), the
 * block says where, instead of claiming a match.
 */
final class Fidelity {

    private Fidelity() {}

    /** What the template shows. */
    record View(int step, String script, String engine, boolean identical, String summary, String losses, String timing,
                List<Row> excerpt) {}

    /** One line of the log as both printed it. */
    record Row(int line, String python, String java, boolean same) {}

    static View of(GuideNumbers numbers, int step) {
        TrainingRun run = numbers.run(step);
        List<String> python = CPythonReference.log(step);
        List<String> java = TrainingLog.lines(step, run);
        CPythonReference.Comparison c = CPythonReference.compare(step, python, java, run.losses());
        String script = "tools/reference/step" + step + ".py";
        String summary = c.logsIdentical()
                ? "All " + GuideNumbers.count(c.referenceLines()) + " lines of the two logs are identical, character for character: "
                        + "the same " + GuideNumbers.count(c.losses()) + " losses to four decimals and the same twenty names."
                : "The logs differ from line " + c.firstDifferentLine() + " on (" + GuideNumbers.count(c.identicalLines()) + " of "
                        + GuideNumbers.count(c.referenceLines()) + " lines identical). The reference was printed for names.txt "
                        + "with seed 42; a different data set gives a different log.";
        String losses = c.maxLossDifference() == 0
                ? "At full precision the " + GuideNumbers.count(c.losses()) + " losses are bit for bit the same: the largest difference is 0."
                : "At full precision the largest difference between the " + GuideNumbers.count(c.losses()) + " losses is "
                        + String.format(Locale.ROOT, "%.1e", c.maxLossDifference()) + ", first at step " + c.firstDifferentLoss() + ".";
        losses += " Floating-point functions (exp, log, pow): " + Libm.implementation() + ".";
        String timing = CPythonReference.seconds(step).stream()
                .mapToObj(s -> "CPython took " + String.format(Locale.ROOT, "%.1f", s) + " s for these "
                        + GuideNumbers.count(run.losses().length) + " steps; this engine takes "
                        + GuideNumbers.count(numbers.trainMillis(step)) + " ms (the median of "
                        + GuideNumbers.count(GuideNumbers.TIMED_RUNS) + " timed trainings).")
                .findFirst().orElse("");
        return new View(step, script, GuideNumbers.engineOf(step), c.logsIdentical(), summary, losses, timing, excerpt(step, run, python, java, c));
    }

    /** The lines {@link CPythonReference#excerptLines} picks, as both printed them. */
    private static List<Row> excerpt(int step, TrainingRun run, List<String> python, List<String> java,
                                     CPythonReference.Comparison c) {
        return CPythonReference.excerptLines(step, run.losses().length, java.size(), c).stream()
                .map(i -> new Row(i + 1, line(python, i), line(java, i), line(python, i).equals(line(java, i))))
                .toList();
    }

    private static String line(List<String> lines, int i) {
        return i < lines.size() ? lines.get(i) : "(no line)";
    }
}
