package microgpt.queries;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import microgpt.autograd.Value;
import microgpt.math.Libm;

/**
 * A Value's computation graph as the widgets draw it: every node in the order backward() visits
 * them in reverse (the topological order), each with its operation, data, grad, children and the
 * local gradient along each edge.
 *
 * <p>A Value does not store which operation made it; the label is read back from the numbers it
 * keeps (two children with local gradients 1 and 1 and the sum as data: an add; one child whose
 * local gradient equals the result: exp; and so on).
 */
final class ComputationGraph {

    private ComputationGraph() {}

    /**
     * Runs {@code root.backward()} and returns the graph with every grad filled in.
     * {@code leafNames} names the leaves the reader knows (a, b, c, or wte[3][7]); other leaves are constants.
     */
    static JsonObject backward(Value root, Map<Value, String> leafNames) {
        root.backward();
        List<Value> topo = root.topologicalOrder();
        Map<Value, Integer> ids = new IdentityHashMap<>();
        for (Value v : topo) ids.put(v, ids.size());
        List<JsonObject> nodes = new ArrayList<>(topo.size());
        Map<String, Integer> ops = new LinkedHashMap<>();
        for (Value v : topo) {
            List<Value> children = v.children();
            int[] childIds = new int[children.size()];
            double[] local = new double[children.size()];
            for (int c = 0; c < local.length; c++) {
                childIds[c] = ids.get(children.get(c));
                local[c] = v.localGrad(c);
            }
            String op = op(v);
            ops.merge(op, 1, Integer::sum);
            String label = leafNames.containsKey(v) ? leafNames.get(v) : children.isEmpty() ? "const" : op;
            nodes.add(new JsonObject().put("id", ids.get(v)).put("op", op).put("label", label).put("data", v.data)
                    .put("grad", v.grad).put("children", childIds).put("localGrads", local));
        }
        int[] backwardOrder = new int[topo.size()];
        for (int i = 0; i < backwardOrder.length; i++) backwardOrder[i] = topo.size() - 1 - i;
        return new JsonObject().put("root", ids.get(root)).put("size", nodes.size()).put("ops", ops).put("nodes", nodes)
                .put("backwardOrder", backwardOrder);
    }

    /** The operation that made a Value, read back from its children and local gradients. */
    static String op(Value v) {
        List<Value> children = v.children();
        if (children.isEmpty()) return "leaf";
        if (children.size() == 2) {
            double a = children.get(0).data;
            double b = children.get(1).data;
            boolean add = v.localGrad(0) == 1 && v.localGrad(1) == 1 && v.data == a + b;
            return add ? "+" : "×";
        }
        double x = children.get(0).data;
        double local = v.localGrad(0);
        if (v.data == (x > 0 ? x : 0.0) && local == (x > 0 ? 1 : 0)) return "relu";
        if (v.data == Libm.exp(x) && local == v.data) return "exp";
        if (v.data == Libm.log(x) && local == 1 / x) return "log";
        return "pow";
    }
}
