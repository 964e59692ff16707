package microgpt.queries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import microgpt.data.Tokenizer;
import microgpt.train.Trainer;

/**
 * The parameters of one query, read one by one and checked: each query names the parameters it
 * takes, and anything else, or any value out of bounds, is a {@link BadRequest} that says what
 * was wrong. Every query words its errors the same way, on the server and in the browser.
 *
 * <p>Numbers are read as a person writes them: ASCII digits, an optional sign, a decimal point
 * and an exponent for decimals; not {@code 0x1p3}, {@code NaN}, {@code 1d} or another script's
 * digits, which Java's own parsers would take.
 */
public final class Params {

    /** The longest name a reader may type (the longest in the data set has 15 characters). */
    public static final int MAX_NAME_LENGTH = 16;

    private final Map<String, String> values;

    private Params(Map<String, String> values) {
        this.values = values;
    }

    /** The parameters of a query that takes {@code allowed}; any other name is refused. */
    public static Params of(Map<String, String> values, Set<String> allowed) {
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw new BadRequest("unknown parameter '" + shorten(key) + "'" + (allowed.isEmpty() ? ": this query takes none"
                        : ": this query takes " + String.join(", ", allowed.stream().sorted().toList())));
            }
        }
        return new Params(values);
    }

    /** Whether the parameter was given (and is not blank). */
    public boolean has(String key) {
        String value = values.get(key);
        return value != null && !value.isBlank();
    }

    /** The raw text of a parameter, or {@code otherwise} when it is absent. */
    public String text(String key, String otherwise) {
        String value = values.get(key);
        return value == null ? otherwise : value;
    }

    /** A text of at most maxLength characters (code points); absent counts as empty. */
    public String text(String key, int maxLength) {
        String text = text(key, "");
        int length = text.codePointCount(0, text.length());
        if (length > maxLength) {
            throw new BadRequest(key + " is " + length + " characters long; at most " + maxLength + " are allowed");
        }
        return text;
    }

    /** A whole number in [min, max], or {@code otherwise} when absent. */
    public int integer(String key, int min, int max, int otherwise) {
        if (!has(key)) return otherwise;
        long value = wholeNumber(key, values.get(key));
        if (value < min || value > max) {
            throw new BadRequest(key + " must be between " + min + " and " + max + ", got " + value);
        }
        return (int) value;
    }

    /** A required whole number in [min, max]. */
    public int requiredInteger(String key, int min, int max) {
        if (!has(key)) throw new BadRequest(key + " is required: " + min + " to " + max);
        return integer(key, min, max, min);
    }

    /** Any whole number that fits in a long (a seed), or {@code otherwise} when absent. */
    public long seed(String key, long otherwise) {
        return has(key) ? wholeNumber(key, values.get(key)) : otherwise;
    }

    /** A finite number in (minExclusive, max], or {@code otherwise} when absent. */
    public double number(String key, double minExclusive, double max, double otherwise) {
        if (!has(key)) return otherwise;
        String text = values.get(key).strip();
        double x = decimal(key, text);
        if (!(x > minExclusive && x <= max)) {
            throw new BadRequest(key + " must be above " + minExclusive + " and at most " + max + ", got " + shorten(text));
        }
        return x;
    }

    /**
     * A sampling temperature in [{@link Trainer#MIN_TEMPERATURE}, max], or {@code otherwise} when
     * absent: a colder one overflows the logits divided by it.
     */
    public double temperature(String key, double max, double otherwise) {
        if (!has(key)) return otherwise;
        String text = values.get(key).strip();
        double t = decimal(key, text);
        if (!(t >= Trainer.MIN_TEMPERATURE && t <= max)) {
            throw new BadRequest(key + " must be between " + Trainer.MIN_TEMPERATURE + " and " + max + ", got " + shorten(text));
        }
        return t;
    }

    /** true or false. */
    public boolean flag(String key, boolean otherwise) {
        if (!has(key)) return otherwise;
        return switch (values.get(key)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadRequest(key + " must be true or false, got '" + shorten(values.get(key)) + "'");
        };
    }

    /** One of a fixed set of words. */
    public String choice(String key, List<String> choices, String otherwise) {
        String value = text(key, otherwise);
        if (!choices.contains(value)) {
            throw new BadRequest(key + " must be one of " + String.join(", ", choices) + ", got '" + shorten(value) + "'");
        }
        return value;
    }

    /** A name of 1 to {@link #MAX_NAME_LENGTH} characters, each in the vocabulary. */
    public String name(String key, Tokenizer tokenizer, String otherwise) {
        return checkName(key, text(key, otherwise), tokenizer);
    }

    /** A required name of 1 to {@link #MAX_NAME_LENGTH} characters, each in the vocabulary. */
    public String requiredName(String key, Tokenizer tokenizer) {
        if (!has(key)) throw new BadRequest(key + " is required: 1 to " + MAX_NAME_LENGTH + " characters");
        return checkName(key, values.get(key), tokenizer);
    }

    /** A token by its text: one character of the vocabulary, or BOS. */
    public int token(String key, Tokenizer tokenizer, String otherwise) {
        String text = text(key, otherwise);
        if (text.equals("BOS")) return tokenizer.bos;
        int id = text.codePointCount(0, text.length()) == 1 ? tokenizer.vocabulary().indexOf(text) : -1;
        if (id < 0) {
            throw new BadRequest(key + " must be one character of the vocabulary (" + tokenizer.vocabulary()
                    + ") or BOS, got '" + shorten(text) + "'");
        }
        return id;
    }

    /** A token given as its id (0 … vocabSize−1), its character, or "BOS"; required. */
    public int tokenOrId(String key, Tokenizer tokenizer) {
        String text = values.get(key);
        if (text == null || text.isEmpty()) throw new BadRequest(key + " is required: a token id, a character or BOS");
        if (text.equals("BOS")) return tokenizer.bos;
        if (isWholeNumber(text.strip())) return integer(key, 0, tokenizer.vocabSize - 1, 0);
        if (text.codePointCount(0, text.length()) == 1 && tokenizer.vocabulary().contains(text)) {
            return tokenizer.encode(text)[1];
        }
        throw new BadRequest(key + " must be a token id (0 to " + (tokenizer.vocabSize - 1)
                + "), a character of the vocabulary (" + tokenizer.vocabulary() + ") or BOS, got '" + shorten(text) + "'");
    }

    // ---- checks shared with the queries ----------------------------------------------------

    /** Checks a name given as parameter {@code key}: not empty, not too long, every character in the vocabulary. */
    public static String checkName(String key, String text, Tokenizer tokenizer) {
        int length = text.codePointCount(0, text.length());
        if (length == 0) throw new BadRequest(key + " is empty: type 1 to " + MAX_NAME_LENGTH + " characters");
        if (length > MAX_NAME_LENGTH) {
            throw new BadRequest(key + " is " + length + " characters long; at most " + MAX_NAME_LENGTH + " are allowed");
        }
        List<String> outside = outsideVocabulary(text, tokenizer);
        if (!outside.isEmpty()) throw new BadRequest(key + ": " + notInVocabulary(outside, tokenizer));
        return text;
    }

    /** The characters of {@code text} that the vocabulary does not have, each once, in order of appearance. */
    public static List<String> outsideVocabulary(String text, Tokenizer tokenizer) {
        String vocabulary = tokenizer.vocabulary();
        List<String> outside = new ArrayList<>();
        text.codePoints().distinct().forEach(codePoint -> {
            String c = new String(Character.toChars(codePoint));
            if (!vocabulary.contains(c)) outside.add(c);
        });
        return outside;
    }

    /** "'A', '1' are not in the vocabulary (abc…z)". */
    public static String notInVocabulary(List<String> outside, Tokenizer tokenizer) {
        List<String> named = new ArrayList<>();
        for (String c : outside) named.add(c.isBlank() ? "space" : "'" + c + "'");
        return String.join(", ", named) + (outside.size() == 1 ? " is" : " are") + " not in the vocabulary (" + tokenizer.vocabulary() + ")";
    }

    // ---- reading numbers as a person writes them --------------------------------------------

    private static long wholeNumber(String key, String text) {
        String t = text.strip();
        if (!isWholeNumber(t) || t.length() > 20) throw new BadRequest(key + " must be a whole number, got '" + shorten(text) + "'");
        try {
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            throw new BadRequest(key + " is out of range, got '" + shorten(text) + "'");
        }
    }

    /** An optional sign and ASCII digits (the command line reads its numbers with this too). */
    public static boolean isWholeNumber(String text) {
        int start = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
        if (text.length() == start) return false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    /** A decimal number: sign, digits with at most one point, an optional exponent; ASCII only. */
    public static boolean isDecimal(String text) {
        int i = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
        int digits = 0;
        boolean point = false;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') digits++;
            else if (c == '.' && !point) point = true;
            else break;
        }
        if (digits == 0) return false;
        if (i == text.length()) return true;
        if (text.charAt(i) != 'e' && text.charAt(i) != 'E') return false;
        return isWholeNumber(text.substring(i + 1));
    }

    private static double decimal(String key, String text) {
        if (!isDecimal(text) || text.length() > 40) throw new BadRequest(key + " must be a number, got '" + shorten(text) + "'");
        return Double.parseDouble(text);
    }

    /** A number typed into a widget: as {@link #number}, but with the widget's own words for the range. */
    public static double parseDecimal(String what, String text) {
        String t = text.strip();
        if (!isDecimal(t) || t.length() > 40) throw new BadRequest(what + " must be numbers separated by commas; '" + shorten(text) + "' is not a number");
        return Double.parseDouble(t);
    }

    public static String shorten(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }
}
