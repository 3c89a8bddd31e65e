package org.jkeras.tensor;

import java.util.Arrays;

/**
 * Plain-Java single-precision GEMM: the fallback used when the JVM runs without
 * {@code --add-modules jdk.incubator.vector}, and the reference the vector kernel is tested against.
 *
 * <p>Same contract as {@link Gemm#sgemm}: row-major, {@code C = op(A)·op(B)} or {@code C += op(A)·op(B)}.
 * Every product is computed, zeros included, so a NaN or infinity anywhere in A or B reaches C exactly as
 * it would through BLAS (skipping {@code a == 0} would silently drop {@code 0 × NaN}).
 *
 * <pre>{@code
 * float[] a = {1, 2, 3, 4}, b = {5, 6, 7, 8}, c = new float[4];
 * ScalarGemm.sgemm(false, false, 2, 2, 2, a, 0, 2, b, 0, 2, c, 0, 2, false);   // c = {19, 22, 43, 50}
 * }</pre>
 */
public final class ScalarGemm {
    /** Rows of B kept hot while every row of A sweeps them (the i-p-j loop's cache block). */
    private static final int KB = 128;

    private ScalarGemm() {}

    /** See {@link Gemm#sgemm}; no argument checks here (the dispatcher does them). */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (!accumulate) {
            for (int i = 0; i < m; i++) {
                Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
        }
        if (k <= 0) {
            return;
        }
        if (!transB) {
            // i-p-j order: the inner loop is an axpy over contiguous rows of B and C, which C2 auto-vectorises.
            // K is blocked so that a slab of B stays in cache while all rows of A go over it.
            int aRow = transA ? 1 : lda, aCol = transA ? lda : 1;
            for (int p0 = 0; p0 < k; p0 += KB) {
                int p1 = Math.min(k, p0 + KB);
                for (int i = 0; i < m; i++) {
                    int cRow = cOff + i * ldc;
                    int aBase = aOff + i * aRow;
                    for (int p = p0; p < p1; p++) {
                        float av = a[aBase + p * aCol];
                        int bRow = bOff + p * ldb;
                        for (int j = 0; j < n; j++) {
                            c[cRow + j] += av * b[bRow + j];
                        }
                    }
                }
            }
        } else {
            // Dot-product form: row i of op(A) against row j of b (both contiguous along k). With transA the
            // row of op(A) is a strided column, so it is copied into a contiguous scratch row first.
            float[] rowBuf = transA ? new float[k] : null;
            for (int i = 0; i < m; i++) {
                float[] ar;
                int arOff;
                if (transA) {
                    for (int p = 0; p < k; p++) {
                        rowBuf[p] = a[aOff + p * lda + i];
                    }
                    ar = rowBuf;
                    arOff = 0;
                } else {
                    ar = a;
                    arOff = aOff + i * lda;
                }
                int cRow = cOff + i * ldc;
                for (int j = 0; j < n; j++) {
                    int bRow = bOff + j * ldb;
                    float s = 0f;
                    for (int p = 0; p < k; p++) {
                        s += ar[arOff + p] * b[bRow + p];
                    }
                    c[cRow + j] += s;
                }
            }
        }
    }
}
