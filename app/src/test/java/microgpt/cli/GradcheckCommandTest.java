package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GradcheckCommandTest {

    @Test
    void checksTheFirstShuffledNameByDefault() {
        CliRun run = CliRun.withData("gradcheck");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.lines();
        assertEquals("gradient check on \"yuheng\" (3184 parameters, eps 1e-05)", lines.get(0));
        assertTrue(lines.get(1).startsWith("loss (numerical pass): 3."));
        assertEquals(lines.get(1).substring(lines.get(1).indexOf(':') + 1).strip(),
                lines.get(2).substring(lines.get(2).indexOf(':') + 1).strip());
        double maxDifference = Double.parseDouble(lines.get(3).substring(lines.get(3).indexOf(':') + 1).strip());
        assertTrue(maxDifference < 1e-6, lines.get(3));
    }

    @Test
    void printsWhatTheCPythonReferencePrints() throws java.io.IOException {
        String golden = microgpt.train.CPythonReference.gradcheck();
        assertEquals(golden, CliRun.withData("gradcheck").out());
    }

    @Test
    void checksAnyName() {
        CliRun run = CliRun.withData("gradcheck", "--name", "ava");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("gradient check on \"ava\""));
    }

    @Test
    void aNameOutsideTheVocabularyIsExitCodeTwo() {
        CliRun run = CliRun.withData("gradcheck", "--name", "Zoë");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("not in the vocabulary"), run.err());
    }
}
