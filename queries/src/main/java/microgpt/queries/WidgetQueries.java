package microgpt.queries;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import microgpt.steps.Steps;

/**
 * Every question a widget can ask, answered as JSON text: one place that maps a query's path and
 * parameters to the engine. The server's routes call it ({@code GET /api/PATH?…}), and so does
 * the engine compiled for the reader's browser, so a widget gets the same answer, and the same
 * error message, from either.
 *
 * <p>Each query names the parameters it takes; see docs/WIDGETS*.md for what each answers.
 */
public final class WidgetQueries {

    /** A query: the parameters it takes and what it computes from them. */
    private record Query(Set<String> parameters, Function<Params, Object> answer) {}

    private final Map<String, Query> queries = new LinkedHashMap<>();

    /** The queries over the guide's data and seeded models. */
    public WidgetQueries(GuideData data) {
        Step0Queries step0 = new Step0Queries(data);
        add("tokenize", Set.of("text"), in -> step0.tokenize(in.text("text", Step0Queries.MAX_TEXT)));
        add("unique-chars", Set.of("text"), in -> Step0Queries.uniqueChars(in.text("text", Step0Queries.MAX_TEXT)));
        add("step0/table", Set.of("steps"), in -> step0.table(step0Steps(in)));
        add("step0/bigram", Set.of("steps", "token"), in -> step0.bigram(step0Steps(in), in.tokenOrId("token", step0.tokenizer())));
        add("step0/pairs", Set.of("steps", "name"), in -> step0.pairs(step0Steps(in), in.requiredName("name", step0.tokenizer())));

        SampleQueries samples = new SampleQueries(data);
        add("samples", Set.of("step", "seed", "count"), in -> samples.samples(in.integer("step", 0, Steps.COUNT - 1, 0),
                in.seed("seed", 42), in.integer("count", 1, SampleQueries.MAX_SAMPLES, 20)));

        Step12Models models = new Step12Models(data);
        Step1Queries step1 = new Step1Queries(models);
        add("step1/params", Set.of(), in -> step1.params());
        add("step1/activations", Set.of("token", "trained"), in ->
                step1.activations(in.token("token", step1.tokenizer(), "a"), in.flag("trained", true)));
        add("step1/forward", Set.of("name", "trained"), in ->
                step1.forward(in.name("name", step1.tokenizer(), "ava"), in.flag("trained", true)));
        add("step1/slope", Set.of("name", "param", "epsilon", "at"), step1::slope);
        add("step1/training-names", Set.of(), in -> step1.trainingNames());
        add("step1/gradcheck", Set.of("name"), in -> step1.gradcheck(in.name("name", step1.tokenizer(), models.firstName())));
        add("step1/samples", Set.of("temperature"), in -> step1.samples(in.temperature("temperature", 5, 0.5)));

        Step2Queries step2 = new Step2Queries(models);
        add("step2/graph", Set.of("expr", "a", "b", "c"), step2::expressionGraph);
        add("step2/position-graph", Set.of("name", "position"), in -> {
            String name = in.name("name", step2.tokenizer(), "ava");
            int positions = name.codePointCount(0, name.length()) + 1;
            return step2.positionGraph(name, in.integer("position", 0, positions - 1, 0));
        });

        Step345Queries step345 = new Step345Queries(data);
        add("step345/trace", Set.of("step", "name"), in -> step345.askedTrace(in).json());
        add("step345/attention", Set.of("step", "name"), in -> Step345Queries.attention(step345.askedTrace(in)).json());
        add("step345/rmsnorm", Set.of("x"), in -> Step345Queries.rmsnorm(Step345Queries.vector(in)));
    }

    private static int step0Steps(Params in) {
        return in.integer("steps", 0, Step0Snapshots.MAX_STEPS, Step0Snapshots.MAX_STEPS);
    }

    /** Adds (or, for a browser that adds its own, replaces) a query. */
    public void add(String path, Set<String> parameters, Function<Params, Object> answer) {
        queries.put(path, new Query(parameters, answer));
    }

    /** Every query's path, e.g. {@code step0/table} (the server serves each at {@code /api/PATH}). */
    public Set<String> paths() {
        return queries.keySet();
    }

    /**
     * The answer to one query: 200 and its JSON, 400 and {@code {"error": "…"}} for a bad request,
     * 404 for a path no query has. A failure inside the engine is a 500 with its message only.
     * Anything the engine cannot find ({@link SiteData.Missing}) is left to the caller, which can fetch it.
     */
    public Answer answer(String path, Map<String, String> parameters) {
        Query query = queries.get(path);
        if (query == null) return Answer.error(404, "no query " + Params.shorten(path) + ": the queries are " + String.join(", ", queries.keySet()));
        try {
            return Answer.ok(query.answer().apply(Params.of(parameters, query.parameters())));
        } catch (BadRequest e) {
            return new Answer(400, Json.text(e.body()));
        } catch (SiteData.Missing e) {
            throw e;
        } catch (RuntimeException e) {
            return Answer.error(500, "the engine could not answer " + path + ": " + e.getMessage());
        }
    }
}
