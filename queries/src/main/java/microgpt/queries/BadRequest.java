package microgpt.queries;

import java.util.Map;

/**
 * A query that cannot be answered because of what it asked. The message is shown to the reader
 * as it is, so it says what was wrong and what would be right; the server answers it with 400,
 * the browser with the same JSON.
 */
public final class BadRequest extends RuntimeException {

    private final transient Map<String, ?> details;

    public BadRequest(String message) {
        this(message, Map.of());
    }

    /** With details: extra fields for the widget, e.g. the unique characters of a text it could not tokenize. */
    public BadRequest(String message, Map<String, ?> details) {
        super(message, null, false, false);
        this.details = details;
    }

    /** The answer's body: {@code error} first, then any details. */
    public JsonObject body() {
        JsonObject body = new JsonObject().put("error", getMessage());
        details.forEach(body::put);
        return body;
    }
}
