package microgpt.queries;

import java.util.List;
import java.util.Map;

/**
 * The widget answers as JSON text. Written out here rather than by a JSON library because the
 * same answers are computed in the reader's browser, where the engine is compiled by TeaVM and
 * no reflection-based library runs: one small writer serves the server and the browser, so both
 * send the same text.
 *
 * <p>What it writes: {@link JsonObject}, maps with string keys and lists (in order), arrays of
 * int, long and double (nested to any depth), arrays of objects, strings, booleans, numbers,
 * and null. A double that is not finite (a diverged loss) is written as null: JSON has no NaN.
 */
public final class Json {

    private Json() {}

    /** The JSON text of a value. */
    public static String text(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    static void write(StringBuilder out, Object value) {
        if (value == null) out.append("null");
        else if (value instanceof String text) quote(out, text);
        else if (value instanceof Boolean flag) out.append(flag.booleanValue());
        else if (value instanceof Double x) number(out, x);
        else if (value instanceof Float x) number(out, x.doubleValue());
        else if (value instanceof Number n) out.append(n.longValue());
        else if (value instanceof JsonObject object) object.writeTo(out);
        else if (value instanceof Map<?, ?> map) writeMap(out, map);
        else if (value instanceof List<?> list) writeList(out, list);
        else if (value instanceof double[] xs) writeDoubles(out, xs);
        else if (value instanceof int[] ns) writeInts(out, ns);
        else if (value instanceof long[] ns) writeLongs(out, ns);
        else if (value instanceof Object[] items) writeList(out, List.of(items));
        else throw new IllegalArgumentException("no JSON for a " + value.getClass().getName());
    }

    /** A double as Java prints it (which reads back to the same double); null when not finite. */
    static void number(StringBuilder out, double x) {
        if (Double.isFinite(x)) out.append(x);
        else out.append("null");
    }

    static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 15]);
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void writeMap(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) out.append(',');
            first = false;
            quote(out, String.valueOf(entry.getKey()));
            out.append(':');
            write(out, entry.getValue());
        }
        out.append('}');
    }

    private static void writeList(StringBuilder out, List<?> list) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) out.append(',');
            write(out, list.get(i));
        }
        out.append(']');
    }

    private static void writeDoubles(StringBuilder out, double[] xs) {
        out.append('[');
        for (int i = 0; i < xs.length; i++) {
            if (i > 0) out.append(',');
            number(out, xs[i]);
        }
        out.append(']');
    }

    private static void writeInts(StringBuilder out, int[] ns) {
        out.append('[');
        for (int i = 0; i < ns.length; i++) {
            if (i > 0) out.append(',');
            out.append(ns[i]);
        }
        out.append(']');
    }

    private static void writeLongs(StringBuilder out, long[] ns) {
        out.append('[');
        for (int i = 0; i < ns.length; i++) {
            if (i > 0) out.append(',');
            out.append(ns[i]);
        }
        out.append(']');
    }
}
