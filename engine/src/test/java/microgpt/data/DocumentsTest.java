package microgpt.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import microgpt.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentsTest {

    @TempDir Path dir;

    @Test
    void theSharedDataSetHasAllItsNames() {
        List<String> docs = Documents.load(TestData.namesFile());
        assertEquals(32033, docs.size());
        assertEquals("emma", docs.get(0));
    }

    @Test
    void linesAreStrippedAndBlankOnesDropped() throws IOException {
        Path file = Files.writeString(dir.resolve("names.txt"), "  ann \r\n\n\tbob\rcy\n   \n\r\rzoë");
        assertEquals(List.of("ann", "bob", "cy", "zoë"), Documents.load(file));   // the last line needs no line end
    }

    @Test
    void aMissingFileSaysSo() {
        DataSetException e = assertThrows(DataSetException.class, () -> Documents.load(dir.resolve("nope.txt")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void anEmptyFileSaysSo() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.txt"), "");
        DataSetException e = assertThrows(DataSetException.class, () -> Documents.load(file));
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
    }

    @Test
    void aFileOfBlankLinesSaysSo() throws IOException {
        Path file = Files.writeString(dir.resolve("blank.txt"), "\n  \n\t\n");
        DataSetException e = assertThrows(DataSetException.class, () -> Documents.load(file));
        assertTrue(e.getMessage().contains("only blank lines"), e.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() throws IOException {
        Path file = Files.write(dir.resolve("latin1.txt"), new byte[] {'a', 'n', (byte) 0xE9, '\n'});
        DataSetException e = assertThrows(DataSetException.class, () -> Documents.load(file));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    @Test
    void aDirectoryIsNotADataSet() {
        DataSetException e = assertThrows(DataSetException.class, () -> Documents.load(dir));
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
    }

    /** Each bound is checked before the file is read whole; the files ended in OutOfMemoryError. */
    @Test
    void aLineLongerThanANameIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("long.txt"), "ann\n" + "a".repeat(200_000) + "\n");
        DataSetException e = assertThrows(DataSetException.class, () -> Documents.load(file));
        assertTrue(e.getMessage().endsWith("has a line of more than 1,000 characters (line 2); expected one name per line"),
                e.getMessage());
        Path exactly = Files.writeString(dir.resolve("ok.txt"), "b".repeat(1_000) + "\r\n");
        assertEquals(1, Documents.load(exactly).size());
    }

    @Test
    void tooManyDistinctCharactersAreRefused() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int c = 0x4E00; c < 0x4E00 + 256; c++) text.appendCodePoint(c).append('\n');
        Path file = Files.writeString(dir.resolve("wide.txt"), text);
        DataSetException e = assertThrows(DataSetException.class, () -> Documents.load(file));
        assertTrue(e.getMessage().endsWith("has 256 distinct characters; at most 255 are allowed (a vocabulary of 256 tokens with BOS)"),
                e.getMessage());
    }

    /** Counted as characters (code points), not chars: each of these is two chars, a surrogate pair. */
    @Test
    void charactersOutsideTheBasicPlaneCountOnce() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int c = 0x1F300; c < 0x1F300 + 255; c++) text.appendCodePoint(c).append('\n');
        Path file = Files.writeString(dir.resolve("astral.txt"), text);
        assertEquals(255, Documents.load(file).size());
        Path more = Files.writeString(dir.resolve("astral256.txt"), text.appendCodePoint(0x1F300 + 255));
        DataSetException e = assertThrows(DataSetException.class, () -> Documents.load(more));
        assertTrue(e.getMessage().endsWith("has 256 distinct characters; at most 255 are allowed (a vocabulary of 256 tokens with BOS)"),
                e.getMessage());
    }

    @Test
    void tooManyNamesAreRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("many.txt"), "a\n".repeat(Documents.MAX_NAMES + 1));
        DataSetException e = assertThrows(DataSetException.class, () -> Documents.load(file));
        assertTrue(e.getMessage().endsWith("has more than 1,000,000 lines; at most 1,000,000 names are read"), e.getMessage());
    }

    @Test
    void aFileLargerThan16MegabytesIsRefusedUnread() throws IOException {
        Path file = dir.resolve("huge.txt");
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(Documents.MAX_FILE_BYTES + 1);   // sparse: takes no disk space
        }
        DataSetException e = assertThrows(DataSetException.class, () -> Documents.load(file));
        assertTrue(e.getMessage().endsWith("has 16,777,217 bytes; at most 16,777,216 (16 MB) are read"), e.getMessage());
    }

    /** /dev/zero never ends and a FIFO waits for a writer: both are refused without being opened. */
    @Test
    void devicesAndFifosAreRefusedUnopened() throws Exception {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero));
        DataSetException e = assertThrows(DataSetException.class, () -> Documents.load(zero));
        assertTrue(e.getMessage().endsWith("is not a regular file (a device, FIFO or socket); give a text file of names"),
                e.getMessage());
        Path fifo = dir.resolve("fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException missing) {
            org.junit.jupiter.api.Assumptions.abort("no mkfifo here");
            return;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        e = assertThrows(DataSetException.class, () -> Documents.load(fifo));
        assertTrue(e.getMessage().contains("is not a regular file"), e.getMessage());
    }

    @Test
    void shufflingDoesNotChangeTheInput() {
        List<String> docs = List.of("a", "b", "c", "d");
        List<String> shuffled = Documents.shuffled(docs, new PyRandom(42));
        assertEquals(List.of("a", "b", "c", "d"), docs);
        assertEquals(4, shuffled.size());
    }
}
