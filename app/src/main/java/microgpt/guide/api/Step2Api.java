package microgpt.guide.api;

import io.javalin.config.RoutesConfig;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import microgpt.autograd.Value;
import microgpt.data.Tokenizer;
import microgpt.guide.Guide;
import microgpt.guide.GuideNumbers;
import microgpt.steps.Step2Autograd;

/**
 * Step 2's computation graphs for the widgets of pages 2.3 and 2.5, as JSON under {@code /api/step2/}:
 * a small expression of a, b and c, and the whole graph of one position of a name.
 */
public final class Step2Api {

    private Step2Api() {}

    /** The small expressions a reader can pick, by id (the text of a formula is not parsed). */
    enum Expression {
        ADD("add", "a + b"),
        MUL("mul", "a * b"),
        MULADD("muladd", "a * b + c"),
        DIFFSQUARES("diffsquares", "(a + b) * (a - b)"),
        RELULOG("relulog", "relu(a * b) + log(c)");

        final String id;
        final String formula;

        Expression(String id, String formula) {
            this.id = id;
            this.formula = formula;
        }

        Value build(Value a, Value b, Value c) {
            return switch (this) {
                case ADD -> a.add(b);
                case MUL -> a.mul(b);
                case MULADD -> a.mul(b).add(c);
                case DIFFSQUARES -> a.add(b).mul(a.sub(b));
                case RELULOG -> a.mul(b).relu().add(c.log());
            };
        }

        static List<String> ids() {
            return java.util.Arrays.stream(values()).map(e -> e.id).toList();
        }

        static Expression byId(String id) {
            return java.util.Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst().orElseThrow();
        }
    }

    public static void register(RoutesConfig routes, Supplier<Guide> guide) {
        Supplier<Step12Models> models = () -> Step12Models.of(guide.get().numbers());
        routes.get("/api/step2/graph", ctx -> ApiQuery.answer(ctx, Set.of("expr", "a", "b", "c"), in -> {
            Expression expr = Expression.byId(in.choice("expr", Expression.ids(), "muladd"));
            double a = in.number("a", -1000, 1000, 2);
            double b = in.number("b", -1000, 1000, -3);
            double c = in.number("c", -1000, 1000, 10);
            if (expr == Expression.RELULOG && c <= 0) throw new ApiErrors.BadRequest("c must be above 0: log(c) needs a positive number");
            return expressionGraph(expr, a, b, c);
        }));
        routes.get("/api/step2/position-graph", ctx -> ApiQuery.answer(ctx, Set.of("name", "position"), in -> {
            Step12Models m = models.get();
            String name = in.name("name", m.tokenizer(), GuideNumbers.AVA);
            int positions = name.codePointCount(0, name.length()) + 1;
            int position = in.integer("position", 0, positions - 1, 0);
            return positionGraph(m, name, position);
        }));
    }

    record ExpressionGraph(String expr, String formula, double a, double b, double c, ComputationGraph.Graph graph) {}

    static ExpressionGraph expressionGraph(Expression expr, double a, double b, double c) {
        Value va = new Value(a);
        Value vb = new Value(b);
        Value vc = new Value(c);
        Map<Value, String> names = new IdentityHashMap<>(Map.of(va, "a", vb, "b", vc, "c"));
        return new ExpressionGraph(expr.id, expr.formula, a, b, c, ComputationGraph.backward(expr.build(va, vb, vc), names));
    }

    record PositionGraph(String name, List<String> vocabulary, int position, int positions, String token, String target,
                         double loss, ComputationGraph.Graph graph) {}

    /** The surprise at one position of a name under the untrained Step 2 model, and its whole graph. */
    static PositionGraph positionGraph(Step12Models m, String name, int position) {
        Tokenizer tok = m.tokenizer();
        Step2Autograd model = m.step2Initial();
        int[] tokens = tok.encode(name);
        Value loss = model.positionLoss(tokens, position);
        Map<Value, String> names = new IdentityHashMap<>();
        model.parameters().forEach((matrix, values) -> {
            for (int r = 0; r < values.length; r++) {
                for (int col = 0; col < values[r].length; col++) names.put(values[r][col], matrix + "[" + r + "][" + col + "]");
            }
        });
        return new PositionGraph(name, Step1Api.vocabulary(tok), position, tokens.length - 1, tok.decode(tokens[position]), tok.decode(tokens[position + 1]),
                loss.data, ComputationGraph.backward(loss, names));
    }
}
