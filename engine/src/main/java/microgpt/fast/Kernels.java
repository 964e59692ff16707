package microgpt.fast;

/**
 * The three matrix products of a linear layer y = W·x, over several positions at once, for
 * {@link FusedGpt}. W is row-major (W[i][j] at {@code wOff + i·cols + j}); vectors of position p
 * start at {@code p·stride}.
 *
 * <p>Why blocks of 4×4: a scalar dot product is one chain of dependent additions, so the
 * processor waits for each addition before starting the next. Computing a 4×4 block of outputs
 * at once gives 16 independent chains, and each value loaded from memory is used four times.
 * Java's JIT does not vectorise these short (16-long) loops or any floating-point reduction, so
 * this register blocking is what makes them fast. The edges (sizes not divisible by 4) fall back
 * to simple loops.
 *
 * <p>{@link #forward} keeps each output's sum in the readable order (left to right over j, from
 * 0), so it is bit for bit the readable engine's {@code linear}. The two backward products have
 * no such duty: they are sums over other indices that the autograd graph orders its own way.
 */
final class Kernels {

    private Kernels() {}

    /** y[p][i] = sum(W[i][j] * x[p][j] for j), each sum left to right from 0, for p in [p0, p1). */
    static void forward(double[] w, int wOff, int rows, int cols, double[] x, int xStride, double[] y, int yStride,
                        int p0, int p1) {
        int p = p0;
        for (; p + 4 <= p1; p += 4) {
            int xa = p * xStride, xb = xa + xStride, xc = xb + xStride, xd = xc + xStride;
            int ya = p * yStride, yb = ya + yStride, yc = yb + yStride, yd = yc + yStride;
            int i = 0;
            for (; i + 4 <= rows; i += 4) {
                int w0 = wOff + i * cols, w1 = w0 + cols, w2 = w1 + cols, w3 = w2 + cols;
                double a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0;     // position p, rows i…i+3
                double b0 = 0.0, b1 = 0.0, b2 = 0.0, b3 = 0.0;     // position p+1
                double c0 = 0.0, c1 = 0.0, c2 = 0.0, c3 = 0.0;
                double d0 = 0.0, d1 = 0.0, d2 = 0.0, d3 = 0.0;
                for (int j = 0; j < cols; j++) {
                    double v0 = w[w0 + j], v1 = w[w1 + j], v2 = w[w2 + j], v3 = w[w3 + j];
                    double xp = x[xa + j];
                    a0 += v0 * xp; a1 += v1 * xp; a2 += v2 * xp; a3 += v3 * xp;
                    xp = x[xb + j];
                    b0 += v0 * xp; b1 += v1 * xp; b2 += v2 * xp; b3 += v3 * xp;
                    xp = x[xc + j];
                    c0 += v0 * xp; c1 += v1 * xp; c2 += v2 * xp; c3 += v3 * xp;
                    xp = x[xd + j];
                    d0 += v0 * xp; d1 += v1 * xp; d2 += v2 * xp; d3 += v3 * xp;
                }
                y[ya + i] = a0; y[ya + i + 1] = a1; y[ya + i + 2] = a2; y[ya + i + 3] = a3;
                y[yb + i] = b0; y[yb + i + 1] = b1; y[yb + i + 2] = b2; y[yb + i + 3] = b3;
                y[yc + i] = c0; y[yc + i + 1] = c1; y[yc + i + 2] = c2; y[yc + i + 3] = c3;
                y[yd + i] = d0; y[yd + i + 1] = d1; y[yd + i + 2] = d2; y[yd + i + 3] = d3;
            }
            for (; i < rows; i++) {
                int row = wOff + i * cols;
                double a = 0.0, b = 0.0, c = 0.0, d = 0.0;
                for (int j = 0; j < cols; j++) {
                    double v = w[row + j];
                    a += v * x[xa + j]; b += v * x[xb + j]; c += v * x[xc + j]; d += v * x[xd + j];
                }
                y[ya + i] = a; y[yb + i] = b; y[yc + i] = c; y[yd + i] = d;
            }
        }
        for (; p < p1; p++) forwardOne(w, wOff, rows, cols, x, p * xStride, y, p * yStride);
    }

    /** One position, eight rows at a time (eight independent sums, each in the readable order). */
    private static void forwardOne(double[] w, int wOff, int rows, int cols, double[] x, int xOff, double[] y, int yOff) {
        int i = 0;
        for (; i + 8 <= rows; i += 8) {
            int r0 = wOff + i * cols;
            double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0, s5 = 0.0, s6 = 0.0, s7 = 0.0;
            for (int j = 0; j < cols; j++) {
                double xj = x[xOff + j];
                int c = r0 + j;
                s0 += w[c] * xj;
                s1 += w[c + cols] * xj;
                s2 += w[c + 2 * cols] * xj;
                s3 += w[c + 3 * cols] * xj;
                s4 += w[c + 4 * cols] * xj;
                s5 += w[c + 5 * cols] * xj;
                s6 += w[c + 6 * cols] * xj;
                s7 += w[c + 7 * cols] * xj;
            }
            y[yOff + i] = s0; y[yOff + i + 1] = s1; y[yOff + i + 2] = s2; y[yOff + i + 3] = s3;
            y[yOff + i + 4] = s4; y[yOff + i + 5] = s5; y[yOff + i + 6] = s6; y[yOff + i + 7] = s7;
        }
        for (; i < rows; i++) {
            int row = wOff + i * cols;
            double sum = 0.0;
            for (int j = 0; j < cols; j++) sum += w[row + j] * x[xOff + j];
            y[yOff + i] = sum;
        }
    }

