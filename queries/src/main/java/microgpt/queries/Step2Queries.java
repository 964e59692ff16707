package microgpt.queries;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import microgpt.autograd.Value;
import microgpt.data.Tokenizer;
import microgpt.steps.Step2Autograd;

/**
 * Step 2's computation graphs for the widgets of pages 2.3 and 2.5: a small expression of a, b
 * and c, and the whole graph of one position of a name.
 */
final class Step2Queries {

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
            List<String> ids = new ArrayList<>();
            for (Expression e : values()) ids.add(e.id);
            return ids;
        }

        static Expression byId(String id) {
            for (Expression e : values()) if (e.id.equals(id)) return e;
            throw new IllegalArgumentException(id);
        }
    }

    private final Step12Models m;

    Step2Queries(Step12Models models) {
        this.m = models;
    }

    Tokenizer tokenizer() {
        return m.tokenizer();
    }

    /** The expression a request picks, with its leaves a, b and c (each in [−1000, 1000]). */
    JsonObject expressionGraph(Params in) {
        Expression expr = Expression.byId(in.choice("expr", Expression.ids(), "muladd"));
        double a = in.number("a", -1000, 1000, 2);
        double b = in.number("b", -1000, 1000, -3);
        double c = in.number("c", -1000, 1000, 10);
        if (expr == Expression.RELULOG && c <= 0) throw new BadRequest("c must be above 0: log(c) needs a positive number");
        Value va = new Value(a);
        Value vb = new Value(b);
        Value vc = new Value(c);
        Map<Value, String> names = new IdentityHashMap<>();
        names.put(va, "a");
        names.put(vb, "b");
        names.put(vc, "c");
        return new JsonObject().put("expr", expr.id).put("formula", expr.formula).put("a", a).put("b", b).put("c", c)
                .put("graph", ComputationGraph.backward(expr.build(va, vb, vc), names));
    }

    /** The surprise at one position of a name under the untrained Step 2 model, and its whole graph. */
    JsonObject positionGraph(String name, int position) {
        Tokenizer tok = tokenizer();
        Step2Autograd model = m.step2Initial();
        int[] tokens = tok.encode(name);
        Value loss = model.positionLoss(tokens, position);
        Map<Value, String> names = new IdentityHashMap<>();
        model.parameters().forEach((matrix, values) -> {
            for (int r = 0; r < values.length; r++) {
                for (int col = 0; col < values[r].length; col++) names.put(values[r][col], matrix + "[" + r + "][" + col + "]");
            }
        });
        return new JsonObject().put("name", name).put("vocabulary", Step1Queries.vocabulary(tok)).put("position", position)
                .put("positions", tokens.length - 1).put("token", tok.decode(tokens[position]))
                .put("target", tok.decode(tokens[position + 1])).put("loss", loss.data)
                .put("graph", ComputationGraph.backward(loss, names));
    }
}
