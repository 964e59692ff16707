package microgpt.guide;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each widget needs for its first drawing. Most ask the engine (the server, or on an exported
 * site the engine in the reader's browser); the ones listed here draw without it. An exported
 * page starts the browser's engine as it loads only when one of its widgets asks on load: on a
 * two-core machine a worker compiling the engine beside the page slows the page's own drawing by
 * a tenth, which pays only when a widget waits for the engine.
 */
public final class FirstDrawing {

    private FirstDrawing() {}

    /** The widgets that draw without asking the engine, and what they draw from instead. */
    public static final Map<String, String> WITHOUT_ENGINE = Map.of(
            "architecture", "drawn by the page", "dot-product", "computed by the page", "softmax-editor", "computed by the page",
            "momentum", "computed by the page", "loss-chart", "reads api/runs/stepN.json",
            "training-replay", "reads api/runs/stepN.json", "samples", "reads api/runs/stepN.json (the engine re-rolls)",
            "run-yourself", "asks the engine when clicked", "playground", "trains when clicked");

    private static final Pattern WIDGET = Pattern.compile("data-widget=\"([^\"]+)\"");

    /** Whether some widget in this HTML asks the engine for its first drawing. */
    public static boolean asksTheEngine(String html) {
        Matcher widget = WIDGET.matcher(html);
        while (widget.find()) {
            if (!WITHOUT_ENGINE.containsKey(widget.group(1))) return true;
        }
        return false;
    }
}
