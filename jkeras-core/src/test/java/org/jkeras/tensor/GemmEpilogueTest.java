package org.jkeras.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Gemm#sgemm(int, int, int, float[], int, float[], int, float[], int, GemmEpilogue)} with Dense's bias and
 * activation epilogue gives bit for bit what a plain product followed by a separate bias loop and activation pass
 * gives, on every path of the kernel: one row (direct), a few rows, serial packed, and the parallel row and column
 * splits; with and without bias; with offsets into the operands.
 */
class GemmEpilogueTest {
    private static final int[][] SHAPES = { // m, k, n
        {1, 784, 512}, {3, 20, 7}, {8, 33, 40}, {64, 256, 10}, {256, 784, 512}, {16, 512, 1024}, {1024, 256, 10}};
    private static final UnaryOp[] ACTS = {UnaryOp.LINEAR, UnaryOp.RELU, UnaryOp.TANH, UnaryOp.SIGMOID, UnaryOp.ELU};

    @Test
    void fusedBiasAndActivationAreBitIdenticalToSeparatePasses() {
        SplittableRandom r = new SplittableRandom(7);
        for (int[] s : SHAPES) {
            int m = s[0], k = s[1], n = s[2];
            int aOff = 3, bOff = 5, biasOff = 2;
            float[] a = random(r, aOff + m * k), b = random(r, bOff + k * n), bias = random(r, biasOff + n);
            for (UnaryOp act : ACTS) {
                for (boolean withBias : new boolean[] {true, false}) {
                    float[] expected = new float[m * n];
                    Gemm.sgemm(false, false, m, n, k, a, aOff, k, b, bOff, n, expected, 0, n, false);
                    if (withBias) {
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                expected[i * n + j] += bias[biasOff + j];
                            }
                        }
                    }
                    UnaryKernels.apply(act, 1f, expected, 0, expected, 0, expected.length);
                    float[] got = new float[m * n];
                    java.util.Arrays.fill(got, Float.NaN); // the product must overwrite every element
                    Gemm.sgemm(m, n, k, a, aOff, b, bOff, got, 0,
                            GemmEpilogue.biasActivation(withBias ? bias : null, biasOff, act, 1f));
                    for (int i = 0; i < got.length; i++) {
                        assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(got[i]),
                                () -> m + "x" + k + "x" + n + " " + act + " bias=" + withBias);
                    }
                }
            }
        }
    }

    @Test
    void epilogueCoversEachElementOnceWhenSplitAcrossTheCores() {
        // An epilogue that counts its visits: a product big enough to be split must still finish each element once.
        int m = 512, k = 512, n = 512;
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        int[] visits = new int[m * n];
        Gemm.sgemm(m, n, k, a, 0, b, 0, c, 0, (cc, off, ldc, r0, r1, c0, c1) -> {
            for (int i = r0; i < r1; i++) {
                for (int j = c0; j < c1; j++) {
                    synchronized (visits) {
                        visits[i * ldc + j]++;
                    }
                }
            }
        });
        for (int i = 0; i < visits.length; i++) {
            assertEquals(1, visits[i], "element " + i);
        }
    }

    @Test
    void oneRowSumsEachColumnAsAnInOrderFusedMultiplyAddChain() {
        // Batch-1 inference runs several columns' chains at once; each column must still be exactly
        // fma(a[k-1], b[k-1][j], ... fma(a[0], b[0][j], 0)), the value the one-chain kernel gave (bit for bit).
        SplittableRandom r = new SplittableRandom(11);
        for (int n : new int[] {512, 256, 48, 32, 10, 300}) {
            int k = 784;
            float[] a = random(r, k), b = random(r, k * n), c = new float[n];
            Gemm.sgemm(false, false, 1, n, k, a, 0, k, b, 0, n, c, 0, n, false);
            for (int j = 0; j < n; j++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) {
                    acc = Math.fma(a[p], b[p * n + j], acc);
                }
                float expected = acc + 0f;
                int jj = j;
                if (Gemm.isVectorized()) {
                    assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(c[j]), () -> "n=" + n + " column " + jj);
                } else {
                    assertEquals(expected, c[j], 1e-4f * k, () -> "n=" + n + " column " + jj);
                }
            }
        }
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return v;
    }
}
