package microgpt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --save and --losses-out write only regular files or new paths, checked before training, together or not at all. */
class TrainOutputFilesTest {

    @TempDir Path dir;

    /** A FIFO stands for every special file (as root, --losses-out /dev/null replaced the system's /dev/null). */
    @Test
    void aFifoIsRefusedBeforeTrainingAndStaysAFifo() throws Exception {
        Path fifo = Fifos.make(dir.resolve("fifo"));
        CliRun run = CliRun.withData("train", "--step", "1", "--steps", "2", "--losses-out", fifo.toString());
        assertEquals(2, run.exitCode());
        assertEquals("microgpt: --losses-out " + fifo + " is not a regular file (a device, FIFO or socket); "
                + "only a regular file or a new path can be written", run.err().strip());
        assertEquals("", run.out(), "refused before training");
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo));
    }

    @Test
    void aSymbolicLinkIsRefusedAndLeftAsItWas() throws IOException {
        Path file = Files.writeString(dir.resolve("model.txt"), "mine");
        Path link = Files.createSymbolicLink(dir.resolve("model.safetensors"), file);
        CliRun run = CliRun.withData("train", "--step", "1", "--steps", "2", "--save", link.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("microgpt: --save " + link + " is a symbolic link"), run.err());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("mine", Files.readString(file));
    }

    /** A path under a regular file can never be written, whoever runs it (root too): refused before training. */
    @Test
    void aPathUnderAFileIsRefusedBeforeTraining() throws IOException {
        Path file = Files.writeString(dir.resolve("notes"), "x");
        CliRun run = CliRun.withData("train", "--step", "1", "--steps", "2", "--save", file.resolve("m.safetensors").toString());
        assertEquals(2, run.exitCode());
        assertEquals("microgpt: --save " + file.resolve("m.safetensors") + " is under " + file + ", which is a file, not a folder",
                run.err().strip());
        assertEquals("", run.out());
    }

    @Test
    void anExistingFileKeepsItsPermissions() throws IOException {
        Path losses = Files.writeString(dir.resolve("losses.txt"), "old\n");
        Files.setPosixFilePermissions(losses, PosixFilePermissions.fromString("rw-r--r--"));
        CliRun run = CliRun.withData("train", "--step", "1", "--steps", "2", "--quiet", "--losses-out", losses.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(2, Files.readAllLines(losses).size());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(losses, LinkOption.NOFOLLOW_LINKS)));
    }

    /**
     * --save fails after training (its part file's name is longer than the file system allows):
     * --losses-out is not written either, and no part file is left.
     */
    @Test
    void whenSaveFailsLossesOutIsNotWrittenEither() throws IOException {
        Path losses = dir.resolve("losses.txt");
        Path model = dir.resolve("m".repeat(250));
        CliRun run = CliRun.withData("train", "--step", "1", "--steps", "2", "--quiet", "--samples", "0",
                "--losses-out", losses.toString(), "--save", model.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("microgpt: nothing was written: "), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertEquals(List.of(), list(dir));
    }

    @Test
    void theSameFileForBothIsRefused() {
        Path both = dir.resolve("out");
        CliRun run = CliRun.withData("train", "--step", "1", "--save", both.toString(), "--losses-out", both.toString());
        assertEquals(2, run.exitCode());
        assertEquals("microgpt: --save and --losses-out both name " + both + ": give each its own file", run.err().strip());
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }
}
