package microgpt.guide.api;

import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import microgpt.data.Tokenizer;
import microgpt.guide.RunData;

/**
 * The query of one widget request, read parameter by parameter: an endpoint names the parameters
 * it takes, and anything else, or any value out of bounds, is an {@link ApiErrors.BadRequest}
 * (400, {@code {"error": "…"}}) that says what was wrong. The checks themselves are
 * {@link ApiInput}'s, so every endpoint words its errors the same way.
 */
final class ApiQuery {

    private final Context ctx;

    private ApiQuery(Context ctx, Set<String> allowed) {
        this.ctx = ctx;
        for (String key : ctx.queryParamMap().keySet()) {
            if (!allowed.contains(key)) {
                throw new ApiErrors.BadRequest("unknown parameter '" + key + "'" + (allowed.isEmpty() ? ": this endpoint takes none"
                        : ": this endpoint takes " + String.join(", ", allowed.stream().sorted().toList())));
            }
        }
    }

    /** Answers a request with the JSON of what {@code answer} computes from its query. */
    static void answer(Context ctx, Set<String> allowed, Function<ApiQuery, Object> answer) {
        byte[] json = RunData.toJson(answer.apply(new ApiQuery(ctx, allowed)));
        ctx.contentType("application/json").result(json);
    }

    static void answer(Context ctx, Supplier<Object> answer) {
        answer(ctx, Set.of(), query -> answer.get());
    }

    /** The raw text of a parameter, or the default when it is absent. */
    String text(String key, String otherwise) {
        String value = ctx.queryParam(key);
        return value == null ? otherwise : value;
    }

    /** An integer in [min, max]. */
    int integer(String key, int min, int max, int otherwise) {
        return ApiInput.intParam(ctx, key, min, max, otherwise);
    }

    /** A finite number in (minExclusive, max]. */
    double number(String key, double minExclusive, double max, double otherwise) {
        String value = ctx.queryParam(key);
        if (value == null) return otherwise;
        double x;
        try {
            x = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new ApiErrors.BadRequest(key + " must be a number, got '" + value + "'");
        }
        if (!(x > minExclusive && x <= max)) {
            throw new ApiErrors.BadRequest(key + " must be above " + minExclusive + " and at most " + max + ", got " + value);
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
            default -> throw new ApiErrors.BadRequest(key + " must be true or false, got '" + value + "'");
        };
    }

    /** A name of 1 to {@link ApiInput#MAX_NAME_LENGTH} characters, each in the vocabulary. */
    String name(String key, Tokenizer tokenizer, String otherwise) {
        return ApiInput.checkName(key, text(key, otherwise), tokenizer);
    }

    /** A token by its text: one character of the vocabulary, or BOS. */
    int token(String key, Tokenizer tokenizer, String otherwise) {
        String text = text(key, otherwise);
        if (text.equals("BOS")) return tokenizer.bos;
        int id = text.codePointCount(0, text.length()) == 1 ? tokenizer.vocabulary().indexOf(text) : -1;
        if (id < 0) {
            throw new ApiErrors.BadRequest(key + " must be one character of the vocabulary (" + tokenizer.vocabulary()
                    + ") or BOS, got '" + text + "'");
        }
        return id;
    }

    /** One of a fixed set of words. */
    String choice(String key, List<String> choices, String otherwise) {
        String value = text(key, otherwise);
        if (!choices.contains(value)) {
            throw new ApiErrors.BadRequest(key + " must be one of " + String.join(", ", choices) + ", got '" + value + "'");
        }
        return value;
    }
}
