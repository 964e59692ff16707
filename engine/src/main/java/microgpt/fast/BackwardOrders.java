package microgpt.fast;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Value's backward order for a name, put together from pieces found before instead of searched
 * for again: the search was a third of the tape engine's time.
 *
 * <p>Why the pieces repeat. A name's graph is one block of nodes per position (the forward pass
 * of that position, its softmax and its −log p), recorded one after the other, then the mean of
 * the losses. The search from the loss runs down the mean's chain of additions to the first
 * position's loss, so it visits the blocks in order; everything a position needs from earlier
 * positions (their keys and values) was visited in their own blocks. So the search's post-order
 * is: a stretch of the mean's nodes (a "gap", none before the first block), the nodes of block 0,
 * a gap, the nodes of block 1, …, and a last gap. Within block p the order depends only on the
 * block's shape, the same for every name, and on the target token, which picks the probability
 * the loss reads and so the path the search takes first (see {@link Tape}). The gaps depend only
 * on the number of positions. So each block's order is kept by (position, target), as offsets
 * from the block's first node, and each set of gaps by the number of positions.
 *
 * <p>A name whose pieces are all known is walked piece by piece; any other is searched as before
 * and its pieces learned. A search that does not split this way (a shape this reasoning does not
 * cover) turns the shortcut off for good, and TapeGptTest holds the two orders equal over
 * thousands of names. The pieces kept are bounded ({@link #MAX_NODES}); past that, names with
 * new pieces are searched.
 */
final class BackwardOrders {

    /** At most this many node offsets are kept (4 bytes each). */
    static final int MAX_NODES = 4 << 20;

    /** The most memory the kept pieces take (learning also needs 8 bytes a node of the graph, briefly). */
    static final long MAX_BYTES = 4L * MAX_NODES;

    private record Block(int length, int[] order) {}

    private final Map<Long, Block> blocks = new HashMap<>();       // (position, target) → its block's order
    private final Map<Integer, int[][]> gaps = new HashMap<>();    // positions → the n + 1 gaps
    private int kept;
    private boolean usable = true;

    /**
     * Walks the backward pass of {@code loss} from known pieces and returns true, or returns false
     * (nothing done) when a piece is missing. {@code tokens}: the name, BOS first, so position p's
     * target is {@code tokens[p + 1]}; {@code blockStart[p]}: block p's first node;
     * {@code tailStart}: the first node after the last block.
     */
    boolean backward(Tape tape, int loss, int[] tokens, int n, int[] blockStart, int tailStart) {
        Block[] block = knownBlocks(tokens, n, blockStart, tailStart);
        if (block == null) return false;
        int[][] gap = gaps.get(n);
        tape.startBackward(loss);
        tape.propagate(gap[n], gap[n].length, tailStart);     // the post-order, backwards: the last piece first
        for (int p = n - 1; p >= 0; p--) {
            tape.propagate(block[p].order(), block[p].order().length, blockStart[p]);
            tape.propagate(gap[p], gap[p].length, tailStart);
        }
        return true;
    }

    /** The order {@link #backward} would walk (node by node, first to last), or null if a piece is missing: for the tests. */
    int[] order(int[] tokens, int n, int[] blockStart, int tailStart) {
        Block[] block = knownBlocks(tokens, n, blockStart, tailStart);
        if (block == null) return null;
        int[][] gap = gaps.get(n);
        int length = 0;
        for (int[] g : gap) length += g.length;
        for (Block b : block) length += b.order().length;
        int[] order = new int[length];
        int k = 0;
        k = reversed(gap[n], tailStart, order, k);
        for (int p = n - 1; p >= 0; p--) {
            k = reversed(block[p].order(), blockStart[p], order, k);
            k = reversed(gap[p], tailStart, order, k);
        }
        return order;
    }

    private static int reversed(int[] nodes, int base, int[] into, int k) {
        for (int i = nodes.length - 1; i >= 0; i--) into[k++] = base + nodes[i];
        return k;
    }

    /** Each position's known block order for this name, or null if one is missing (or the shortcut is off). */
    private Block[] knownBlocks(int[] tokens, int n, int[] blockStart, int tailStart) {
        if (!usable || !gaps.containsKey(n)) return null;
        Block[] block = new Block[n];
        for (int p = 0; p < n; p++) {
            block[p] = blocks.get(key(p, tokens[p + 1]));   // position p's target
            if (block[p] == null || block[p].length() != end(p, n, blockStart, tailStart) - blockStart[p]) return null;
        }
        return block;
    }

    /** Learns the pieces of a search's post-order ({@code post[0, count)}), if it splits as expected. */
    void learn(int[] post, int count, int[] tokens, int n, int[] blockStart, int tailStart) {
        if (!usable) return;
        int shortest = Integer.MAX_VALUE;
        for (int p = 0; p < n; p++) shortest = Math.min(shortest, end(p, n, blockStart, tailStart) - blockStart[p]);
        if (gaps.containsKey(n) && kept + (long) shortest > MAX_NODES) return;   // no room for any of its blocks
        int[][] blockNodes = new int[n][];
        int[] blockCount = new int[n];
        for (int p = 0; p < n; p++) blockNodes[p] = new int[end(p, n, blockStart, tailStart) - blockStart[p]];
        int[] gapNodes = new int[count];  // every gap's nodes, gap after gap (they come in that order)
        int[] gapCount = new int[n + 1];
        int gapTotal = 0;
        int current = -1;                 // the block being read; the gap after it is current + 1
        boolean gapSince = false;         // a gap node came after the current block's last node
        for (int k = 0; k < count; k++) {
            int node = post[k];
            if (node >= tailStart) {
                gapNodes[gapTotal++] = node - tailStart;
                gapCount[current + 1]++;
                gapSince = true;
                continue;
            }
            // The search reads the blocks one after the other: a node is in the current block or the next.
            if (current + 1 < n && node >= blockStart[current + 1] && node < end(current + 1, n, blockStart, tailStart)) {
                current++;
                gapSince = false;
            } else if (current < 0 || node < blockStart[current] || node >= end(current, n, blockStart, tailStart) || gapSince) {
                usable = false;           // not one block after the other: the shortcut does not apply
                return;
            }
            blockNodes[current][blockCount[current]++] = node - blockStart[current];
        }
        if (current != n - 1) {
            usable = false;
            return;
        }
        for (int p = 0; p < n; p++) {
            long key = key(p, tokens[p + 1]);
            if (blocks.containsKey(key) || kept + blockCount[p] > MAX_NODES) continue;
            blocks.put(key, new Block(blockNodes[p].length, Arrays.copyOf(blockNodes[p], blockCount[p])));
            kept += blockCount[p];
        }
        if (!gaps.containsKey(n)) {
            int[][] gap = new int[n + 1][];
            int from = 0;
            for (int g = 0; g <= n; g++) {
                gap[g] = Arrays.copyOfRange(gapNodes, from, from + gapCount[g]);
                from += gapCount[g];
            }
            gaps.put(n, gap);
        }
    }

    private static long key(int position, int target) {
        return ((long) position << 32) | (target & 0xffffffffL);
    }

    private static int end(int p, int n, int[] blockStart, int tailStart) {
        return p + 1 < n ? blockStart[p + 1] : tailStart;
    }
}
