package microgpt.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the command line in-process and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {

    static final String DATA = dataFile().toString();

    static Path dataFile() {
        return microgpt.data.DataSetLocator.forTests();
    }

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(args);          // as main builds it: only the subcommand named
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The same, with --data pointing at the shared data set. */
    static CliRun withData(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data");
        all.add(DATA);
        return of(all.toArray(String[]::new));
    }

    List<String> lines() {
        return out.lines().toList();
    }
}
