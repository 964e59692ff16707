package microgpt.guide.api;

import io.javalin.http.Context;
import java.util.Set;
import java.util.function.Supplier;
import microgpt.data.Tokenizer;
import microgpt.guide.RunData;

/**
 * Reading the query of a Step 1 or Step 2 request: every parameter is checked, and anything
 * wrong becomes a 400 answer that says what was wrong, as JSON {"error": "…"}. The server stays up.
 */
final class Step12Input {

    /** The longest name a reader may type (the longest name in the data set has 15 characters). */
    static final int MAX_NAME_LENGTH = 16;

    /** A request the API cannot answer, and why, in words for the reader. */
    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }

    private record Error(String error) {}

    private final Context ctx;

    private Step12Input(Context ctx, Set<String> allowed) {
        this.ctx = ctx;
        for (String key : ctx.queryParamMap().keySet()) {
            if (!allowed.contains(key)) {
                throw new BadInput("unknown parameter '" + key + "'" + (allowed.isEmpty() ? ": this endpoint takes none"
                        : ": this endpoint takes " + String.join(", ", allowed.stream().sorted().toList())));
            }
        }
    }

    /** Answers a request with the JSON of what {@code answer} computes, or 400 for bad input. */
    static void answer(Context ctx, Set<String> allowed, java.util.function.Function<Step12Input, Object> answer) {
        byte[] json;
        try {
            json = RunData.toJson(answer.apply(new Step12Input(ctx, allowed)));
        } catch (BadInput e) {
            ctx.status(400);
            json = RunData.toJson(new Error(e.getMessage()));
        }
        ctx.contentType("application/json").result(json);
    }

    static void answer(Context ctx, Supplier<Object> answer) {
        answer(ctx, Set.of(), input -> answer.get());
    }

    /** The raw text of a parameter, or the default when it is absent. */
    String text(String key, String otherwise) {
        String value = ctx.queryParam(key);
        return value == null ? otherwise : value;
    }

    /** An integer in [min, max]. */
    int integer(String key, int min, int max, int otherwise) {
        String value = ctx.queryParam(key);
        if (value == null) return otherwise;
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) throw new BadInput(key + " must be between " + min + " and " + max + ", got " + n);
            return n;
        } catch (NumberFormatException e) {
            throw new BadInput(key + " must be a whole number, got '" + value + "'");
        }
    }

    /** A finite number in (minExclusive, max]. */
    double number(String key, double minExclusive, double max, double otherwise) {
        String value = ctx.queryParam(key);
        if (value == null) return otherwise;
        double x;
        try {
            x = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new BadInput(key + " must be a number, got '" + value + "'");
        }
        if (!(x > minExclusive && x <= max)) {
            throw new BadInput(key + " must be above " + minExclusive + " and at most " + max + ", got " + value);
        }
        return x;
    }

    /** true or false. */
    boolean flag(String key, boolean otherwise) {
        String value = ctx.queryParam(key);
        if (value == null) return otherwise;
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadInput(key + " must be true or false, got '" + value + "'");
        };
    }

    /** A name of 1 to 16 characters, each in the vocabulary. */
    String name(String key, Tokenizer tokenizer, String otherwise) {
        String name = text(key, otherwise);
        int length = name.codePointCount(0, name.length());
        if (length == 0) throw new BadInput(key + " is empty: type a name");
        if (length > MAX_NAME_LENGTH) {
            throw new BadInput(key + " is " + length + " characters long; at most " + MAX_NAME_LENGTH + " please");
        }
        String vocabulary = tokenizer.vocabulary();
        name.codePoints().filter(c -> vocabulary.indexOf(c) < 0).findFirst().ifPresent(c -> {
            throw new BadInput(key + " has '" + Character.toString(c) + "', which is not in the vocabulary (" + vocabulary + ")");
        });
        return name;
    }

    /** A token by its text: one character of the vocabulary, or BOS. */
    int token(String key, Tokenizer tokenizer, String otherwise) {
        String text = text(key, otherwise);
        if (text.equals("BOS")) return tokenizer.bos;
        int id = text.codePointCount(0, text.length()) == 1 ? tokenizer.vocabulary().indexOf(text) : -1;
        if (id < 0) throw new BadInput(key + " must be one character of the vocabulary (" + tokenizer.vocabulary() + ") or BOS, got '" + text + "'");
        return id;
    }

    /** One of a fixed set of words. */
    String choice(String key, java.util.List<String> choices, String otherwise) {
        String value = text(key, otherwise);
        if (!choices.contains(value)) throw new BadInput(key + " must be one of " + String.join(", ", choices) + ", got '" + value + "'");
        return value;
    }
}
