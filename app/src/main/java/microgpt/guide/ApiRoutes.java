package microgpt.guide;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import microgpt.queries.Answer;
import microgpt.steps.Steps;

/**
 * The guide's {@code /api/}: thin routes over what is computed elsewhere. Each widget query is
 * {@code GET /api/PATH?…}, answered by {@link microgpt.queries.WidgetQueries} (the same code
 * answers it in the reader's browser); the seeded runs are {@code /api/runs/stepN.json}; the files
 * the browser's engine reads are {@link SiteFiles}'.
 */
final class ApiRoutes {

    private ApiRoutes() {}

    private static final Pattern RUN_FILE = Pattern.compile("step(\\d)\\.json");

    static void register(RoutesConfig routes, Supplier<Guide> guide) {
        for (String path : guide.get().queries().paths()) {
            routes.get("/api/" + path, ctx -> answer(ctx, guide.get().queries().answer(path, parameters(ctx))));
        }
        for (String path : SiteFiles.paths()) {
            routes.get("/" + path, ctx -> ctx.contentType(path.endsWith(".bin") ? "application/octet-stream" : "text/plain; charset=utf-8")
                    .result(guide.get().siteFile(path).orElseThrow(NotFoundResponse::new)));
        }
        routes.get("/api/runs/{file}", ctx -> {
            Matcher run = RUN_FILE.matcher(ctx.pathParam("file"));
            if (!run.matches() || Integer.parseInt(run.group(1)) >= Steps.COUNT) throw new NotFoundResponse();
            ctx.contentType("application/json").result(guide.get().runJson(Integer.parseInt(run.group(1))));
        });
    }

    /** The query string as the queries take it: each parameter's first value, in order. */
    static Map<String, String> parameters(Context ctx) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : ctx.queryParamMap().entrySet()) {
            parameters.put(entry.getKey(), entry.getValue().isEmpty() ? "" : entry.getValue().get(0));
        }
        return parameters;
    }

    private static void answer(Context ctx, Answer answer) {
        ctx.status(answer.status()).contentType("application/json").result(answer.json());
    }
}
