package microgpt.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import microgpt.math.Libm;

/**
 * A number that remembers how it was made.
 *
 * <p>Every operation on Values returns a new Value that records its inputs (its children) and
 * the local derivative of the result with respect to each input. {@link #backward()} then
 * applies the chain rule over that record, from the loss back to every parameter.
 */
public final class Value {

    // region value
    public double data;                  // the number itself
    public double grad;                  // d(loss)/d(this), filled in by backward()
    private final Value[] children;      // the Values this one was computed from
    private final double[] localGrads;   // d(this)/d(child), one per child

    public Value(double data) {
        this(data, new Value[0], new double[0]);
    }

    private Value(double data, Value[] children, double[] localGrads) {
        this.data = data;
        this.children = children;
        this.localGrads = localGrads;
    }
    // endregion

    // region add-mul
    public Value add(Value other) {
        return new Value(data + other.data, new Value[] {this, other}, new double[] {1, 1});
    }

    public Value mul(Value other) {
        return new Value(data * other.data, new Value[] {this, other}, new double[] {other.data, data});
    }
    // endregion

    // region primitives
    /** this^k for a plain number k: d/dx x^k = k·x^(k−1). */
    public Value pow(double k) {
        return new Value(Libm.pow(data, k), new Value[] {this}, new double[] {k * Libm.pow(data, k - 1)});
    }

    public Value log() {
        return new Value(Libm.log(data), new Value[] {this}, new double[] {1 / data});
    }

    public Value exp() {
        double e = Libm.exp(data);
        return new Value(e, new Value[] {this}, new double[] {e});
    }

    public Value relu() {
        return new Value(data > 0 ? data : 0.0, new Value[] {this}, new double[] {data > 0 ? 1 : 0});
    }
    // endregion

    // region sugar
    // Everything else is built from the primitives above, so backward() needs to know nothing new.
    // A plain number c first becomes a Value of its own (a leaf with no children).
    public Value add(double c) { return add(new Value(c)); }
    public Value mul(double c) { return mul(new Value(c)); }
    public Value neg() { return mul(-1); }
    public Value sub(Value other) { return add(other.neg()); }
    public Value sub(double c) { return add(-c); }
    public Value div(Value other) { return mul(other.pow(-1)); }
    public Value div(double c) { return mul(Libm.pow(c, -1)); }

    /** ((0 + x0) + x1) + …, as Python's sum() adds. */
    public static Value sum(List<Value> xs) {
        Value total = new Value(0);
        for (Value x : xs) total = total.add(x);
        return total;
    }
    // endregion

    // region backward
    public void backward() {
        List<Value> topo = topologicalOrder();
        grad = 1;
        for (int i = topo.size() - 1; i >= 0; i--) {
            Value node = topo.get(i);
            for (int c = 0; c < node.children.length; c++) {
                node.children[c].grad += node.localGrads[c] * node.grad;
            }
        }
    }

    /**
     * Every Value this one depends on, each after all of its children: the post-order of a
     * depth-first search. Written with an explicit stack rather than recursion, because a
     * training step's graph is deep enough to overflow the call stack.
     */
    List<Value> topologicalOrder() {
        long visit = VISITS.incrementAndGet();   // marks which nodes this walk has seen
        List<Value> topo = new ArrayList<>();
        Value[] path = new Value[64];            // the nodes whose children are being visited
        int[] nextChild = new int[64];           // for each, the next child to visit
        int depth = 0;
        visitedIn = visit;
        path[0] = this;
        nextChild[0] = 0;
        while (depth >= 0) {
            Value node = path[depth];
            int c = nextChild[depth];
            if (c < node.children.length) {
                nextChild[depth] = c + 1;
                Value child = node.children[c];
                if (child.visitedIn != visit) {
                    child.visitedIn = visit;
                    depth++;
                    if (depth == path.length) {
                        path = Arrays.copyOf(path, 2 * depth);
                        nextChild = Arrays.copyOf(nextChild, 2 * depth);
                    }
                    path[depth] = child;
                    nextChild[depth] = 0;
                }
            } else {
                topo.add(node);
                depth--;
            }
        }
        return topo;
    }

    /** A number per walk, so "seen in this walk" needs no set: parameters live through many walks. */
    private static final AtomicLong VISITS = new AtomicLong();
    private long visitedIn;
    // endregion

    /** The children, for drawing the graph (read-only). */
    public List<Value> children() {
        return List.of(children);
    }

    /** The local derivative with respect to child i, for drawing the graph. */
    public double localGrad(int i) {
        return localGrads[i];
    }

    @Override
    public String toString() {
        return "Value(data=" + data + ", grad=" + grad + ")";
    }
}
