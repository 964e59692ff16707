package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The help writes every range as the README does, with an en dash ("steps 3–5", "1–512"): it
 * mixed "1–5", "3-5" and "0 to 5". Error messages are sentences and say "steps 3 to 5".
 */
class HelpTest {

    static final Pattern HYPHEN_OR_WORD_RANGE = Pattern.compile("\\d ?- ?\\d|\\d to \\d");

    @ParameterizedTest
    @ValueSource(strings = {"", "train", "sample", "bench", "gradcheck", "fidelity", "serve", "export-site"})
    void everyRangeInTheHelpIsWrittenWithAnEnDash(String command) {
        CliRun run = command.isEmpty() ? CliRun.of("--help") : CliRun.of(command, "--help");
        assertEquals(0, run.exitCode(), run.err());
        for (String line : run.lines()) assertFalse(HYPHEN_OR_WORD_RANGE.matcher(line).find(), line);
    }

    @Test
    void theHelpGivesTheRangesTheCommandsEnforce() {
        String train = CliRun.of("train", "--help").out();
        assertTrue(train.contains("training steps, 1–" + TrainCommand.grouped(TrainCommand.MAX_STEPS) + " "), train);
        assertTrue(train.contains("names to sample, 0–" + TrainCommand.grouped(TrainCommand.MAX_SAMPLES) + " "), train);
        assertTrue(train.contains("passes (1–" + EpochCommand.MAX_EPOCHS + ")"), train);
        assertTrue(train.contains("which step, 0–5"), train);
        String sample = CliRun.of("sample", "--help").out();
        assertTrue(sample.contains("how many names, 0–" + TrainCommand.grouped(TrainCommand.MAX_SAMPLES) + " "), sample);
    }

    @Test
    void aNumberOutOfRangeIsReportedWithTheHelpsDigitGrouping() {
        CliRun run = CliRun.withData("train", "--step", "5", "--steps", "1000001");
        assertEquals(2, run.exitCode());
        assertEquals("microgpt: --steps must be between 1 and 1,000,000, got 1,000,001", run.err().strip());
    }

    /**
     * main builds only the subcommand it is asked for; the bare command, help and an unknown word
     * get all of them (so the help lists them). Each name in Main's table is the name its class
     * declares.
     */
    @Test
    void aRunBuildsOnlyTheSubcommandItNames() {
        for (var entry : Main.SUBCOMMANDS.entrySet()) {
            picocli.CommandLine.Command command = entry.getValue().getAnnotation(picocli.CommandLine.Command.class);
            assertEquals(entry.getKey(), command.name(), entry.getValue().getName());
        }
        assertEquals(java.util.Set.of("train"), Main.commandLine("train", "--step", "5").getSubcommands().keySet());
        assertEquals(java.util.Set.of("export-site"), Main.commandLine("export-site", "out").getSubcommands().keySet());
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "train"}, {"trian"}}) {
            assertEquals(Main.SUBCOMMANDS.keySet(), Main.commandLine(args).getSubcommands().keySet(), String.join(" ", args));
        }
        CliRun misspelt = CliRun.of("trian");
        assertEquals(Main.BAD_INPUT, misspelt.exitCode());
        assertTrue(misspelt.err().startsWith("microgpt: Unmatched argument at index 0: 'trian'"), misspelt.err());
        String help = CliRun.of("--help").out();
        for (String name : Main.SUBCOMMANDS.keySet()) assertTrue(help.contains("  " + name + " "), name + " in\n" + help);
    }
}
