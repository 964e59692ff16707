package microgpt.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import microgpt.math.Libm;
import microgpt.guide.GuideNumbers;
import microgpt.steps.Steps;
import microgpt.train.CPythonReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code microgpt fidelity}: trains each step as {@code train} does by default (seed 42, 1000
 * steps) and holds its log and losses against what our CPython reference printed, the check the
 * guide's "Proof of fidelity" boxes show, from the terminal. Exit code 1 if any step differs.
 */
@Command(name = "fidelity", mixinStandardHelpOptions = true,
        description = "Check each step's log and losses against the CPython reference's, line by line and bit by bit.")
final class FidelityCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin DataOption data;

    @Option(names = "--step", paramLabel = "N", split = ",", description = "only these steps, e.g. --step 0,5 (default: all six)")
    List<Integer> steps;

    @Override
    public Integer call() {
        List<Integer> checked = steps != null ? steps : List.of(0, 1, 2, 3, 4, 5);
        checked.forEach(Steps::requireValid);
        GuideNumbers seededRuns = new GuideNumbers(data.load());   // the guide's runs, each as 'train --step N' runs it
        PrintWriter out = spec.commandLine().getOut();
        out.println("each step trained as 'microgpt train --step N' trains it (seed 42, 1000 steps), against "
                + "tools/reference/stepN.py; exp/log/pow: " + Libm.implementation());
        boolean allSame = true;
        for (int step : checked) {
            CPythonReference.Comparison c = CPythonReference.compare(step, seededRuns.run(step));
            allSame &= c.matches();
            out.println(describe(c));
            out.flush();
        }
        out.println(allSame ? "all identical" : "DIFFERENT: see the lines above");
        out.flush();
        return allSame ? 0 : 1;
    }

    /** "step 5: 1025 of 1025 lines identical; 1000 losses, max |Java - CPython| = 0". */
    static String describe(CPythonReference.Comparison c) {
        String lines = c.identicalLines() + " of " + c.referenceLines() + " lines identical";
        if (!c.logsIdentical()) {
            lines += " (first difference at line " + c.firstDifferentLine() + ": CPython '" + c.referenceLine()
                    + "', Java '" + c.javaLine() + "')";
        }
        String losses = c.losses() + " losses, max |Java - CPython| = "
                + (c.maxLossDifference() == 0 ? "0" : String.format(Locale.ROOT, "%.1e (first at step %d)",
                        c.maxLossDifference(), c.firstDifferentLoss()));
        return "step " + c.step() + ": " + lines + "; " + losses;
    }
}
