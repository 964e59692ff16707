package microgpt.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import microgpt.autograd.Value;
import microgpt.data.Documents;
import microgpt.data.PyRandom;
import microgpt.data.Tokenizer;
import microgpt.steps.GptConfig;
import org.junit.jupiter.api.Test;

class TapeTest {

    /** Bits, so that 0.0 and -0.0 or two NaNs are told apart. */
    private static long bits(double x) {
        return Double.doubleToRawLongBits(x);
    }

    @Test
    void everyOperationMatchesValueInDataAndGradient() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int leaves = 6;
            Tape tape = new Tape(leaves, 64);
            List<Value> values = new ArrayList<>();
            List<Integer> nodes = new ArrayList<>();
            List<BitSet> dependsOn = new ArrayList<>();   // for each value, the values it is computed from
            for (int i = 0; i < leaves; i++) {
                double x = random.nextDouble(0.1, 3.0) * (random.nextBoolean() ? 1 : -1);
                tape.setData(i, x);
                values.add(new Value(x));
                nodes.add(i);
                dependsOn.add(new BitSet());
            }
            // A random expression over all operations, reusing earlier results (shared nodes
            // collect several gradient contributions, which is where the order matters).
            for (int op = 0; op < 40; op++) {
                int a = random.nextInt(values.size());
                int b = random.nextInt(values.size());
                Value va = values.get(a);
                Value vb = values.get(b);
                int na = nodes.get(a);
                int nb = nodes.get(b);
                double c = random.nextDouble(-2, 2);
                Value v;
                int n;
                switch (random.nextInt(13)) {
                    case 0 -> { v = va.add(vb); n = tape.add(na, nb); }
                    case 1 -> { v = va.mul(vb); n = tape.mul(na, nb); }
                    case 2 -> { v = va.mul(va).add(1).pow(-0.5); n = tape.pow(tape.addConst(tape.mul(na, na), 1), -0.5); }
                    case 3 -> { v = va.mul(va).add(0.5).log(); n = tape.log(tape.addConst(tape.mul(na, na), 0.5)); }
                    case 4 -> { v = va.exp(); n = tape.exp(na); }
                    case 5 -> { v = va.relu(); n = tape.relu(na); }
                    case 6 -> { v = va.sub(vb); n = tape.sub(na, nb); }
                    case 7 -> { v = va.div(vb.mul(vb).add(1)); n = tape.div(na, tape.addConst(tape.mul(nb, nb), 1)); }
                    case 8 -> { v = va.div(c); n = tape.divConst(na, c); }
                    case 9 -> { v = va.sub(c).neg(); n = tape.neg(tape.subConst(na, c)); }
                    case 10 -> { v = Value.sum(List.of(va, vb, va)); n = tape.sum(new int[] {na, nb, na}); }
                    case 11 -> {   // evenly spaced operands: two new consecutive leaves, and va twice (spacing 0)
                        Value w0 = new Value(c);
                        Value w1 = new Value(-c / 2);
                        v = Value.sum(List.of(w0.mul(va), w1.mul(va)));
                        int first = tape.leaf(c);
                        tape.leaf(-c / 2);
                        n = tape.sumOfProducts(new int[] {first, first + 1}, new int[] {na, na}, 2);
                    }
                    default -> {
                        // A sum of products' operands may not be computed from each other (its precondition).
                        if (a != b && (dependsOn.get(a).get(b) || dependsOn.get(b).get(a))) {
                            Value weight = new Value(c);
                            v = Value.sum(List.of(va.mul(weight), weight.mul(va), va.mul(va)));
                            int w = tape.leaf(c);
                            n = tape.sumOfProducts(new int[] {na, w, na}, new int[] {w, na, na}, 3);
                        } else {
                            v = Value.sum(List.of(va.mul(vb), vb.mul(va), va.mul(va)));
                            n = tape.sumOfProducts(new int[] {na, nb, na}, new int[] {nb, na, na}, 3);
                        }
                    }
                }
                BitSet from = new BitSet();
                from.or(dependsOn.get(a));
                from.or(dependsOn.get(b));
                from.set(a);
                from.set(b);
                values.add(v);
                nodes.add(n);
                dependsOn.add(from);
            }
            Value loss = Value.sum(values.subList(values.size() - 8, values.size()));
            int lossNode = tape.sum(nodes.subList(nodes.size() - 8, nodes.size()).stream().mapToInt(Integer::intValue).toArray());
            assertEquals(bits(loss.data), bits(tape.data(lossNode)), "trial " + trial);
            loss.backward();
            tape.backward(lossNode);
            for (int i = 0; i < values.size(); i++) {
                if (Double.isFinite(values.get(i).grad)) {
                    assertEquals(bits(values.get(i).grad), bits(tape.grad(nodes.get(i))), "trial " + trial + ", node " + i);
                }
            }
        }
    }

    @Test
    void chainAwareSearchFindsExactlyTheNodeByNodeOrder() {
        List<String> docs = Documents.shuffled(TestData.docs(), new PyRandom(42));
        Tokenizer tokenizer = new Tokenizer(docs);
        List<TapeGpt> models = List.of(
                TapeGpt.step2(tokenizer, new PyRandom(1), 1.0),
                TapeGpt.transformer(tokenizer, new PyRandom(2), GptConfig.MICROGPT, Optimizer.ADAM, 0.01),
                TapeGpt.transformer(tokenizer, new PyRandom(3), new GptConfig(8, 2, 3, 8), Optimizer.SGD, 0.1),
                TapeGpt.transformer(tokenizer, new PyRandom(4), TapeGpt.step3Config(12, 16), Optimizer.SGD, 0.1));
        for (TapeGpt model : models) {
            for (int i = 0; i < 60; i++) {
                int loss = model.recordLoss(tokenizer.encode(docs.get(i)));
                assertArrayEquals(model.tape().genericBackwardOrder(loss), model.tape().backwardOrder(loss),
                        "name " + docs.get(i));
            }
        }
    }

    /**
     * A linear layer recorded in one call (rows summed four at a time) is the same as one sum of
     * products per row: the same values and, after backward, the same gradients to the bit; for
     * inputs that are consecutive nodes and for scattered ones, and row counts that leave a remainder.
     */
    @Test
    void aLinearLayerIsOneSumOfProductsPerRow() {
        SplittableRandom random = new SplittableRandom(21);
        for (int rows = 1; rows <= 9; rows++) {
            for (int cols = 1; cols <= 5; cols++) {
                for (boolean scattered : new boolean[] {false, true}) {
                    double[][] grads = new double[2][];
                    double[][] values = new double[2][];
                    long seed = random.nextLong();
                    for (int way = 0; way < 2; way++) {
                        SplittableRandom r = new SplittableRandom(seed);
                        Tape tape = new Tape(rows * cols, 16);
                        for (int i = 0; i < rows * cols; i++) tape.setData(i, r.nextDouble(-1, 1));
                        int[] x = new int[cols];
                        for (int j = 0; j < cols; j++) {
                            x[j] = tape.leaf(r.nextDouble(-2, 2));
                            if (scattered) tape.leaf(0);          // a gap: x is not evenly spaced
                        }
                        int[] y;
                        if (way == 0) {
                            y = tape.linear(0, rows, x);
                        } else {
                            y = new int[rows];
                            int[] row = new int[cols];
                            for (int i = 0; i < rows; i++) {
                                for (int j = 0; j < cols; j++) row[j] = i * cols + j;
                                y[i] = tape.sumOfProducts(row, x, cols);
                            }
                        }
                        int[] weighted = new int[rows];
                        for (int i = 0; i < rows; i++) weighted[i] = tape.mulConst(y[i], r.nextDouble(-1, 1));
                        int loss = tape.sum(weighted);
                        tape.backward(loss);
                        values[way] = new double[rows];
                        for (int i = 0; i < rows; i++) values[way][i] = tape.data(y[i]);
                        grads[way] = new double[rows * cols + cols];
                        for (int i = 0; i < rows * cols; i++) grads[way][i] = tape.grad(i);
                        for (int j = 0; j < cols; j++) grads[way][rows * cols + j] = tape.grad(x[j]);
                    }
                    String shape = rows + "x" + cols + (scattered ? ", scattered" : "");
                    assertArrayEquals(values[1], values[0], shape);
                    assertArrayEquals(grads[1], grads[0], shape);
                }
            }
        }
    }

    /**
     * A linear layer whose rows the backward walk takes one after the other (here: their outputs
     * feed one sum of products), as Value computes it: every gradient to the bit, for 1–9 rows
     * and 1–5 inputs.
     */
    @Test
    void rowsWalkedOneAfterTheOtherGetValuesGradients() {
        SplittableRandom random = new SplittableRandom(5);
        for (int rows = 1; rows <= 9; rows++) {
            for (int cols = 1; cols <= 5; cols++) {
                Tape tape = new Tape(rows * cols, 16);
                Value[][] w = new Value[rows][cols];
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        double v = random.nextDouble(-1, 1);
                        w[i][j] = new Value(v);
                        tape.setData(i * cols + j, v);
                    }
                }
                Value[] x = new Value[cols];
                int[] xNodes = new int[cols];
                for (int j = 0; j < cols; j++) {
                    double v = random.nextDouble(-2, 2);
                    x[j] = new Value(v).mul(new Value(1.5));   // inner nodes, so that they pass gradients on
                    xNodes[j] = tape.mul(tape.leaf(v), tape.leaf(1.5));
                }
                Value[] x2 = new Value[cols];
                for (int j = 0; j < cols; j++) x2[j] = x[j].add(x[j]);
                int first = tape.size();                        // the inputs: consecutive nodes
                for (int j = 0; j < cols; j++) tape.add(xNodes[j], xNodes[j]);
                int[] input = new int[cols];
                for (int j = 0; j < cols; j++) input[j] = first + j;
                int[] y = tape.linear(0, rows, input);
                List<Value> products = new ArrayList<>();
                int[] weights = new int[rows];
                for (int i = 0; i < rows; i++) {
                    List<Value> terms = new ArrayList<>();
                    for (int j = 0; j < cols; j++) terms.add(w[i][j].mul(x2[j]));
                    double c = random.nextDouble(-1, 1);
                    products.add(Value.sum(terms).mul(new Value(c)));
                    weights[i] = tape.leaf(c);
                }
                Value loss = Value.sum(products);
                int lossNode = tape.sumOfProducts(y, weights, rows);
                assertEquals(bits(loss.data), bits(tape.data(lossNode)), rows + "x" + cols);
                loss.backward();
                tape.backward(lossNode);
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        assertEquals(bits(w[i][j].grad), bits(tape.grad(i * cols + j)), rows + "x" + cols + " w" + i + j);
                    }
                }
                for (int j = 0; j < cols; j++) {
                    assertEquals(bits(x2[j].grad), bits(tape.grad(first + j)), rows + "x" + cols + " x" + j);
                    assertEquals(bits(x[j].grad), bits(tape.grad(xNodes[j])), rows + "x" + cols + " x" + j);
                }
            }
        }
    }

    @Test
    void resetKeepsTheParametersAndDropsEverythingElse() {
        Tape tape = new Tape(2, 4);
        tape.setData(0, 1.5);
        tape.setData(1, -2.0);
        int product = tape.sumOfProducts(new int[] {0, 1}, new int[] {1, 1}, 2);
        assertEquals(1.5 * -2.0 + 4.0, tape.data(product));
        assertEquals(2 + 1, tape.size());   // one node for the whole sum (Value makes five)
        tape.reset();
        assertEquals(2, tape.size());
        assertEquals(1.5, tape.data(0));
        int sum = tape.add(0, 1);
        assertEquals(2, sum);
        assertEquals(-0.5, tape.data(sum));
    }

    /**
     * Equal powers in a row (softmax's total^-1) are computed once, yet each is its own node with
     * its own gradient, as in Value; a node whose value changed, or a new step, is computed afresh.
     */
    @Test
    void repeatedPowersAreValuesNodesAndFollowChangedValues() {
        Tape tape = new Tape(2, 4);
        tape.setData(0, 3.0);
        tape.setData(1, 0.7);
        Value total = new Value(3.0);
        Value e = new Value(0.7);
        Value loss = e.div(total).add(e.div(total)).add(total.pow(-1).mul(total.pow(-1)));
        int first = tape.div(1, 0);
        int second = tape.div(1, 0);
        int lossNode = tape.add(tape.add(first, second), tape.mul(tape.pow(0, -1), tape.pow(0, -1)));
        assertEquals(loss.data, tape.data(lossNode));
        loss.backward();
        tape.backward(lossNode);
        assertEquals(Double.doubleToRawLongBits(total.grad), Double.doubleToRawLongBits(tape.grad(0)));
        assertEquals(Double.doubleToRawLongBits(e.grad), Double.doubleToRawLongBits(tape.grad(1)));

        int before = tape.pow(0, -1);
        tape.setData(0, 5.0);
        assertEquals(1 / 5.0, tape.data(tape.pow(0, -1)), "after setData");
        assertEquals(1 / 3.0, tape.data(before));
        tape.reset();
        tape.setData(0, 3.0);
        int base = tape.addConst(0, 1.0);                 // a new node with the id an old one had
        assertEquals(0.25, tape.data(tape.pow(base, -1)), "after reset");
        tape.reset();
        int other = tape.addConst(0, 5.0);
        assertEquals(base, other);
        assertEquals(0.125, tape.data(tape.pow(other, -1)), "a new step's node with the same id");
    }
}
