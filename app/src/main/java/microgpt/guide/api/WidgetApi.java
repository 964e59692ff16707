package microgpt.guide.api;

import io.javalin.config.RoutesConfig;
import java.util.function.Supplier;
import microgpt.guide.Guide;

/**
 * The JSON API the widgets call ({@code /api/...}): one class per step registers its routes here.
 * Every answer is computed by the engine; a bad request gets 400 and {@code {"error": "..."}}.
 */
public final class WidgetApi {

    private WidgetApi() {}

    public static void register(RoutesConfig routes, Supplier<Guide> guide) {
        ApiErrors.register(routes);
        Step0Api.register(routes, guide);
        SamplesApi.register(routes, guide);
        Step1Api.register(routes, guide);
        Step2Api.register(routes, guide);
        microgpt.guide.playground.PlaygroundApi.register(routes, guide);
        Step345Api.register(routes, guide);
    }
}
