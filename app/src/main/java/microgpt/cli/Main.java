package microgpt.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import microgpt.data.DataSetException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code microgpt} command: one subcommand per job. */
@Command(name = "microgpt",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Build a GPT from scratch in six steps, and the visual guide that explains it.")
public final class Main {

    public static final int BAD_INPUT = 2;

    /** The subcommands by name, in the order the help lists them; each name is its class's {@code @Command} name. */
    static final Map<String, Class<?>> SUBCOMMANDS = new LinkedHashMap<>();
    static {
        SUBCOMMANDS.put("train", TrainCommand.class);
        SUBCOMMANDS.put("sample", SampleCommand.class);
        SUBCOMMANDS.put("bench", BenchCommand.class);
        SUBCOMMANDS.put("gradcheck", GradcheckCommand.class);
        SUBCOMMANDS.put("fidelity", FidelityCommand.class);
        SUBCOMMANDS.put("serve", ServeCommand.class);
        SUBCOMMANDS.put("export-site", ExportSiteCommand.class);
        SUBCOMMANDS.put("help", CommandLine.HelpCommand.class);
    }

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /**
     * The command line for these arguments: when they start with a subcommand's name, only that
     * subcommand is built. picocli builds each command's model by reflection over its
     * annotations, and building the seven a run does not use was 50 ms of a one-second
     * {@code train}. Anything else (no subcommand, {@code help}, an unknown word that picocli
     * then reports) gets them all.
     */
    public static CommandLine commandLine(String... args) {
        boolean one = args.length > 0 && SUBCOMMANDS.containsKey(args[0]) && !args[0].equals("help");
        return build(one ? Set.of(args[0]) : SUBCOMMANDS.keySet());
    }

    private static CommandLine build(Set<String> names) {
        CommandLine cli = new CommandLine(new Main());
        for (String name : names) cli.addSubcommand(name, SUBCOMMANDS.get(name));
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
