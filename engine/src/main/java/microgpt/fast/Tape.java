package microgpt.fast;

import java.util.Arrays;

/**
 * {@link microgpt.autograd.Value}, flattened: every node is an index into a few primitive
 * arrays instead of an object, and a training step appends its nodes to the end of the arrays
 * instead of allocating them.
 *
 * <p>The operations, their children (in the same order) and their local gradients are exactly
 * Value's, so every {@code data} is bit for bit what the readable engine computes. The
 * parameters live in the first {@link #numParams()} slots and stay there; {@link #reset()}
 * drops every node recorded after them, ready for the next step.
 *
 * <h2>Why backward needs the depth-first order</h2>
 * A node that feeds several others receives one gradient contribution from each, and
 * floating-point addition is not associative: the order of the {@code +=} decides the last bits.
 * Value walks the reverse of a depth-first post-order from the loss; reverse creation order is
 * also a valid topological order, but not the same one. Example: the final residual vector x
 * feeds all 27 logits, and the depth-first search reaches the target's logit first (through
 * {@code probs[target]}), the others later through the softmax total; so x receives the target
 * logit's contribution last, where reverse creation order would put it in the middle. So this
 * tape computes the same post-order and walks exactly that. (It cannot be computed once and
 * reused: the graph's shape depends on the target tokens, which choose the probability the loss
 * reads and so the path the search takes first. {@link BackwardOrders} puts it together from
 * the pieces that do repeat.)
 *
 * <h2>Sums of products</h2>
 * Most of Value's nodes belong to a sum of products, {@code sum(a[j] * b[j] for j)}: every row of
 * a linear layer, every attention score and mix, the squares in rmsnorm. Value makes 2k + 1 nodes
 * of it (k products, the leaf 0, k additions); {@link #sumOfProducts} records one node that keeps
 * the k pairs (a[j], b[j]) in an operand list, or only four numbers when both lists are evenly
 * spaced (a row of weights times a vector of consecutive nodes). Its value is the same
 * left-to-right sum. Its backward pass does what Value's 2k + 1 nodes do, in their order: the additions pass
 * the gradient through unchanged (0 + 1·g is g), then product k − 1, k − 2, …, 0 each adds
 * {@code b·g} to a's gradient and {@code a·g} to b's.
 *
 * <p>Value's walk can put other nodes between those products: the nodes first reached through
 * a[j'] or b[j'] come right after product j' (going backward). Doing all k products at once moves
 * those nodes after product 0, which changes nothing as long as none of them passes a gradient
 * to an earlier pair's a[j] or b[j]: true when no operand is computed from another operand of the
 * same sum (the rows, scores, mixes and squares of a GPT: a layer's inputs are not computed from
 * each other or from that layer's weights). That is the precondition of {@link #sumOfProducts};
 * the search ({@link #postOrder}) visits the pairs in Value's order and emits the sum after them.
 * ({@link #genericBackwardOrder} is the same search written without shortcuts, for the tests.)
 */
public final class Tape {

    private static final int NO_CHILD = -1;

    private final int numParams;
    private int size;
    double[] data;
    double[] grad;
    private int[] child;        // child[2i], child[2i + 1]: the children of node i, or NO_CHILD
    private double[] local;     // local[2i], local[2i + 1]: d(node i)/d(child)
    // A sum of k products keeps its operands in `operands`, from child[2i] on, in one of two forms:
    //   chainLength[i] = k:  the k pairs a0, b0, a1, b1, …
    //   chainLength[i] = −k: four numbers a0, Δa, b0, Δb, when a[j] = a0 + j·Δa and b[j] = b0 + j·Δb
    //                        (a weight row and a vector of consecutive nodes: most of them).
    // Every other node has chainLength 0.
    private int[] chainLength;
    private int[] operands;
    private int operandCount;   // operands used since the last reset

    /** A tape whose first numParams nodes are leaves holding the parameters (all zero at first). */
    public Tape(int numParams, int initialCapacity) {
        this.numParams = numParams;
        int capacity = Math.max(initialCapacity, numParams + 16);
        data = new double[capacity];
        grad = new double[capacity];
        child = new int[2 * capacity];
        local = new double[2 * capacity];
        chainLength = new int[capacity];
        operands = new int[2 * capacity];
        Arrays.fill(child, 0, 2 * numParams, NO_CHILD);
        size = numParams;
    }

