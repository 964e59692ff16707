package microgpt.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir Path dir;

    @Test
    void aReplacedFileKeepsItsPermissions() throws IOException {
        Path file = Files.writeString(dir.resolve("losses.txt"), "old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFile.write(file, "new\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("new\n", Files.readString(file));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    /** Run as root, --save over another user's file gave it to root; root can give it back (others cannot, and need not). */
    @Test
    void aReplacedFileKeepsItsOwnerWhereThisUserMayGiveIt() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file away");
        Path file = Files.writeString(dir.resolve("model.safetensors"), "old\n");
        var lookup = file.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(file, lookup.lookupPrincipalByName("nobody"));
        Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class)
                .setGroup(lookup.lookupPrincipalByGroupName("nogroup"));
        AtomicFile.write(file, "new\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("new\n", Files.readString(file));
        var attributes = Files.readAttributes(file, java.nio.file.attribute.PosixFileAttributes.class);
        assertEquals("nobody", attributes.owner().getName());
        assertEquals("nogroup", attributes.group().getName());
    }

    /** A new file has the permissions any new file gets here (the umask's), not the 0600 of a temporary file. */
    @Test
    void aNewFileGetsTheUsualPermissions() throws IOException {
        Path usual = Files.createFile(dir.resolve("usual"));
        Path file = dir.resolve("new.txt");
        AtomicFile.write(file, new byte[] {1});
        assertEquals(Files.getPosixFilePermissions(usual), Files.getPosixFilePermissions(file));
    }

    @Test
    void directoriesLinksAndFilesInTheWayAreProblems() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);
        assertEquals("is a directory", AtomicFile.problemWith(dir));
        assertTrue(AtomicFile.problemWith(link).startsWith("is a symbolic link"), AtomicFile.problemWith(link));
        assertEquals("is under " + file + ", which is a file, not a folder", AtomicFile.problemWith(file.resolve("out.txt")));
        assertNull(AtomicFile.problemWith(file));
        assertNull(AtomicFile.problemWith(dir.resolve("new/folder/out.txt")));
    }

    @Test
    void aDeviceIsAProblem() {
        Path devNull = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devNull));
        assertTrue(AtomicFile.problemWith(devNull).startsWith("is not a regular file"));
    }

    /**
     * The second file cannot be written (its part file's name is longer than a file system allows):
     * then the first is not written either, and no part file is left.
     */
    @Test
    void whenOneFileFailsNoneIsWritten() throws IOException {
        Path first = dir.resolve("first.txt");
        Path second = dir.resolve("x".repeat(250));
        Map<Path, byte[]> files = new LinkedHashMap<>();
        files.put(first, new byte[] {1});
        files.put(second, new byte[] {2});
        assertThrows(IOException.class, () -> AtomicFile.writeAll(files));
        assertEquals(List.of(), list(dir));
    }

    /** A part file of a process that no longer runs is deleted by the next write of its target; a live one is kept. */
    @Test
    void partFilesOfKilledRunsAreCleanedUp() throws IOException {
        long deadPid = 999_999_999L;   // above Linux's largest pid
        Path stale = Files.createFile(dir.resolve(".model.safetensors." + deadPid + "-1" + AtomicFile.PART_SUFFIX));
        Path live = Files.createFile(dir.resolve(".model.safetensors." + ProcessHandle.current().pid() + "-999999"
                + AtomicFile.PART_SUFFIX));
        Path someoneElses = Files.createFile(dir.resolve(".model.safetensors.notes" + AtomicFile.PART_SUFFIX));
        AtomicFile.write(dir.resolve("model.safetensors"), new byte[] {1});
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(someoneElses));
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
