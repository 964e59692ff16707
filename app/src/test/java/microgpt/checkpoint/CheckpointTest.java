package microgpt.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.fast.FusedGpt;
import microgpt.fast.Optimizer;
import microgpt.fast.ParamLayout;
import microgpt.steps.GptConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir Path dir;

    private static final Tokenizer TOKENIZER = new Tokenizer(List.of("abcdefghijklmnopqrstuvwxyz"));

    private static Checkpoint sample(GptConfig config) {
        FusedGpt model = new FusedGpt(TOKENIZER, new PyRandom(7), config, Optimizer.ADAM, 0.01);
        return Checkpoint.of(5, config, Optimizer.ADAM, TOKENIZER, model);
    }

    private Path saved(Checkpoint checkpoint) throws IOException {
        Path file = dir.resolve("model.safetensors");
        checkpoint.save(file);
        return file;
    }

    /** Re-writes a saved checkpoint through SafeTensors with one change, then loads it. */
    private String errorAfter(Consumer<SafeTensors.Contents> change) throws IOException {
        Path file = saved(sample(new GptConfig(8, 2, 1, 4)));
        SafeTensors.Contents contents = SafeTensors.decode(Files.readAllBytes(file), "x");
        Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>(contents.tensors());
        SafeTensors.Contents copy = new SafeTensors.Contents(metadata, tensors);
        change.accept(copy);
        Files.write(file, SafeTensors.encode(copy));
        return assertThrows(CheckpointException.class, () -> Checkpoint.load(file)).getMessage();
    }

    private String errorForBytes(byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve("bad.safetensors"), bytes);
        return assertThrows(CheckpointException.class, () -> Checkpoint.load(file)).getMessage();
    }

    private static byte[] withHeader(String json, int dataBytes) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length);
        b.put(header);
        return b.array();
    }

    @Test
    void aSavedCheckpointLoadsBackExactly() throws IOException {
        GptConfig config = new GptConfig(12, 3, 2, 8);
        Checkpoint original = sample(config);
        Checkpoint loaded = Checkpoint.load(saved(original));
        assertArrayEquals(original.parameters(), loaded.parameters());
        assertEquals(config, loaded.config());
        assertEquals(Optimizer.ADAM, loaded.optimizer());
        assertEquals(TOKENIZER.vocabulary(), loaded.vocabulary());
        assertEquals(5, loaded.step());
    }

    @Test
    void theFileIsSafetensorsWithTheDocumentedHeader() throws IOException {
        byte[] bytes = Files.readAllBytes(saved(sample(GptConfig.MICROGPT)));
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "padded to 8 bytes");
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"wte\":{\"dtype\":\"F64\",\"shape\":[27,16],\"data_offsets\":[0,3456]}"), header);
        assertTrue(header.contains("\"layer0.attn_wq\":{\"dtype\":\"F64\",\"shape\":[16,16]"), header);
        assertTrue(header.contains("\"__metadata__\":{\"format\":\"microgpt\",\"step\":\"5\",\"n_embd\":\"16\",\"n_head\":\"4\","
                + "\"n_layer\":\"1\",\"block_size\":\"16\",\"optimizer\":\"adam\",\"vocab\":\"abcdefghijklmnopqrstuvwxyz\","), header);
        assertEquals(8 + headerLength + 8L * 4192, bytes.length);
    }

    /** A Python user runs the model from these alone (tools/checkpoint/read_checkpoint.py does). */
    @Test
    void theMetadataSaysWhatAReaderNeedsToRunTheModel() {
        Map<String, String> transformer = sample(new GptConfig(8, 2, 3, 4)).metadata();
        assertEquals("2", transformer.get("format_version"));
        assertEquals("transformer", transformer.get("architecture"));
        assertEquals("27", transformer.get("vocab_size"));
        assertEquals("26", transformer.get("bos_id"));
        assertEquals("8", transformer.get("n_embd"));
        assertEquals("2", transformer.get("n_head"));
        assertEquals("3", transformer.get("n_layer"));
        assertEquals("4", transformer.get("block_size"));
        assertEquals("4", transformer.get("head_dim"));
        assertEquals("1e-05", transformer.get("rmsnorm_eps"));
        assertEquals("relu", transformer.get("activation"));
        assertEquals("none", transformer.get("bias"));
        assertEquals("[out, in]: y = W @ x", transformer.get("weight_layout"));
        assertEquals("1/sqrt(head_dim)", transformer.get("attention_scale"));
        for (String prose : List.of("forward", "rmsnorm", "residual", "attention")) {
            assertTrue(transformer.containsKey(prose), prose);
        }
        assertEquals(Double.toString(1e-5), Double.toString(Double.parseDouble(transformer.get("rmsnorm_eps"))),
                "the engine's epsilon");
    }

    @Test
    void aFileWrittenBeforeFormatVersion2StillLoads() throws IOException {
        Checkpoint original = sample(new GptConfig(8, 2, 1, 4));
        Path file = saved(original);
        SafeTensors.Contents contents = SafeTensors.decode(Files.readAllBytes(file), "x");
        Map<String, String> version1 = new LinkedHashMap<>();
        for (String key : List.of("format", "step", "n_embd", "n_head", "n_layer", "block_size", "optimizer", "vocab")) {
            version1.put(key, contents.metadata().get(key));
        }
        Files.write(file, SafeTensors.encode(new SafeTensors.Contents(version1, contents.tensors())));
        assertArrayEquals(original.parameters(), Checkpoint.load(file).parameters());
    }

    @Test
    void aFileThatStatesADifferentComputationIsRefused() throws IOException {
        assertEquals("checkpoint " + dir.resolve("model.safetensors") + ": bos_id is '0', but this model (step 5, vocab 27, "
                + "n_embd 8) has '26'", errorAfter(c -> c.metadata().put("bos_id", "0")));
        assertTrue(errorAfter(c -> c.metadata().put("vocab_size", "1000000000")).contains("vocab_size is '1000000000'"));
        assertTrue(errorAfter(c -> c.metadata().put("activation", "gelu")).contains("activation is 'gelu'"));
        assertTrue(errorAfter(c -> c.metadata().put("rmsnorm_eps", "1e-06")).contains("rmsnorm_eps is '1e-06'"));
        assertTrue(errorAfter(c -> c.metadata().put("architecture", "mlp")).contains("architecture is 'mlp'"));
        assertTrue(errorAfter(c -> c.metadata().put("format_version", "3")).contains("format_version is '3'"));
    }

    /**
     * A 13 MB file of the issue claimed a 1,112,031-symbol vocabulary (with n_embd 256: 570
     * million parameters, 4.5 GB). Refused by its size, before anything is taken for the model,
     * having allocated about what the file itself takes, not what the metadata claims.
     */
    @Test
    void aHugeClaimedVocabularyIsRefusedBeforeAnythingIsAllocatedForIt() throws IOException {
        Path file = saved(sample(new GptConfig(256, 2, 1, 4)));
        SafeTensors.Contents contents = SafeTensors.decode(Files.readAllBytes(file), "x");
        Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
        StringBuilder vocab = new StringBuilder();
        for (int c = 0x21; c <= Character.MAX_CODE_POINT; c++) {   // every code point above space but the surrogates
            if (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE) vocab.appendCodePoint(c);
        }
        metadata.put("vocab", vocab.toString());

        metadata.remove("vocab_size");
        metadata.remove("bos_id");
        Files.write(file, SafeTensors.encode(new SafeTensors.Contents(metadata, contents.tensors())));

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count allocations");
        long before = threads.getCurrentThreadAllocatedBytes();
        String message = assertThrows(CheckpointException.class, () -> Checkpoint.load(file)).getMessage();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(message.endsWith(": the vocab has 1,112,031 characters; a model has at most 255, as a data set has"), message);
        long claimed = 8L * 2 * 1_112_032 * 256;
        assertTrue(allocated < claimed / 20, "allocated " + allocated + " bytes for a claim of " + claimed);
    }

    @Test
    void aShapeWhoseProductOverflowsIsOneClearError() throws IOException {
        String message = errorForBytes(withHeader("{\"w\":{\"dtype\":\"F64\",\"shape\":[65536,65536,65536,65536],"
                + "\"data_offsets\":[0,0]}}", 0));
        assertTrue(message.contains("more numbers than a file can hold"), message);
        assertEquals(0, SafeTensors.elementCount(new int[] {Integer.MAX_VALUE, 0}));
        assertEquals(6, SafeTensors.elementCount(new int[] {2, 3}));
    }

    @Test
    void aFileTooLargeForAnArrayIsOneClearError() throws IOException {
        Path file = dir.resolve("huge.safetensors");
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(Checkpoint.MAX_FILE_BYTES + 1);   // sparse: takes no disk space
        }
        String message = assertThrows(CheckpointException.class, () -> Checkpoint.load(file)).getMessage();
        assertTrue(message.matches(".* has [0-9,]+ bytes; the largest model the options allow takes [0-9,]+"), message);
        assertTrue(Checkpoint.MAX_FILE_BYTES < 500_000_000L, "at most the largest model: " + Checkpoint.MAX_FILE_BYTES);
    }

    @Test
    void f32TensorsAreReadToo() throws IOException {
        Checkpoint original = sample(new GptConfig(4, 1, 1, 2));
        Path file = saved(original);
        SafeTensors.Contents contents = SafeTensors.decode(Files.readAllBytes(file), "x");
        // Hand-write the same file with F32 data.
        StringBuilder json = new StringBuilder("{\"__metadata__\":{");
        contents.metadata().forEach((k, v) -> json.append('"').append(k).append("\":\"").append(v).append("\","));
        json.setLength(json.length() - 1);
        json.append('}');
        long offset = 0;
        for (var e : contents.tensors().entrySet()) {
            int n = e.getValue().values().length;
            json.append(",\"").append(e.getKey()).append("\":{\"dtype\":\"F32\",\"shape\":")
                    .append(Arrays.toString(e.getValue().shape()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(offset + 4L * n).append("]}");
            offset += 4L * n;
        }
        json.append('}');
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate((int) (8 + header.length + offset)).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header);
        for (var t : contents.tensors().values()) for (double v : t.values()) b.putFloat((float) v);
        Files.write(file, b.array());
        Checkpoint loaded = Checkpoint.load(file);
        for (int i = 0; i < original.parameters().length; i++) {
            assertEquals((float) original.parameters()[i], loaded.parameters()[i], 0.0);
        }
    }

    @Test
    void truncatedAndMalformedFilesAreOneClearError() throws IOException {
        byte[] good = Files.readAllBytes(saved(sample(new GptConfig(8, 2, 1, 4))));
        assertTrue(errorForBytes(new byte[3]).contains("fewer than the 8 of the header length"));
        assertTrue(errorForBytes(Arrays.copyOf(good, 100)).contains("header length"));
        assertTrue(errorForBytes(Arrays.copyOf(good, good.length - 8)).contains("outside the"), "a truncated data section");
        byte[] huge = good.clone();
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE);
        assertTrue(errorForBytes(huge).contains("header length"));
        assertTrue(errorForBytes(withHeader("this is not json", 0)).contains("not JSON"));
        assertTrue(errorForBytes(withHeader("[1, 2]", 0)).contains("not a JSON object"));
        assertTrue(errorForBytes(withHeader("{\"w\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,8]}}", 16))
                .contains("has 8 bytes of data, but its shape [2] of F64 needs 16"));
        assertTrue(errorForBytes(withHeader("{\"w\":{\"dtype\":\"I8\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1)).contains("dtype 'I8'"));
        assertTrue(errorForBytes(withHeader("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 16)).contains("belong to none"));
        assertTrue(errorForBytes(withHeader("{\"__metadata__\":{\"format\":\"microgpt\"}}", 0)).contains("no step"));
        assertTrue(errorForBytes(withHeader("{}", 0)).contains("not a microgpt checkpoint"));
    }

    @Test
    void aCheckpointThatDoesNotFitItsConfigIsOneClearError() throws IOException {
        assertTrue(errorAfter(c -> c.tensors().remove("layer0.attn_wk")).contains("tensor layer0.attn_wk is missing"));
        assertTrue(errorAfter(c -> c.metadata().put("n_embd", "16")).contains("has shape [27, 8], but this model"));
        assertTrue(errorAfter(c -> c.metadata().put("n_layer", "2")).contains("layer1.attn_wq is missing"));
        assertTrue(errorAfter(c -> c.tensors().put("extra", new SafeTensors.Tensor(new int[] {1}, new double[] {1})))
                .contains("tensor extra does not belong to this model"));
        assertTrue(errorAfter(c -> c.metadata().put("vocab", "ba")).contains("sorted order"));
        assertTrue(errorAfter(c -> c.metadata().put("vocab", "abc")).contains("has shape [27, 8]"));
        assertTrue(errorAfter(c -> c.metadata().put("step", "0")).contains("step must be between 1 and 5, got 0"));
        assertTrue(errorAfter(c -> c.metadata().put("n_head", "3")).contains("not divisible by n_head 3"));
        assertTrue(errorAfter(c -> c.metadata().put("optimizer", "lion")).contains("optimizer must be sgd or adam"));
        assertTrue(errorAfter(c -> c.metadata().put("block_size", "four")).contains("block_size is not a whole number"));
        assertTrue(errorAfter(c -> c.tensors().put("wte", new SafeTensors.Tensor(new int[] {27, 8},
                filled(27 * 8, Double.NaN)))).contains("not a finite number"));
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void aDirectoryIsNotACheckpoint() {
        String message = assertThrows(CheckpointException.class, () -> Checkpoint.load(dir)).getMessage();
        assertTrue(message.endsWith("is a directory, not a file"), message);
    }

    @Test
    void theLayoutNamesEveryMatrixOnce() {
        ParamLayout layout = sample(new GptConfig(8, 2, 2, 4)).layout();
        assertEquals(List.of("wte", "wpe", "lm_head", "layer0.attn_wq", "layer0.attn_wk", "layer0.attn_wv", "layer0.attn_wo",
                "layer0.mlp_fc1", "layer0.mlp_fc2", "layer1.attn_wq", "layer1.attn_wk", "layer1.attn_wv", "layer1.attn_wo",
                "layer1.mlp_fc1", "layer1.mlp_fc2"), layout.tensors().stream().map(ParamLayout.Tensor::name).toList());
    }
}
