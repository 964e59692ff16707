package microgpt.guide.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import microgpt.guide.RunData;

/**
 * How the widget API says no: a bad request answers 400 with {@code {"error": "..."}} naming what
 * was wrong (and, for some errors, what the widget can still show), and the server carries on.
 */
public final class ApiErrors {

    private ApiErrors() {}

    /** A request the API cannot answer because of what it asked; the message is shown to the reader. */
    public static final class BadRequest extends RuntimeException {
        private final transient java.util.Map<String, ?> details;

        public BadRequest(String message) {
            this(message, java.util.Map.of());
        }

        /** With details: extra fields for the widget, e.g. the unique characters of a text it could not tokenize. */
        public BadRequest(String message, java.util.Map<String, ?> details) {
            super(message, null, false, false);
            this.details = details;
        }

        public java.util.Map<String, ?> details() {
            return details;
        }
    }

    /** The body of a 400 answer: {@code error} first, then any details. */
    static java.util.Map<String, Object> body(BadRequest e) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.putAll(e.details());
        return body;
    }

    /** Maps {@link BadRequest} to a 400 JSON answer (registered once, for every API class). */
    public static void register(RoutesConfig routes) {
        routes.exception(BadRequest.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST)
                .contentType("application/json")
                .result(RunData.toJson(body(e))));
    }
}
