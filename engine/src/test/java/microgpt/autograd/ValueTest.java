package microgpt.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValueTest {

    @Test
    void addAndMulRecordTheirLocalGradients() {
        Value a = new Value(2);
        Value b = new Value(-3);
        Value c = a.mul(b).add(a);     // c = a·b + a
        c.backward();
        assertEquals(-4, c.data);
        assertEquals(-3 + 1, a.grad);  // dc/da = b + 1: a is used twice, both contributions add up
        assertEquals(2, b.grad);       // dc/db = a
    }

    @Test
    void primitivesHaveTheirTextbookDerivatives() {
        Value x = new Value(0.5);
        x.pow(3).backward();
        assertEquals(3 * 0.25, x.grad);

        Value y = new Value(2.0);
        y.log().backward();
        assertEquals(0.5, y.grad);

        Value z = new Value(1.0);
        z.exp().backward();
        assertEquals(Math.E, z.grad, 1e-15);

        Value negative = new Value(-1.0);
        Value relu = negative.relu();
        relu.backward();
        assertEquals(0.0, relu.data);
        assertEquals(0.0, negative.grad);
    }

    @Test
    void sugarIsBuiltFromPrimitives() {
        Value a = new Value(6);
        Value b = new Value(3);
        Value q = a.div(b);            // a · b^-1
        q.backward();
        assertEquals(2, q.data);
        assertEquals(1.0 / 3, a.grad, 1e-16);
        assertEquals(-6.0 / 9, b.grad, 1e-15);
        assertEquals(2, q.children().size());      // the division node is a mul: (a, b^-1)
        assertSame(a, q.children().get(0));
        assertEquals(-5.0, new Value(1).sub(new Value(6)).data);
    }

    @Test
    void sumStartsFromALeafZeroAsPythonDoes() {
        Value s = Value.sum(List.of(new Value(1), new Value(2)));
        // ((0 + 1) + 2): the outer add's first child is (0 + 1), whose first child is the 0 leaf
        assertEquals(0.0, s.children().get(0).children().get(0).data);
    }

    @Test
    void topologicalOrderIsTheRecursivePostOrder() {
        Value a = new Value(1);
        Value b = new Value(2);
        Value c = a.mul(b);
        Value d = c.add(a).mul(c.exp()).log().add(b);
        assertEquals(recursivePostOrder(d), d.topologicalOrder());
    }

    @Test
    void aDeepGraphDoesNotOverflowTheStack() {
        Value x = new Value(1.0);
        Value y = x;
        for (int i = 0; i < 200_000; i++) y = y.add(1.0);   // depth 200,000: recursion would fail
        y.backward();
        assertEquals(200_001.0, y.data);
        assertEquals(1.0, x.grad);
    }

    @Test
    void aSecondBackwardOnANewGraphSeesSharedLeavesAgain() {
        Value w = new Value(3);
        w.mul(2).backward();
        w.grad = 0;
        w.mul(5).backward();
        assertEquals(5, w.grad);
        List<Value> order = w.mul(w).topologicalOrder();
        assertSame(w, order.get(0));
    }

    private static List<Value> recursivePostOrder(Value root) {
        List<Value> topo = new ArrayList<>();
        visit(root, Collections.newSetFromMap(new IdentityHashMap<>()), topo);
        return topo;
    }

    private static void visit(Value v, Set<Value> visited, List<Value> topo) {
        if (!visited.add(v)) return;
        for (Value child : v.children()) visit(child, visited, topo);
        topo.add(v);
    }
}
