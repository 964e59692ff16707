package microgpt.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The blocked matrix products against the plain loops, on every size around the block edges. */
class KernelsTest {

    private static double[] random(SplittableRandom random, int size) {
        double[] a = new double[size];
        for (int i = 0; i < size; i++) a[i] = random.nextDouble(-1, 1);
        return a;
    }

    @Test
    void forwardIsBitForBitTheReadableLeftToRightSum() {
        SplittableRandom random = new SplittableRandom(5);
        for (int rows = 1; rows <= 11; rows++) {
            for (int cols = 1; cols <= 9; cols++) {
                for (int n = 1; n <= 9; n++) {
                    int wOff = 3;
                    double[] w = random(random, wOff + rows * cols);
                    int xStride = cols + 2;
                    int yStride = rows + 1;
                    double[] x = random(random, n * xStride);
                    double[] y = new double[n * yStride];
                    int p0 = n > 2 ? 1 : 0;
                    Kernels.forward(w, wOff, rows, cols, x, xStride, y, yStride, p0, n);
                    for (int p = 0; p < n; p++) {
                        for (int i = 0; i < rows; i++) {
                            double sum = 0.0;
                            for (int j = 0; j < cols; j++) sum += w[wOff + i * cols + j] * x[p * xStride + j];
                            double expected = p < p0 ? 0.0 : sum;
                            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(y[p * yStride + i]),
                                    rows + "x" + cols + ", n " + n + ", p " + p + ", i " + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void backwardProductsAccumulateTheTransposedProducts() {
        SplittableRandom random = new SplittableRandom(6);
        for (int rows = 1; rows <= 11; rows++) {
            for (int cols = 1; cols <= 9; cols++) {
                for (int n = 1; n <= 9; n++) {
                    double[] w = random(random, rows * cols);
                    double[] dy = random(random, n * rows);
                    double[] x = random(random, n * cols);
                    double[] dx = random(random, n * cols);          // accumulated into, not overwritten
                    double[] dw = random(random, rows * cols);
                    double[] dxExpected = dx.clone();
                    double[] dwExpected = dw.clone();
                    for (int p = 0; p < n; p++) {
                        for (int i = 0; i < rows; i++) {
                            for (int j = 0; j < cols; j++) {
                                dxExpected[p * cols + j] += dy[p * rows + i] * w[i * cols + j];
                                dwExpected[i * cols + j] += dy[p * rows + i] * x[p * cols + j];
                            }
                        }
                    }
                    Kernels.backwardInput(w, 0, rows, cols, dy, rows, dx, cols, n);
                    Kernels.backwardWeight(dw, 0, rows, cols, dy, rows, x, cols, n);
                    for (int k = 0; k < dx.length; k++) assertTrue(Math.abs(dx[k] - dxExpected[k]) < 1e-13, "dx " + k);
                    for (int k = 0; k < dw.length; k++) assertTrue(Math.abs(dw[k] - dwExpected[k]) < 1e-13, "dw " + k);
                }
            }
        }
    }
}
