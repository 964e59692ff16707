package microgpt.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format (https://huggingface.co/docs/safetensors): an 8-byte little-endian
 * header length N, N bytes of JSON header, then the tensors' bytes. The header maps each tensor
 * name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets into the data that
 * follows the header) and may hold {@code "__metadata__"}, a map of strings to strings.
 *
 * <p>Written here: F64 (little-endian doubles, the engine's numbers exactly), in the given
 * order, the header padded with spaces to a multiple of 8 bytes. Read: F64 or F32; every broken
 * rule of the format is a {@link CheckpointException} naming what is wrong.
 */
public final class SafeTensors {

    private SafeTensors() {}

    /** A tensor: its shape and its numbers, row-major. */
    public record Tensor(int[] shape, double[] values) {}

    /** What a file holds. */
    public record Contents(Map<String, String> metadata, Map<String, Tensor> tensors) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * A checkpoint's header is a few kilobytes; 16 MB bounds what a crafted one can make the JSON
     * parser hold, and still lets a bloated vocabulary be read and refused by name.
     */
    static final long MAX_HEADER = 16L << 20;

    public static byte[] encode(Contents contents) {
        ObjectNode header = JSON.createObjectNode();
        ObjectNode metadata = header.putObject("__metadata__");
        contents.metadata().forEach(metadata::put);
        long offset = 0;
        for (Map.Entry<String, Tensor> entry : contents.tensors().entrySet()) {
            Tensor t = entry.getValue();
            ObjectNode node = header.putObject(entry.getKey());
            node.put("dtype", "F64");
            ArrayNode shape = node.putArray("shape");
            for (int d : t.shape()) shape.add(d);
            ArrayNode offsets = node.putArray("data_offsets");
            offsets.add(offset);
            offset += 8L * t.values().length;
            offsets.add(offset);
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        for (int i = json.length; i < padded; i++) out.put((byte) ' ');
        for (Tensor t : contents.tensors().values()) {
            for (double v : t.values()) out.putDouble(v);
        }
        return out.array();
    }

    /** Parses a file's bytes; {@code source} names the file in error messages. */
    public static Contents decode(byte[] bytes, String source) {
        if (bytes.length < 8) {
            throw new CheckpointException(source + " is not a safetensors file: it has " + bytes.length
                    + " bytes, fewer than the 8 of the header length");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = in.getLong();
        if (headerLength > MAX_HEADER && headerLength <= bytes.length - 8L) {
            throw new CheckpointException(source + ": its header has " + headerLength + " bytes; a checkpoint's has at most "
                    + MAX_HEADER + " (16 MB)");
        }
        if (headerLength < 2 || headerLength > bytes.length - 8L) {
            throw new CheckpointException(source + " is not a safetensors file: its header length " + Long.toUnsignedString(headerLength)
                    + " does not fit in its " + bytes.length + " bytes");
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new CheckpointException(source + " is not a safetensors file: its header is not JSON ("
                    + e.getOriginalMessage() + ")");
        }
        if (header == null || !header.isObject()) {
            throw new CheckpointException(source + " is not a safetensors file: its header is not a JSON object");
        }
        int dataStart = 8 + (int) headerLength;
        long dataLength = bytes.length - (long) dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        List<long[]> ranges = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode node = field.getValue();
            if (name.equals("__metadata__")) {
                if (!node.isObject()) throw new CheckpointException(source + ": __metadata__ is not a JSON object");
                node.fields().forEachRemaining(m -> {
                    if (!m.getValue().isTextual()) {
                        throw new CheckpointException(source + ": metadata value of " + m.getKey() + " is not a string");
                    }
                    metadata.put(m.getKey(), m.getValue().asText());
                });
                continue;
            }
            String what = source + ": tensor " + name;
            if (!node.isObject()) throw new CheckpointException(what + " is not described by a JSON object");
            String dtype = node.path("dtype").asText("");
            int width = switch (dtype) {
                case "F64" -> 8;
                case "F32" -> 4;
                default -> throw new CheckpointException(what + " has dtype '" + dtype + "'; only F64 and F32 are read");
            };
            JsonNode shapeNode = node.path("shape");
            if (!shapeNode.isArray()) throw new CheckpointException(what + " has no shape array");
            int[] shape = new int[shapeNode.size()];
            for (int i = 0; i < shape.length; i++) {
                JsonNode d = shapeNode.get(i);
                if (!d.canConvertToInt() || !d.isIntegralNumber() || d.asInt() < 0) {
                    throw new CheckpointException(what + " has a bad shape " + shapeNode);
                }
                shape[i] = d.asInt();
            }
            long count = elementCount(shape);
            if (count > Integer.MAX_VALUE) {
                throw new CheckpointException(what + " has shape " + shapeNode + ", more numbers than a file can hold");
            }
            JsonNode offsets = node.path("data_offsets");
            if (!offsets.isArray() || offsets.size() != 2 || !offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()) {
                throw new CheckpointException(what + " has no [begin, end] data_offsets");
            }
            long begin = offsets.get(0).asLong();
            long end = offsets.get(1).asLong();
            if (begin < 0 || end < begin || end > dataLength) {
                throw new CheckpointException(what + " has data_offsets [" + begin + ", " + end + "] outside the "
                        + dataLength + " bytes of data (is the file truncated?)");
            }
            if (end - begin != count * width) {
                throw new CheckpointException(what + " has " + (end - begin) + " bytes of data, but its shape "
                        + shapeNode + " of " + dtype + " needs " + count * width);
            }
            ranges.add(new long[] {begin, end});
            double[] values = new double[(int) count];
            ByteBuffer data = ByteBuffer.wrap(bytes, dataStart + (int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < values.length; i++) values[i] = width == 8 ? data.getDouble() : data.getFloat();
            tensors.put(name, new Tensor(shape, values));
        }
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        long covered = 0;
        for (long[] range : ranges) {
            if (range[0] != covered) {
                throw new CheckpointException(source + ": the tensors' data overlap or leave a gap at byte " + covered);
            }
            covered = range[1];
        }
        if (covered != dataLength) {
            throw new CheckpointException(source + ": " + (dataLength - covered) + " bytes after the last tensor belong to none");
        }
        return new Contents(metadata, tensors);
    }

    /** The product of the dimensions, or Integer.MAX_VALUE + 1 for any larger product (crafted shapes must not overflow). */
    static long elementCount(int[] shape) {
        for (int d : shape) {
            if (d == 0) return 0;
        }
        long count = 1;
        for (int d : shape) {
            count *= d;   // both at most 2^31: no overflow
            if (count > Integer.MAX_VALUE) return Integer.MAX_VALUE + 1L;
        }
        return count;
    }
}
