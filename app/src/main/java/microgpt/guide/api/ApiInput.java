package microgpt.guide.api;

import io.javalin.http.Context;
import microgpt.data.Tokenizer;

/** Reads and checks a widget request's query parameters; anything wrong is a {@link ApiErrors.BadRequest}. */
public final class ApiInput {

    private ApiInput() {}

    /** An integer parameter in [min, max], or {@code fallback} when it is absent. */
    public static int intParam(Context ctx, String name, int min, int max, int fallback) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) return fallback;
        long value = longParam(name, text);
        if (value < min || value > max) {
            throw new ApiErrors.BadRequest(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return (int) value;
    }

    /** A long parameter (any value), or {@code fallback} when it is absent. */
    public static long longParam(Context ctx, String name, long fallback) {
        String text = ctx.queryParam(name);
        return text == null || text.isEmpty() ? fallback : longParam(name, text);
    }

    private static long longParam(String name, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new ApiErrors.BadRequest(name + " must be a whole number, got '" + shorten(text) + "'");
        }
    }

    /** A text parameter of at most maxLength characters (code points); absent counts as empty. */
    public static String textParam(Context ctx, String name, int maxLength) {
        String text = ctx.queryParam(name);
        if (text == null) text = "";
        int length = text.codePointCount(0, text.length());
        if (length > maxLength) {
            throw new ApiErrors.BadRequest(name + " is " + length + " characters long; at most " + maxLength + " are allowed");
        }
        return text;
    }

    /** A token given as its id (0 … vocabSize−1), its character, or "BOS". */
    public static int tokenParam(Context ctx, String name, Tokenizer tokenizer) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) throw new ApiErrors.BadRequest(name + " is required: a token id, a character or BOS");
        if (text.equals("BOS")) return tokenizer.bos;
        if (text.chars().allMatch(Character::isDigit)) {
            return intParam(ctx, name, 0, tokenizer.vocabSize - 1, 0);
        }
        if (text.codePointCount(0, text.length()) == 1 && tokenizer.vocabulary().contains(text)) {
            return tokenizer.encode(text)[1];
        }
        throw new ApiErrors.BadRequest(name + " must be a token id (0 to " + (tokenizer.vocabSize - 1)
                + "), a character of the vocabulary (" + tokenizer.vocabulary() + ") or BOS, got '" + shorten(text) + "'");
    }

    /** The characters of {@code text} that the vocabulary does not have, each once, in order of appearance. */
    public static java.util.List<String> outsideVocabulary(String text, Tokenizer tokenizer) {
        String vocabulary = tokenizer.vocabulary();
        return text.codePoints().distinct()
                .mapToObj(Character::toString)
                .filter(c -> !vocabulary.contains(c))
                .toList();
    }

    /** The longest name a reader may type (the longest in the data set has 15 characters). */
    public static final int MAX_NAME_LENGTH = 16;

    /** A name the vocabulary can encode, 1 to {@link #MAX_NAME_LENGTH} characters; required. */
    public static String nameParam(Context ctx, String name, Tokenizer tokenizer) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) throw new ApiErrors.BadRequest(name + " is required: 1 to " + MAX_NAME_LENGTH + " characters");
        return checkName(name, text, tokenizer);
    }

    /** Checks a name given as parameter {@code key}: not empty, not too long, every character in the vocabulary. */
    public static String checkName(String key, String text, Tokenizer tokenizer) {
        int length = text.codePointCount(0, text.length());
        if (length == 0) throw new ApiErrors.BadRequest(key + " is empty: type 1 to " + MAX_NAME_LENGTH + " characters");
        if (length > MAX_NAME_LENGTH) {
            throw new ApiErrors.BadRequest(key + " is " + length + " characters long; at most " + MAX_NAME_LENGTH + " are allowed");
        }
        java.util.List<String> outside = outsideVocabulary(text, tokenizer);
        if (!outside.isEmpty()) throw new ApiErrors.BadRequest(key + ": " + notInVocabulary(outside, tokenizer));
        return text;
    }

    /** "'A', '1' are not in the vocabulary (abc…z)". */
    public static String notInVocabulary(java.util.List<String> outside, Tokenizer tokenizer) {
        String listed = String.join(", ", outside.stream().map(c -> c.isBlank() ? "space" : "'" + c + "'").toList());
        return listed + (outside.size() == 1 ? " is" : " are") + " not in the vocabulary (" + tokenizer.vocabulary() + ")";
    }

    private static String shorten(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }
}