    public int numParams() {
        return numParams;
    }

    /** Nodes recorded, parameters included. */
    public int size() {
        return size;
    }

    /** The bytes this tape's arrays hold now (for the tests of the memory estimate). */
    long bytesHeld() {
        return 8L * (data.length + grad.length + local.length) + 4L * (child.length + chainLength.length + operands.length)
                + 4L * (postOrder.length + path.length + visitedMark.length);
    }

    /** Forgets every node after the parameters. */
    public void reset() {
        size = numParams;
        operandCount = 0;
        lastPowBase = NO_CHILD;
    }

    public double data(int node) {
        return data[node];
    }

    public double grad(int node) {
        return grad[node];
    }

    public void setData(int node, double value) {
        lastPowBase = NO_CHILD;
        data[node] = value;
    }

    // region recording

    private int node(double value, int c0, double l0, int c1, double l1) {
        if (size == data.length) grow(size + 1);
        int i = size++;
        data[i] = value;
        grad[i] = 0;
        child[2 * i] = c0;
        child[2 * i + 1] = c1;
        local[2 * i] = l0;
        local[2 * i + 1] = l1;
        chainLength[i] = 0;
        return i;
    }

    private void grow(int needed) {
        int capacity = Math.max(needed, data.length * 2);
        data = Arrays.copyOf(data, capacity);
        grad = Arrays.copyOf(grad, capacity);
        child = Arrays.copyOf(child, 2 * capacity);
        local = Arrays.copyOf(local, 2 * capacity);
        chainLength = Arrays.copyOf(chainLength, capacity);
    }

    /** {@code new Value(c)}: a leaf. */
    public int leaf(double c) {
        return node(c, NO_CHILD, 0, NO_CHILD, 0);
    }

    public int add(int a, int b) {
        return node(data[a] + data[b], a, 1, b, 1);
    }

    public int mul(int a, int b) {
        return node(data[a] * data[b], a, data[b], b, data[a]);
    }

    public int pow(int a, double k) {
        // Value makes a new node for every a ** k, and softmax divides each exp by the same total
        // (e / total is e · total^-1): 27 equal powers in a row. The node is still made each time
        // (its gradient path is Value's), but its two powers are computed once. Valid until a
        // node's value can change: reset (parameters change only between steps) or setData.
        if (a != lastPowBase || Double.doubleToRawLongBits(k) != lastPowExponentBits) {
            double x = data[a];
            lastPowValue = FastLibm.pow(x, k);
            lastPowLocal = k * FastLibm.pow(x, k - 1);
            lastPowBase = a;
            lastPowExponentBits = Double.doubleToRawLongBits(k);
        }
        return node(lastPowValue, a, lastPowLocal, NO_CHILD, 0);
    }

    private int lastPowBase = NO_CHILD;
    private long lastPowExponentBits;
    private double lastPowValue, lastPowLocal;

    public int log(int a) {
        double x = data[a];
        return node(FastLibm.log(x), a, 1 / x, NO_CHILD, 0);
    }

    public int exp(int a) {
        double e = FastLibm.exp(data[a]);
        return node(e, a, e, NO_CHILD, 0);
    }

    public int relu(int a) {
        double x = data[a];
        return node(x > 0 ? x : 0.0, a, x > 0 ? 1 : 0, NO_CHILD, 0);
    }

    // The sugar, built from the primitives exactly as Value builds it. (Value overloads add(c)
    // and add(Value); here both kinds of argument would be numbers, so the constant versions
    // have their own names: node ids are ints, and an int would silently pick the wrong one.)
    public int addConst(int a, double c) { return add(a, leaf(c)); }
    public int mulConst(int a, double c) { return mul(a, leaf(c)); }
    public int neg(int a) { return mulConst(a, -1.0); }
    public int sub(int a, int b) { return add(a, neg(b)); }
    public int subConst(int a, double c) { return addConst(a, -c); }
    public int div(int a, int b) { return mul(a, pow(b, -1)); }
    public int divConst(int a, double c) { return mulConst(a, FastLibm.pow(c, -1)); }

