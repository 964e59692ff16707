package microgpt.guide;

import java.util.Arrays;
import java.util.List;
import microgpt.data.Tokenizer;
import microgpt.fast.FlatModel;
import microgpt.queries.Step345Queries;

/**
 * How far from even the trained attention of Steps 3, 4 and 5 is, measured over a fixed list of
 * names, so that the pages can say what the attention widgets will show rather than what big
 * models do. Positions 0 and 1 are left out: with one or two keys to choose from, their weights
 * say nothing about focus.
 *
 * @param largestWeight     the largest weight any head gives any position, at positions 2 and later
 * @param medianRatioToEven over every head at every such position, the median of its largest
 *                          weight divided by the even share 1/(number of positions it can see)
 * @param names             how many names were measured
 */
public record AttentionFigures(double largestWeight, double medianRatioToEven, int names) {

    /** The first position measured: the first with three keys to choose from. */
    public static final int FIRST_POSITION = 2;

    /** Measures a trained transformer's attention over {@code names}. */
    static AttentionFigures of(Tokenizer tokenizer, FlatModel model, int step, List<String> names) {
        double largest = 0;
        List<Double> ratios = new java.util.ArrayList<>();
        for (String name : names) {
            // The only use of the engine's trace: [layer][head][position][earlier position].
            double[][][][] weights = Step345Queries.attention(Step345Queries.trace(tokenizer, model, step, name)).weights();
            for (double[][][] layer : weights) {
                for (double[][] head : layer) {
                    for (int pos = FIRST_POSITION; pos < head.length; pos++) {
                        double max = Arrays.stream(head[pos]).max().orElseThrow();
                        largest = Math.max(largest, max);
                        ratios.add(max * head[pos].length);
                    }
                }
            }
        }
        if (ratios.isEmpty()) throw new IllegalArgumentException("no name has a position " + FIRST_POSITION + ": " + names);
        return new AttentionFigures(largest, median(ratios), names.size());
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
