package microgpt.cli;

import microgpt.data.DataSetException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code microgpt} command: one subcommand per job. */
@Command(name = "microgpt",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Build a GPT from scratch in six steps, and the visual guide that explains it.",
        subcommands = {TrainCommand.class, SampleCommand.class, BenchCommand.class, GradcheckCommand.class, FidelityCommand.class,
                ServeCommand.class, ExportSiteCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by the tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // Every subcommand has --version too (mixinStandardHelpOptions); it printed nothing.
        for (CommandLine sub : cli.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(cli.getCommandSpec().versionProvider());
        }
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            if (exception instanceof DataSetException || exception instanceof IllegalArgumentException
                    || exception instanceof microgpt.queries.BadRequest) {
                commandLine.getErr().println("microgpt: " + exception.getMessage());
                return BAD_INPUT;
            }
            if (exception instanceof TrainingDiverged) {
                commandLine.getErr().println("microgpt: " + exception.getMessage());
                return TrainingDiverged.EXIT_CODE;
            }
            if (exception instanceof java.io.IOException) {
                // A file that could not be read or written: one line, not a stack trace.
                commandLine.getErr().println("microgpt: " + exception.getMessage());
                return 1;
            }
            throw exception;
        });
        AsciiNumbers.registerWith(cli);
        cli.setParameterExceptionHandler((exception, args) -> {
            // One line, like every other error, with the pointer to the help inside it.
            CommandLine command = exception.getCommandLine();
            command.getErr().println("microgpt: " + exception.getMessage().strip().replaceAll("\\s*\\R\\s*", " ")
                    + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
            return BAD_INPUT;
        });
        return cli;
    }
}
