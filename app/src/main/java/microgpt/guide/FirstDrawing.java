package microgpt.guide;

import java.util.Map;

/**
 * What each widget needs for its first drawing. Most ask the engine (the server, or on an exported
 * site the answers the page carries: {@link FirstAnswers}); the ones listed here draw without it.
 * The browser benchmark reports the two kinds apart.
 */
public final class FirstDrawing {

    private FirstDrawing() {}

    /** The widgets that draw without asking the engine, and what they draw from instead. */
    public static final Map<String, String> WITHOUT_ENGINE = Map.of(
            "architecture", "drawn by the page", "dot-product", "computed by the page", "softmax-editor", "computed by the page",
            "momentum", "computed by the page", "loss-chart", "reads api/runs/stepN.json",
            "training-replay", "reads api/runs/stepN.json", "samples", "reads api/runs/stepN.json (the engine re-rolls)",
            "run-yourself", "asks the engine when clicked", "playground", "trains when clicked");
}
