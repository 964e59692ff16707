package microgpt.data;

import java.util.List;

/**
 * Characters to token ids and back. The vocabulary is every character that occurs in the
 * documents, sorted, plus one special token, BOS ("beginning of sequence"), which marks both
 * where a name starts and where it ends.
 */
public final class Tokenizer {

    // region tokenizer
    private final int[] uchars;     // the sorted unique characters (as code points); id = index
    public final int bos;           // the id after the last character
    public final int vocabSize;     // characters + BOS

    public Tokenizer(List<String> docs) {
        this.uchars = String.join("", docs).codePoints().distinct().sorted().toArray();   // sorted(set(''.join(docs)))
        this.bos = uchars.length;
        this.vocabSize = uchars.length + 1;
    }
    // endregion

    // region encode
    /** A name becomes [BOS, its character ids..., BOS]. */
    public int[] encode(String name) {
        int[] codePoints = name.codePoints().toArray();
        int[] tokens = new int[codePoints.length + 2];
        tokens[0] = bos;
        for (int i = 0; i < codePoints.length; i++) tokens[i + 1] = idOf(codePoints[i], name);
        tokens[tokens.length - 1] = bos;
        return tokens;
    }
    // endregion

    private int idOf(int codePoint, String name) {
        int id = java.util.Arrays.binarySearch(uchars, codePoint);
        if (id < 0) {
            throw new IllegalArgumentException("'" + name + "' has the character '" + new String(Character.toChars(codePoint))
                    + "', which is not in the vocabulary (" + vocabulary() + ")");
        }
        return id;
    }

    /** The text of one token: its character, or "BOS". */
    public String decode(int token) {
        return token == bos ? "BOS" : new String(Character.toChars(uchars[token]));
    }

    /** Joins character tokens into text (BOS has no text). */
    public String decode(List<Integer> tokens) {
        StringBuilder text = new StringBuilder();
        for (int token : tokens) if (token != bos) text.appendCodePoint(uchars[token]);
        return text.toString();
    }

    /** The characters of the vocabulary in id order, as one string. */
    public String vocabulary() {
        StringBuilder text = new StringBuilder();
        for (int c : uchars) text.appendCodePoint(c);
        return text.toString();
    }
}
