package org.jkeras.tensor;

/**
 * Single-precision matrix multiply on row-major {@code float[]} storage: the hot path of the library.
 *
 * <p>{@code C[m×n] = op(A)·op(B)} (or {@code +=} when {@code accumulate}), where {@code op(A)} is
 * {@code m×k} and {@code op(B)} is {@code k×n}. With {@code transA} the array {@code a} holds a {@code k×m}
 * matrix; with {@code transB} {@code b} holds an {@code n×k} matrix. {@code lda/ldb/ldc} are row strides.
 *
 * <pre>{@code
 * Gemm.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
 * }</pre>
 */
public final class Gemm {
    private Gemm() {}

    /** See the class comment. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        // Placeholder reference kernel; replaced by the packed Vector API kernel.
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * ldc;
            if (!accumulate) {
                java.util.Arrays.fill(c, cRow, cRow + n, 0f);
            }
            for (int p = 0; p < k; p++) {
                float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                if (av == 0f) {
                    continue;
                }
                if (!transB) {
                    int bRow = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += av * b[bRow + j];
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += av * b[bOff + j * ldb + p];
                    }
                }
            }
        }
    }
}
