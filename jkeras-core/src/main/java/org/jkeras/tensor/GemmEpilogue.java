package org.jkeras.tensor;

/**
 * Work done on a block of {@code C} right after {@link Gemm#sgemm} has finished it, on the thread that computed
 * it, while the block is still in cache: Dense's bias and activation ({@link #biasActivation}). A large product
 * is split across the cores, and so is its epilogue. Each element is finished with exactly the operations a
 * separate pass would apply ({@code act(c + bias)}), so the results are bit-identical to those passes.
 *
 * <pre>{@code
 * Gemm.sgemm(m, n, k, x, 0, w, 0, y, 0, GemmEpilogue.biasActivation(b, 0, UnaryOp.RELU, 0f)); // y = relu(x·w + b)
 * }</pre>
 */
public interface GemmEpilogue {
    /** Finishes rows {@code [rowFrom, rowTo)} and columns {@code [colFrom, colTo)} of {@code C}. */
    void apply(float[] c, int cOff, int ldc, int rowFrom, int rowTo, int colFrom, int colTo);

    /**
     * {@code c = act(c + bias)} per row, {@code bias} (null: none) indexed by column from {@code biasOff};
     * {@code param} is the activation's parameter (see {@link UnaryKernels}).
     */
    static GemmEpilogue biasActivation(float[] bias, int biasOff, UnaryOp act, float param) {
        return (c, cOff, ldc, rowFrom, rowTo, colFrom, colTo) -> {
            int cols = colTo - colFrom;
            for (int r = rowFrom; r < rowTo; r++) {
                int base = cOff + r * ldc + colFrom;
                if (bias != null) {
                    int bo = biasOff + colFrom;
                    for (int j = 0; j < cols; j++) {
                        c[base + j] += bias[bo + j];
                    }
                }
                if (act != UnaryOp.LINEAR) {
                    UnaryKernels.applySerial(act, param, c, base, c, base, cols);
                }
            }
        };
    }
}
