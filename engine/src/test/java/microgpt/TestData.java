package microgpt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Where the tests find the shared data set and the reference outputs printed by CPython. */
public final class TestData {

    private TestData() {}

    /** names.txt, found as the command line finds it (see {@link microgpt.data.DataSetLocator#forTests}). */
    public static Path namesFile() {
        return microgpt.data.DataSetLocator.forTests();
    }

    public static String resource(String name) {
        try (InputStream in = TestData.class.getResourceAsStream("/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> resourceLines(String name) {
        return resource(name).lines().toList();
    }

    public static JsonNode json(String name) {
        try {
            return new ObjectMapper().readTree(resource(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Python's float.hex() text (and inf, nan) back to the exact double. */
    public static double hex(String text) {
        return switch (text) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