    /** Python's sum: ((0 + x0) + x1) + …, the 0 a leaf of its own. */
    public int sum(int[] xs) {
        int total = leaf(0);
        for (int x : xs) total = add(total, x);
        return total;
    }

    /**
     * {@code sum(a[j] * b[j] for j < k)}, as one node holding the k pairs (see the class comment:
     * no a[j] or b[j] may be computed from another operand of the same sum). Its value is
     * Value's: ((0 + a0·b0) + a1·b1) + …
     */
    public int sumOfProducts(int[] a, int[] b, int k) {
        if (k == 0) return leaf(0);                    // Value's sum of nothing: the leaf 0
        if (operandCount + 2 * k + 4 > operands.length) {
            operands = Arrays.copyOf(operands, Math.max(operandCount + 2 * k + 4, 2 * operands.length));
        }
        int strideA = k > 1 ? a[1] - a[0] : 1;
        int strideB = k > 1 ? b[1] - b[0] : 1;
        boolean evenlySpaced = true;
        double[] d = data;
        double sum = 0;
        for (int j = 0; j < k; j++) {
            int aj = a[j];
            int bj = b[j];
            sum = sum + d[aj] * d[bj];
            evenlySpaced &= aj == a[0] + j * strideA && bj == b[0] + j * strideB;
        }
        int first = operandCount;
        int[] ops = operands;
        if (evenlySpaced) {
            ops[first] = a[0];
            ops[first + 1] = strideA;
            ops[first + 2] = b[0];
            ops[first + 3] = strideB;
            operandCount = first + 4;
        } else {
            for (int j = 0; j < k; j++) {
                ops[first + 2 * j] = a[j];
                ops[first + 2 * j + 1] = b[j];
            }
            operandCount = first + 2 * k;
        }
        int total = node(sum, first, 0, NO_CHILD, 0);
        chainLength[total] = evenlySpaced ? -k : k;
        return total;
    }

