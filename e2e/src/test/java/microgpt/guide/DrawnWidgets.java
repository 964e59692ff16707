package microgpt.guide;

import java.util.Map;

/**
 * What each widget shows once it has its answer: a CSS selector inside the widget's element
 * that matches only after the widget drew it. The end-to-end tests wait for it to check that a
 * widget works; the browser benchmark ({@code microgpt.bench.BrowserBench}) times when it first
 * appears. A widget missing here fails {@code BrowserEngineTest}.
 */
public final class DrawnWidgets {

    private DrawnWidgets() {}

    public static final Map<String, String> SELECTORS = Map.ofEntries(
            Map.entry("unique-chars", ".tok"), Map.entry("token-chips", ".tok"), Map.entry("bigram-bars", ".bar"),
            Map.entry("count-table", ".count-table-heatmap .cell"), Map.entry("ava-pairs", ".probability"),
            Map.entry("samples", ".samples-list li"), Map.entry("loss-chart", ".loss-chart-table td"),
            Map.entry("param-heatmaps", ".heatmap rect"), Map.entry("mlp-flow", ".mf-cell"), Map.entry("forward-pass", ".fp-row-current"),
            Map.entry("numerical-slope", ".ns-curve"), Map.entry("gradcheck-scatter", ".gc-dots circle"),
            Map.entry("training-replay", ".tr-raw"), Map.entry("temperature-samples", ".ts-name"),
            Map.entry("dot-product", "input"), Map.entry("softmax-editor", "input"),
            Map.entry("node-diagram", ".graph-node"), Map.entry("graph-backward", ".graph-node"),
            Map.entry("architecture", "svg"), Map.entry("position-embeddings", ".w345-cell"), Map.entry("rmsnorm", ".rn-after .w345-cell"),
            Map.entry("attention-weights", ".aw-bar"), Map.entry("kv-cache", ".kv-entry"), Map.entry("multi-head", ".mh-head"),
            Map.entry("momentum", "svg"), Map.entry("attention-explorer", ".ae-cell"),
            Map.entry("run-yourself", ".run-yourself-button"), Map.entry("playground", ".playground-train"));
}
