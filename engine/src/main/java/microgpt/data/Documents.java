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
 *
 * <p>A data file is bounded before it is read whole, so that no file can exhaust the memory:
 * only a regular file (a FIFO or {@code /dev/zero} would never end), at most
 * {@link #MAX_FILE_BYTES}, {@link #MAX_LINE_LENGTH} characters a line, {@link #MAX_NAMES} names
 * and {@link #MAX_CHARACTERS} distinct characters. Each broken bound is one
 * {@link DataSetException} that says what to do.
 */
public final class Documents {

    /**
     * 16 MB: 70 times makemore's names.txt (228 KB). Read whole, with its text and its lines,
     * such a file holds a few hundred MB at most, which the default heap of a small machine has.
     */
    public static final long MAX_FILE_BYTES = 16L << 20;

    /** A name is a short word (makemore's longest has 15 characters); a line of 1,000 is not a name. */
    public static final int MAX_LINE_LENGTH = 1_000;

    /** 31 times makemore's 32,033 names: each is a String the training keeps. */
    public static final int MAX_NAMES = 1_000_000;

    /**
     * Distinct characters, so at most 256 tokens with BOS: the embedding and output matrices
     * grow with the vocabulary (makemore's has 26 letters).
     */
    public static final int MAX_CHARACTERS = 255;

    private Documents() {}

    // region load
    public static List<String> load(Path file) {
        byte[] bytes = readAll(file);
        String text = decodeUtf8(bytes, file);
        requireBoundedLines(text, file);
        List<String> docs = parse(text);
        requireBoundedVocabulary(docs, file);
        if (docs.isEmpty()) {
            String what = bytes.length == 0 ? "is empty" : "has only blank lines";
            throw new DataSetException("data set " + file + " " + what + ": expected one name per line");
        }
        return docs;
    }

    /**
     * One name per line (a line ends at \n, \r\n or \r, as Python reads text), stripped; blank
     * lines dropped. The lines are cut by hand, not with a regular expression: in the reader's
     * browser, {@code split}'s regex cost most of the time the guide took to open.
     */
    public static List<String> parse(String text) {
        List<String> docs = new ArrayList<>();
        int lineStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            boolean lineEnds = i == text.length() || text.charAt(i) == '\n' || text.charAt(i) == '\r';
            if (!lineEnds) continue;
            String doc = text.substring(lineStart, i).strip();   // after \r\n, the \n ends an empty line
            if (!doc.isEmpty()) docs.add(doc);
            lineStart = i + 1;
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
            if (!Files.exists(file)) throw new NoSuchFileException(file.toString());
            if (!Files.isRegularFile(file)) {   // checked before opening it: reading a FIFO would wait for a writer
                throw new DataSetException("data set " + file + " is not a regular file (a device, FIFO or socket); "
                        + "give a text file of names");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new DataSetException("data set " + file + " has " + grouped(size) + " bytes; at most "
                        + grouped(MAX_FILE_BYTES) + " (16 MB) are read");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataSetException("data set " + file + " does not exist");
        } catch (IOException e) {
            throw new DataSetException("data set " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** At most MAX_NAMES lines of at most MAX_LINE_LENGTH characters, counted before any line is made a String. */
    private static void requireBoundedLines(String text, Path file) {
        int lines = 0;
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (length > 0) lines++;
                length = 0;
                continue;
            }
            if (!Character.isLowSurrogate(c)) length++;   // a character outside the BMP is two chars
            if (length > MAX_LINE_LENGTH) {
                throw new DataSetException("data set " + file + " has a line of more than " + grouped(MAX_LINE_LENGTH)
                        + " characters (line " + grouped(lines + 1) + "); expected one name per line");
            }
            if (length == 1 && lines >= MAX_NAMES) {
                throw new DataSetException("data set " + file + " has more than " + grouped(MAX_NAMES) + " lines; at most "
                        + grouped(MAX_NAMES) + " names are read");
            }
        }
    }

    /** At most MAX_CHARACTERS distinct characters: the vocabulary, and with it the model, stays small. */
    private static void requireBoundedVocabulary(List<String> docs, Path file) {
        java.util.BitSet seen = new java.util.BitSet();
        for (String doc : docs) {
            for (int i = 0; i < doc.length(); ) {
                int c = doc.codePointAt(i);
                seen.set(c);
                i += Character.charCount(c);
            }
        }
        int distinct = seen.cardinality();
        if (distinct > MAX_CHARACTERS) {
            throw new DataSetException("data set " + file + " has " + grouped(distinct) + " distinct characters; at most "
                    + MAX_CHARACTERS + " are allowed (a vocabulary of " + (MAX_CHARACTERS + 1) + " tokens with BOS)");
        }
    }

    private static String grouped(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
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
