package org.jkeras.tensor;

/**
 * Moves the channel axis of a batch between {@code channels_first} ({@code [batch, C, spatial...]}) and
 * {@code channels_last} ({@code [batch, spatial..., C]}): per sample a {@code rows × cols} transpose.
 *
 * <pre>{@code
 * // [n, c, s] -> [n, s, c]
 * Layouts.transposeSamples(x, 0, y, n, c, s);
 * }</pre>
 */
public final class Layouts {
    private Layouts() {}

    /** For each of {@code batch} samples, {@code dst[j, i] = src[i, j]} with {@code src} being {@code rows × cols}. */
    public static void transposeSamples(float[] src, int so, float[] dst, int batch, int rows, int cols) {
        int per = rows * cols;
        ComputePool.parallelFor(0, batch, 1, (from, to) -> {
            for (int n = from; n < to; n++) {
                int s = so + n * per, d = n * per;
                for (int i = 0; i < rows; i++) {
                    int si = s + i * cols;
                    for (int j = 0; j < cols; j++) {
                        dst[d + j * rows + i] = src[si + j];
                    }
                }
            }
        });
    }
}
