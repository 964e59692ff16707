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
        Path file = Files.writeString(dir.resolve("names.txt"), "  ann \r\n\n\tbob\rcy\n   \n");
        assertEquals(List.of("ann", "bob", "cy"), Documents.load(file));
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

    @Test
    void shufflingDoesNotChangeTheInput() {
        List<String> docs = List.of("a", "b", "c", "d");
        List<String> shuffled = Documents.shuffled(docs, new PyRandom(42));
        assertEquals(List.of("a", "b", "c", "d"), docs);
        assertEquals(4, shuffled.size());
    }
}
