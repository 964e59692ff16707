package microgpt.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training documents: one name per line. Each line is stripped of surrounding white space
 * and empty lines are dropped, as {@code [l.strip() for l in open(f) if l.strip()]} does.
 */
public final class Documents {

    private Documents() {}

    // region load
    public static List<String> load(Path file) {
        byte[] bytes = readAll(file);
        List<String> docs = parse(decodeUtf8(bytes, file));
        if (docs.isEmpty()) {
            String what = bytes.length == 0 ? "is empty" : "has only blank lines";
            throw new DataSetException("data set " + file + " " + what + ": expected one name per line");
        }
        return docs;
    }

    /** One name per line (a line ends at \n, \r\n or \r, as Python reads text), stripped; blank lines dropped. */
    public static List<String> parse(String text) {
        List<String> docs = new ArrayList<>();
        for (String line : text.split("\r\n|\r|\n")) {
            String doc = line.strip();
            if (!doc.isEmpty()) docs.add(doc);
        }
        return docs;
    }

    /** The documents in the order {@code random.shuffle(docs)} leaves them. */
    public static List<String> shuffled(List<String> docs, PyRandom rng) {
        List<String> copy = new ArrayList<>(docs);
        rng.shuffle(copy);
        return copy;
    }
    // endregion

    private static byte[] readAll(Path file) {
        try {
            if (Files.isDirectory(file)) throw new DataSetException("data set " + file + " is a directory, not a file");
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataSetException("data set " + file + " does not exist");
        } catch (IOException e) {
            throw new DataSetException("data set " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String decodeUtf8(byte[] bytes, Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DataSetException("data set " + file + " is not UTF-8 text (" + e.getMessage() + ")", e);
        }
    }
}