    /**
     * A linear layer: for each row i, {@code sumOfProducts(row i of the weights, x)}, the same
     * nodes. The weights are {@code rows} rows of {@code x.length} consecutive parameters from
     * {@code weights} on. Four rows are summed side by side: each keeps its own left-to-right
     * order (so its bits), and four independent sums keep the processor busy where a single
     * chain of additions would wait on each one.
     */
    public int[] linear(int weights, int rows, int[] x) {
        int k = x.length;
        int[] y = new int[rows];
        if (k == 0) {
            for (int i = 0; i < rows; i++) y[i] = leaf(0);
            return y;
        }
        int strideX = k > 1 ? x[1] - x[0] : 1;
        boolean evenlySpaced = true;
        for (int j = 0; j < k; j++) evenlySpaced &= x[j] == x[0] + j * strideX;
        double[] sums = new double[rows];
        double[] d = data;
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            int w0 = weights + i * k;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int j = 0; j < k; j++) {
                double xj = d[x[j]];
                s0 = s0 + d[w0 + j] * xj;
                s1 = s1 + d[w0 + k + j] * xj;
                s2 = s2 + d[w0 + 2 * k + j] * xj;
                s3 = s3 + d[w0 + 3 * k + j] * xj;
            }
            sums[i] = s0;
            sums[i + 1] = s1;
            sums[i + 2] = s2;
            sums[i + 3] = s3;
        }
        for (; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < k; j++) s = s + d[weights + i * k + j] * d[x[j]];
            sums[i] = s;
        }
        int perRow = evenlySpaced ? 4 : 2 * k;
        if (operandCount + rows * perRow > operands.length) {
            operands = Arrays.copyOf(operands, Math.max(operandCount + rows * perRow, 2 * operands.length));
        }
        int[] ops = operands;
        for (i = 0; i < rows; i++) {
            int first = operandCount;
            if (evenlySpaced) {
                ops[first] = weights + i * k;
                ops[first + 1] = 1;
                ops[first + 2] = x[0];
                ops[first + 3] = strideX;
            } else {
                for (int j = 0; j < k; j++) {
                    ops[first + 2 * j] = weights + i * k + j;
                    ops[first + 2 * j + 1] = x[j];
                }
            }
            operandCount = first + perRow;
            y[i] = node(sums[i], first, 0, NO_CHILD, 0);
            chainLength[y[i]] = evenlySpaced ? -k : k;
        }
        return y;
    }

    /** Operand c (a_0, b_0, a_1, b_1, …) of the sum of products at {@code node}. */
    private static int operand(int[] ops, int first, int length, int c) {
        if (length > 0) return ops[first + c];
        int j = c >> 1;
        return (c & 1) == 0 ? ops[first] + j * ops[first + 1] : ops[first + 2] + j * ops[first + 3];
    }
    // endregion

    // region backward

    private int[] postOrder = new int[0];   // reused between steps: no allocation per step
    private int[] path = new int[0];
    private int[] visitedMark = new int[0];
    private int mark;

    /**
     * {@code loss.backward()}: the gradient of {@code loss} with respect to every node it depends
     * on, accumulated in exactly Value's order (see the class comment).
     */
    public void backward(int loss) {
        searched = postOrder(loss);
        startBackward(loss);
        propagate(postOrder, searched, 0);
    }

    /** The start of a backward pass: d loss / d loss = 1. */
    void startBackward(int loss) {
        grad[loss] = 1;
    }

    /**
     * Walks {@code base + nodes[k]} for k from count − 1 down to 0 (a stretch of a post-order,
     * backwards), each node passing its gradient to its children.
     */
    void propagate(int[] nodes, int count, int base) {
        double[] d = data;
        double[] g = grad;
        int[] ch = child;
        double[] lg = local;
        int[] chain = chainLength;
        int[] ops = operands;
        for (int k = count - 1; k >= 0; k--) {
            int node = base + nodes[k];
            double upstream = g[node];
            int length = chain[node];
            if (length == 0) {
                int c0 = ch[2 * node];
                g[c0] += lg[2 * node] * upstream;
                int c1 = ch[2 * node + 1];
                if (c1 != NO_CHILD) g[c1] += lg[2 * node + 1] * upstream;
                continue;
            }
            // A sum of products: product j passes b·g to a and a·g to b, last product first.
            int first = ch[2 * node];
            if (length > 0) {
                for (int m = first + 2 * (length - 1); m >= first; m -= 2) {
                    int a = ops[m];
                    int b = ops[m + 1];
                    g[a] += d[b] * upstream;
                    g[b] += d[a] * upstream;
                }
            } else if (ops[first + 1] == 1 && ops[first + 3] == 1 && apart(ops[first], ops[first + 2], -length)) {
                // Two runs of consecutive nodes that do not overlap (weights and inputs, a query and
                // a key): each node gets exactly one contribution from this sum, so the order of the
                // products does not matter, and two plain loops are the fastest way to add them.
                int a = ops[first];
                int b = ops[first + 2];
                for (int j = 0; j < -length; j++) g[a + j] += d[b + j] * upstream;
                for (int j = 0; j < -length; j++) g[b + j] += d[a + j] * upstream;
            } else {
                int strideA = ops[first + 1];
                int strideB = ops[first + 3];
                int a = ops[first] + (-length - 1) * strideA;
                int b = ops[first + 2] + (-length - 1) * strideB;
                for (int j = -length; j > 0; j--, a -= strideA, b -= strideB) {
                    g[a] += d[b] * upstream;
                    g[b] += d[a] * upstream;
                }
            }
        }
    }

    /** Whether [a, a + k) and [b, b + k) have no node in common. */
    private static boolean apart(int a, int b, int k) {
        return a + k <= b || b + k <= a;
    }

    private int searched;

    /** The post-order the last {@link #backward} searched for: its first {@link #searchedCount()} entries. */
    int[] searchedOrder() {
        return postOrder;
    }

    int searchedCount() {
        return searched;
    }

    private void prepareSearch() {
        if (postOrder.length < data.length) {
            postOrder = new int[data.length];
            path = new int[2 * data.length];
            visitedMark = new int[data.length];
        }
        if (++mark == Integer.MAX_VALUE) {             // the stamps ran out: start over
            Arrays.fill(visitedMark, 0);
            mark = 1;
        }
    }

    /**
     * Value's topological order: the post-order of a depth-first search from {@code loss},
     * children in recording order, each node once. Written with an explicit stack (the graph is
     * tens of thousands of nodes deep along its sum chains). Leaves are left out: they have no
     * children to pass a gradient to, so where they sit in the order changes nothing. Returns
     * how many nodes were written to {@link #postOrder}.
     *
     * <p>A sum of products is searched as Value searches its 2k + 1 nodes: its children are
     * a_0, b_0, a_1, b_1, … in that order, and it is emitted after the last of them.
     */
    int postOrder(int loss) {
        prepareSearch();
        int[] ch = child;
        int[] chain = chainLength;
        int[] ops = operands;
        int[] seen = visitedMark;
        int[] stack = path;                            // pairs: node, how many children it has visited
        int[] post = postOrder;
        int stamp = mark;
        int count = 0;
        seen[loss] = stamp;
        stack[0] = loss;
        stack[1] = 0;
        int depth = 1;
        while (depth > 0) {
            int top = 2 * (depth - 1);
            int node = stack[top];
            int c = stack[top + 1];
            int k = chain[node];
            if (k == 0) {                              // an ordinary node: at most two children
                int next = c < 2 ? ch[2 * node + c] : NO_CHILD;
                if (next == NO_CHILD) {
                    depth--;
                    post[count++] = node;
                } else {
                    stack[top + 1] = c + 1;
                    if (next >= numParams && seen[next] != stamp && ch[2 * next] != NO_CHILD) {
                        seen[next] = stamp;            // an unvisited inner node: descend
                        stack[top + 2] = next;
                        stack[top + 3] = 0;
                        depth++;
                    }
                }
                continue;
            }
            // A sum of products: run along (a_0, b_0, a_1, b_1, …) until a child needs a visit of its own.
            int first = ch[2 * node];
            int end = 2 * Math.abs(k);
            boolean descended = false;
            while (c < end) {
                int next = operand(ops, first, k, c);
                c++;
                if (next >= numParams && seen[next] != stamp && ch[2 * next] != NO_CHILD) {
                    seen[next] = stamp;
                    stack[top + 1] = c;
                    stack[top + 2] = next;
                    stack[top + 3] = 0;
                    depth++;
                    descended = true;
                    break;
                }
            }
            if (!descended) {
                depth--;
                post[count++] = node;
            }
        }
        return count;
    }

    /** The backward order (reverse post-order, leaves left out), for tests and tools. */
    public int[] backwardOrder(int loss) {
        int count = postOrder(loss);
        searched = count;
        int[] order = new int[count];
        for (int i = 0; i < count; i++) order[i] = postOrder[count - 1 - i];
        return order;
    }

    /**
     * The same order found node by node, without the shortcuts (the stack of every node's next
     * child, a sum of products' children read one by one): Value's search, transcribed. The tests
     * check that both agree.
     */
    public int[] genericBackwardOrder(int loss) {
        int[] post = new int[size];
        int count = 0;
        boolean[] visited = new boolean[size];
        int[] stackNodes = new int[size];
        int[] stackNext = new int[size];
        visited[loss] = true;
        stackNodes[0] = loss;
        int depth = 1;
        while (depth > 0) {
            int node = stackNodes[depth - 1];
            int c = stackNext[depth - 1];
            int next = childOf(node, c);
            if (next != NO_CHILD) {
                stackNext[depth - 1] = c + 1;
                if (!visited[next]) {
                    visited[next] = true;
                    stackNodes[depth] = next;
                    stackNext[depth] = 0;
                    depth++;
                }
            } else {
                depth--;
                if (child[2 * node] != NO_CHILD) post[count++] = node;
            }
        }
        int[] order = new int[count];
        for (int i = 0; i < count; i++) order[i] = post[count - 1 - i];
        return order;
    }

    /** Child c of a node, or NO_CHILD past the last: a sum of k products has 2k (a_0, b_0, a_1, …). */
    private int childOf(int node, int c) {
        int k = chainLength[node];
        if (k != 0) return c < 2 * Math.abs(k) ? operand(operands, child[2 * node], k, c) : NO_CHILD;
        return c < 2 ? child[2 * node + c] : NO_CHILD;
    }
    // endregion
}
