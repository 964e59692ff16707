package microgpt.guide;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import microgpt.queries.ModelParameters;
import microgpt.queries.SiteData;
import microgpt.queries.playground.Playground;
import microgpt.steps.Steps;
import microgpt.train.CPythonReference;

/**
 * The files the engine in the reader's browser reads ({@link SiteData}): the data set, the seeded
 * runs' trained parameters and the CPython reference logs. The server answers them at these paths
 * and the static export writes them there, from this one class, so both hand over the same bytes.
 */
final class SiteFiles {

    private final GuideNumbers numbers;

    SiteFiles(GuideNumbers numbers) {
        this.numbers = numbers;
    }

    /** Every path, relative to the site root. */
    static List<String> paths() {
        List<String> paths = new ArrayList<>();
        paths.add(SiteData.NAMES);
        for (int step = 0; step < Steps.COUNT; step++) {
            if (ModelParameters.hasParameters(step)) paths.add(SiteData.modelFile(step));
            paths.add(Playground.referenceFile(step, "log"));
            paths.add(Playground.referenceFile(step, "losses"));
        }
        return paths;
    }

    /** The bytes of one of {@link #paths()}; empty for any other path. Models are trained on first use. */
    Optional<byte[]> bytes(String path) {
        if (path.equals(SiteData.NAMES)) return Optional.of(utf8(String.join("\n", numbers.docs()) + "\n"));
        for (int step = 0; step < Steps.COUNT; step++) {
            if (ModelParameters.hasParameters(step) && path.equals(SiteData.modelFile(step))) {
                return Optional.of(littleEndian(ModelParameters.of(numbers.model(step))));
            }
            if (path.equals(Playground.referenceFile(step, "log"))) {
                return Optional.of(CPythonReference.logFile(step));
            }
            if (path.equals(Playground.referenceFile(step, "losses"))) return Optional.of(CPythonReference.lossesFile(step));
        }
        return Optional.empty();
    }

    /** Doubles as 8 little-endian bytes each: what a Float64Array reads on every browser's platform. */
    static byte[] littleEndian(double[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) buffer.putDouble(value);
        return buffer.array();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
