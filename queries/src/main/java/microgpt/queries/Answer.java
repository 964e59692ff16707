package microgpt.queries;

/**
 * What a query answers: an HTTP-style status and the JSON text. 200 with the answer, 400 with
 * {@code {"error": "…"}} for a bad request, 404 for a query that does not exist, 500 when the
 * engine failed (the message only; never a stack trace).
 */
public record Answer(int status, String json) {

    public static Answer ok(Object value) {
        return new Answer(200, Json.text(value));
    }

    public static Answer error(int status, String message) {
        return new Answer(status, Json.text(new JsonObject().put("error", message)));
    }
}
