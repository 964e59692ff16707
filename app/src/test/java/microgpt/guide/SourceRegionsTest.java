package microgpt.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceRegionsTest {

    private static final String SOURCE = String.join("\n",
            "class Model {",                       // 1
            "    // region outer",                 // 2
            "    int forward(int x) {",            // 3
            "        // region inner",             // 4
            "        int y = x * 2;",              // 5
            "",                                    // 6
            "        return y;",                   // 7
            "        // endregion",                // 8
            "    }",                               // 9
            "    // endregion",                    // 10
            "",                                    // 11
            "    // region other",                 // 12
            "    int z;",                          // 13
            "    // endregion",                    // 14
            "}");

    @Test
    void cutsTheLinesBetweenTheMarkersAndDedentsThem() {
        SourceRegions.Region inner = SourceRegions.extract("Model.java", SOURCE, "inner");
        assertEquals("int y = x * 2;\n\nreturn y;", inner.code());
        assertEquals(5, inner.firstLine());
        assertEquals(7, inner.lastLine());
        assertEquals("Model.java", inner.file());
    }

    @Test
    void anOuterRegionLeavesOutTheMarkersOfTheRegionsInsideIt() {
        SourceRegions.Region outer = SourceRegions.extract("Model.java", SOURCE, "outer");
        assertEquals("int forward(int x) {\n    int y = x * 2;\n\n    return y;\n}", outer.code());
        assertEquals(3, outer.firstLine());
        assertEquals(9, outer.lastLine());
    }

    @Test
    void findsEveryRegionInOrder() {
        assertEquals(List.of("inner", "outer", "other"), List.copyOf(SourceRegions.extractAll("Model.java", SOURCE).keySet()));
    }

    @Test
    void anUnknownRegionIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceRegions.extract("Model.java", SOURCE, "backward"));
        assertTrue(e.getMessage().contains("backward"), e.getMessage());
    }

    @Test
    void unbalancedMarkersAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> SourceRegions.extractAll("A.java", "// region a\nint x;\n"));
        assertThrows(IllegalArgumentException.class, () -> SourceRegions.extractAll("A.java", "int x;\n// endregion\n"));
        assertThrows(IllegalArgumentException.class,
                () -> SourceRegions.extractAll("A.java", "// region a\nint x;\n// endregion\n// region a\nint y;\n// endregion\n"));
    }

    @Test
    void readsTheEngineSourcePackagedWithTheApp() throws Exception {
        SourceRegions.Region bigram = SourceRegions.engine().region("Step0Counting", "bigram");
        assertEquals("engine/src/main/java/microgpt/steps/Step0Counting.java", bigram.file());
        assertTrue(bigram.code().startsWith("/**"), bigram.code());
        assertTrue(bigram.code().contains("public double[] bigram(int token) {"), bigram.code());
        // The label's lines are the lines of the real file.
        List<String> real = Files.readAllLines(Path.of("..").resolve(bigram.file()));
        List<String> shown = SourceRegions.dedent(real.subList(bigram.firstLine() - 1, bigram.lastLine()));
        assertEquals(String.join("\n", shown), bigram.code());
    }

    @Test
    void anUnknownEngineClassOrRegionIsAnError() {
        SourceRegions engine = SourceRegions.engine();
        assertThrows(IllegalArgumentException.class, () -> engine.region("Step9Magic", "train"));
        assertThrows(IllegalArgumentException.class, () -> engine.region("Step0Counting", "no-such-region"));
    }

    @Test
    void everyRegionNamedInAuthoringExists() {
        SourceRegions engine = SourceRegions.engine();
        Map<String, List<String>> promised = Map.ofEntries(
                Map.entry("Documents", List.of("load")),
                Map.entry("Tokenizer", List.of("tokenizer", "encode")),
                Map.entry("PyRandom", List.of("seed", "random", "shuffle", "gauss", "choices")),
                Map.entry("Trainer", List.of("training-loop", "sampling")),
                Map.entry("Step0Counting", List.of("counts", "bigram", "loss", "train", "sample")),
                Map.entry("Step1GradientDescent", List.of("parameters", "linear", "softmax", "mlp", "loss",
                        "numerical-gradient", "analytic-gradient", "gradient-check", "train", "sample")),
                Map.entry("Value", List.of("value", "add-mul", "primitives", "sugar", "backward")),
                Map.entry("Step2Autograd", List.of("parameters", "linear", "softmax", "mlp", "loss", "train", "sample")),
                Map.entry("Step3Attention", List.of("parameters", "rmsnorm", "gpt", "embeddings", "qkv", "attention",
                        "residual", "mlp", "loss", "train", "sample")),
                Map.entry("Step4Transformer", List.of("parameters", "kv-cache", "gpt", "layer-loop", "multi-head",
                        "loss", "train", "sample")),
                Map.entry("Step5Adam", List.of("adam-state", "adam-update")));
        promised.forEach((className, regions) -> regions.forEach(region ->
                assertTrue(!engine.region(className, region).code().isBlank(), className + "#" + region)));
    }
}