    /** dx[p][j] += Σ_i dy[p][i]·W[i][j] for p in [0, n). */
    static void backwardInput(double[] w, int wOff, int rows, int cols, double[] dy, int dyStride,
                              double[] dx, int dxStride, int n) {
        int p = 0;
        for (; p + 4 <= n; p += 4) {
            int ga = p * dyStride, gb = ga + dyStride, gc = gb + dyStride, gd = gc + dyStride;
            int xa = p * dxStride, xb = xa + dxStride, xc = xb + dxStride, xd = xc + dxStride;
            int j = 0;
            for (; j + 4 <= cols; j += 4) {
                double a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
                double c0 = 0, c1 = 0, c2 = 0, c3 = 0, d0 = 0, d1 = 0, d2 = 0, d3 = 0;
                int col = wOff + j;
                for (int i = 0; i < rows; i++) {
                    int at = col + i * cols;
                    double v0 = w[at], v1 = w[at + 1], v2 = w[at + 2], v3 = w[at + 3];
                    double g = dy[ga + i];
                    a0 += g * v0; a1 += g * v1; a2 += g * v2; a3 += g * v3;
                    g = dy[gb + i];
                    b0 += g * v0; b1 += g * v1; b2 += g * v2; b3 += g * v3;
                    g = dy[gc + i];
                    c0 += g * v0; c1 += g * v1; c2 += g * v2; c3 += g * v3;
                    g = dy[gd + i];
                    d0 += g * v0; d1 += g * v1; d2 += g * v2; d3 += g * v3;
                }
                dx[xa + j] += a0; dx[xa + j + 1] += a1; dx[xa + j + 2] += a2; dx[xa + j + 3] += a3;
                dx[xb + j] += b0; dx[xb + j + 1] += b1; dx[xb + j + 2] += b2; dx[xb + j + 3] += b3;
                dx[xc + j] += c0; dx[xc + j + 1] += c1; dx[xc + j + 2] += c2; dx[xc + j + 3] += c3;
                dx[xd + j] += d0; dx[xd + j + 1] += d1; dx[xd + j + 2] += d2; dx[xd + j + 3] += d3;
            }
            for (; j < cols; j++) {
                double a = 0, b = 0, c = 0, d = 0;
                for (int i = 0; i < rows; i++) {
                    double v = w[wOff + i * cols + j];
                    a += dy[ga + i] * v; b += dy[gb + i] * v; c += dy[gc + i] * v; d += dy[gd + i] * v;
                }
                dx[xa + j] += a; dx[xb + j] += b; dx[xc + j] += c; dx[xd + j] += d;
            }
        }
        for (; p < n; p++) {
            int gOff = p * dyStride;
            int xOff = p * dxStride;
            for (int i = 0; i < rows; i++) {
                double g = dy[gOff + i];
                if (g == 0.0) continue;
                int row = wOff + i * cols;
                for (int j = 0; j < cols; j++) dx[xOff + j] += g * w[row + j];
            }
        }
    }

    /** dW[i][j] += Σ_p dy[p][i]·x[p][j] over p in [0, n). */
    static void backwardWeight(double[] dw, int wOff, int rows, int cols, double[] dy, int dyStride,
                               double[] x, int xStride, int n) {
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            int r0 = wOff + i * cols, r1 = r0 + cols, r2 = r1 + cols, r3 = r2 + cols;
            int j = 0;
            for (; j + 4 <= cols; j += 4) {
                double a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
                double c0 = 0, c1 = 0, c2 = 0, c3 = 0, d0 = 0, d1 = 0, d2 = 0, d3 = 0;
                for (int p = 0; p < n; p++) {
                    int xo = p * xStride + j;
                    int go = p * dyStride + i;
                    double x0 = x[xo], x1 = x[xo + 1], x2 = x[xo + 2], x3 = x[xo + 3];
                    double g = dy[go];
                    a0 += g * x0; a1 += g * x1; a2 += g * x2; a3 += g * x3;
                    g = dy[go + 1];
                    b0 += g * x0; b1 += g * x1; b2 += g * x2; b3 += g * x3;
                    g = dy[go + 2];
                    c0 += g * x0; c1 += g * x1; c2 += g * x2; c3 += g * x3;
                    g = dy[go + 3];
                    d0 += g * x0; d1 += g * x1; d2 += g * x2; d3 += g * x3;
                }
                dw[r0 + j] += a0; dw[r0 + j + 1] += a1; dw[r0 + j + 2] += a2; dw[r0 + j + 3] += a3;
                dw[r1 + j] += b0; dw[r1 + j + 1] += b1; dw[r1 + j + 2] += b2; dw[r1 + j + 3] += b3;
                dw[r2 + j] += c0; dw[r2 + j + 1] += c1; dw[r2 + j + 2] += c2; dw[r2 + j + 3] += c3;
                dw[r3 + j] += d0; dw[r3 + j + 1] += d1; dw[r3 + j + 2] += d2; dw[r3 + j + 3] += d3;
            }
            for (; j < cols; j++) {
                double a = 0, b = 0, c = 0, d = 0;
                for (int p = 0; p < n; p++) {
                    double xv = x[p * xStride + j];
                    int go = p * dyStride + i;
                    a += dy[go] * xv; b += dy[go + 1] * xv; c += dy[go + 2] * xv; d += dy[go + 3] * xv;
                }
                dw[r0 + j] += a; dw[r1 + j] += b; dw[r2 + j] += c; dw[r3 + j] += d;
            }
        }
        for (; i < rows; i++) {
            int row = wOff + i * cols;
            for (int p = 0; p < n; p++) {
                double g = dy[p * dyStride + i];
                if (g == 0.0) continue;
                int xo = p * xStride;
                for (int j = 0; j < cols; j++) dw[row + j] += g * x[xo + j];
            }
        }
    }
}
