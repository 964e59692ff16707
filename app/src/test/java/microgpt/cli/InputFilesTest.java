package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * --data and --load are bounded before they are read: a FIFO (which blocked forever), a device
 * and a file of one enormous line (which ended in OutOfMemoryError) get one line and exit code 2.
 * The timeouts only guard the build if a FIFO were opened after all; the code never opens one.
 */
class InputFilesTest {

    @TempDir Path dir;

    @Test
    @Timeout(60)
    void aFifoAsDataIsRefusedUnopened() throws Exception {
        Path fifo = Fifos.make(dir.resolve("names.fifo"));
        CliRun run = CliRun.of("train", "--step", "0", "--data", fifo.toString());
        assertEquals(2, run.exitCode());
        assertEquals("microgpt: data set " + fifo + " is not a regular file (a device, FIFO or socket); give a text file of names",
                run.err().strip());
    }

    @Test
    @Timeout(60)
    void aFifoAsCheckpointIsRefusedUnopened() throws Exception {
        Path fifo = Fifos.make(dir.resolve("model.fifo"));
        CliRun run = CliRun.of("sample", "--load", fifo.toString());
        assertEquals(2, run.exitCode());
        assertEquals("microgpt: checkpoint " + fifo + " is not a regular file (a device, FIFO or socket)", run.err().strip());
    }

    @Test
    void devZeroIsRefused() {
        CliRun run = CliRun.of("train", "--step", "0", "--data", "/dev/zero");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("microgpt: data set /dev/zero is not a regular file"), run.err());
    }

    @Test
    void aLineOf200000CharactersIsOneLineAndExitCodeTwo() throws IOException {
        Path data = Files.writeString(dir.resolve("names.txt"), "x".repeat(200_000) + "\n");
        CliRun run = CliRun.of("gradcheck", "--data", data.toString());
        assertEquals(2, run.exitCode());
        assertEquals("microgpt: data set " + data + " has a line of more than 1,000 characters (line 1); expected one name per line",
                run.err().strip());
    }
}
