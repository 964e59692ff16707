package microgpt.queries;

import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON object built field by field, in the order the fields are put: {@code new JsonObject().put("steps", 1000)}. */
public final class JsonObject {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** Adds a field (see {@link Json} for the values it can hold); a second put of a key replaces the first. */
    public JsonObject put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /** The value put under a key, or null. */
    public Object get(String key) {
        return fields.get(key);
    }

    void writeTo(StringBuilder out) {
        Json.write(out, fields);
    }

    @Override
    public String toString() {
        return Json.text(this);
    }
}
