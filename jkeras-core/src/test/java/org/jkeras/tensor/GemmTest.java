package org.jkeras.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link VectorGemm}, {@link ScalarGemm} and the {@link Gemm} dispatcher against a double-precision
 * triple loop: ragged sizes, all transpose combinations, offsets and padded strides, accumulation, the
 * parallel path, NaN propagation, and the scalar fallback in a JVM without the Vector API module.
 */
class GemmTest {
    /** One implementation under test, with {@link Gemm#sgemm}'s signature. */
    @FunctionalInterface
    interface Impl {
        void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda, float[] b,
                   int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate);
    }

    private static final Impl VECTOR = VectorGemm::sgemm;
    private static final Impl SCALAR = ScalarGemm::sgemm;
    private static final Impl DISPATCH = Gemm::sgemm;
    /** Written to every float of C the product must not touch. */
    private static final float GUARD = -12345.5f;

    /** One randomised problem: operands laid out with offsets and padded strides, plus the expected C. */
    private static final class Case {
        final boolean ta, tb, acc;
        final int m, n, k, aOff, lda, bOff, ldb, cOff, ldc;
        final float[] a, b, c0;

        Case(SplittableRandom r, boolean ta, boolean tb, int m, int n, int k, boolean acc, boolean padded) {
            this.ta = ta;
            this.tb = tb;
            this.m = m;
            this.n = n;
            this.k = k;
            this.acc = acc;
            int aRows = ta ? k : m, aCols = ta ? m : k, bRows = tb ? n : k, bCols = tb ? k : n;
            aOff = padded ? r.nextInt(6) : 0;
            bOff = padded ? r.nextInt(6) : 0;
            cOff = padded ? r.nextInt(6) : 0;
            lda = aCols + (padded ? r.nextInt(4) : 0);
            ldb = bCols + (padded ? r.nextInt(4) : 0);
            ldc = n + (padded ? r.nextInt(4) : 0);
            a = fill(r, aOff + Math.max(0, aRows - 1) * lda + aCols + (padded ? r.nextInt(3) : 0));
            b = fill(r, bOff + Math.max(0, bRows - 1) * ldb + bCols + (padded ? r.nextInt(3) : 0));
            c0 = new float[cOff + Math.max(0, m - 1) * ldc + n + (padded ? r.nextInt(3) : 0)];
            java.util.Arrays.fill(c0, GUARD);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    // Without accumulate, C's old contents must be ignored: NaN there proves it.
                    c0[cOff + i * ldc + j] = acc ? (float) r.nextDouble(-1, 1) : Float.NaN;
                }
            }
        }

        float aAt(int i, int p) {
            return a[aOff + (ta ? p * lda + i : i * lda + p)];
        }

        float bAt(int p, int j) {
            return b[bOff + (tb ? j * ldb + p : p * ldb + j)];
        }

        float[] run(Impl impl) {
            float[] c = c0.clone();
            impl.sgemm(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, acc);
            return c;
        }

        /** Compares with the double triple loop, within the worst-case float rounding bound. */
        void check(String who, float[] c) {
            boolean[] inside = new boolean[c.length];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int idx = cOff + i * ldc + j;
                    inside[idx] = true;
                    double ref = acc ? c0[idx] : 0, mag = acc ? Math.abs(c0[idx]) : 0;
                    for (int p = 0; p < k; p++) {
                        double x = (double) aAt(i, p) * bAt(p, j);
                        ref += x;
                        mag += Math.abs(x);
                    }
                    double tol = (k + 2) * 1.2e-7 * mag + 1e-30;
                    if (!(Math.abs(c[idx] - ref) <= tol)) {
                        fail(who + " " + this + ": C[" + i + "," + j + "] = " + c[idx] + ", expected " + ref
                                + " ± " + tol);
                    }
                }
            }
            for (int idx = 0; idx < c.length; idx++) {
                if (!inside[idx] && Float.floatToRawIntBits(c[idx]) != Float.floatToRawIntBits(GUARD)) {
                    fail(who + " " + this + ": wrote outside C at flat index " + idx);
                }
            }
        }

        @Override
        public String toString() {
            return "m=" + m + " n=" + n + " k=" + k + " transA=" + ta + " transB=" + tb + " acc=" + acc + " aOff="
                    + aOff + " lda=" + lda + " bOff=" + bOff + " ldb=" + ldb + " cOff=" + cOff + " ldc=" + ldc;
        }
    }

    private static float[] fill(SplittableRandom r, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }

    private static void checkAll(Case cs) {
        cs.check("VectorGemm", cs.run(VECTOR));
        cs.check("ScalarGemm", cs.run(SCALAR));
        cs.check("Gemm", cs.run(DISPATCH));
    }

    @Test
    void vectorModuleIsEnabledInTests() {
        // Surefire adds the module; without it the other tests would only exercise the fallback twice.
        assertTrue(Gemm.isVectorized());
    }

    @Test
    void smallRaggedShapesAllTransposes() {
        SplittableRandom r = new SplittableRandom(42);
        int[] sizes = {1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33};
        for (int m : sizes) {
            for (int n : sizes) {
                int k = sizes[r.nextInt(sizes.length)];
                for (int t = 0; t < 4; t++) {
                    checkAll(new Case(r, (t & 1) != 0, (t & 2) != 0, m, n, k, r.nextBoolean(), r.nextBoolean()));
                }
            }
        }
    }

    @Test
    void randomShapesUpTo70() {
        // Sizes up to 70 straddle the direct/packed threshold (m·n·k = 65536) and every edge of the 8×32 tile.
        SplittableRandom r = new SplittableRandom(7);
        for (int it = 0; it < 600; it++) {
            int m = 1 + r.nextInt(70), n = 1 + r.nextInt(70), k = 1 + r.nextInt(70);
            checkAll(new Case(r, r.nextBoolean(), r.nextBoolean(), m, n, k, r.nextBoolean(), true));
        }
    }

    @Test
    void packedPathEdges() {
        SplittableRandom r = new SplittableRandom(11);
        // k over one K block (uneven split), n over one N block, ragged m and n, each transpose combination.
        int[][] shapes = {{64, 64, 64}, {9, 33, 700}, {71, 1100, 21}, {8, 17, 330}, {40, 95, 641}, {129, 40, 33}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                for (boolean acc : new boolean[] {false, true}) {
                    checkAll(new Case(r, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], acc, true));
                }
            }
        }
    }

    @Test
    void widePathBlisOrderEdges() {
        SplittableRandom r = new SplittableRandom(31);
        // C at least 128 columns wide (the BLIS-order path): ragged m (also past MC = 768 rows, so A is packed
        // in several row blocks), a remainder panel of 2, 8, 22 columns, k over several uneven K blocks.
        int[][] shapes = {{13, 128, 700}, {777, 130, 65}, {129, 150, 641}, {8, 145, 400}, {800, 136, 90},
            {128, 512, 784}, {128, 512, 256}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                for (boolean acc : new boolean[] {false, true}) {
                    checkAll(new Case(r, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], acc, true));
                }
            }
        }
    }

    @Test
    void trainingShapesNarrowPanelsAndRaggedRows() {
        SplittableRandom r = new SplittableRandom(23);
        // n = 10 and 26 (one VL-wide remainder panel, or a full NR panel beyond 16 columns), 32 + 10, 48;
        // m with ragged bottom rows; k over several K blocks; every transpose combination and accumulate.
        int[][] shapes = {{32, 10, 32}, {128, 10, 256}, {256, 10, 128}, {784, 32, 32}, {32, 32, 784},
            {13, 26, 40}, {21, 42, 700}, {8, 48, 9}, {9, 16, 17}, {19, 1050, 12}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                for (boolean acc : new boolean[] {false, true}) {
                    checkAll(new Case(r, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], acc, true));
                }
            }
        }
    }

    @Test
    void valuesBesideBAreNeverRead() {
        // The narrow remainder panel copies whole vectors, dragging along floats past column n (the padding
        // of each row, then the next row). Those must only reach columns of C that are discarded: NaN there
        // must not show up in C.
        SplittableRandom r = new SplittableRandom(5);
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
            for (int[] s : new int[][] {{16, 10, 20}, {24, 42, 33}, {9, 3, 5}, {24, 138, 40}, {17, 140, 30}}) {
                int m = s[0], n = s[1], k = s[2];
                int ldb = (tb ? k : n) + 3;
                float[] b = new float[(tb ? n : k) * ldb + 40];
                java.util.Arrays.fill(b, Float.NaN);
                for (int row = 0; row < (tb ? n : k); row++) {
                    for (int col = 0; col < (tb ? k : n); col++) {
                        b[row * ldb + col] = (float) r.nextDouble(-1, 1);
                    }
                }
                float[] a = fill(r, m * k);
                float[] c = new float[m * n];
                VectorGemm.sgemm(ta, tb, m, n, k, a, 0, ta ? m : k, b, 0, ldb, c, 0, n, false);
                for (float v : c) {
                    assertFalse(Float.isNaN(v), "t=" + t + " " + m + "x" + n + "x" + k);
                }
            }
        }
    }

    @Test
    void largeShapesTakeTheParallelPath() {
        SplittableRandom r = new SplittableRandom(3);
        for (int t = 0; t < 4; t++) {
            boolean acc = t == 1 || t == 2;
            Case cs = new Case(r, (t & 1) != 0, (t & 2) != 0, 300, 517, 260, acc, t != 0);
            cs.check("VectorGemm", cs.run(VECTOR));
        }
        // Wide and short (split over columns), tall and narrow (direct kernels split over rows).
        Case wide = new Case(r, false, false, 40, 2000, 300, true, true);
        wide.check("VectorGemm", wide.run(VECTOR));
        Case narrow = new Case(r, true, false, 3000, 10, 200, false, true);
        narrow.check("VectorGemm", narrow.run(VECTOR));
        Case scalar = new Case(r, true, true, 150, 170, 190, true, true);
        scalar.check("ScalarGemm", scalar.run(SCALAR));
    }

    @Test
    void zeroSizes() {
        float[] c = {5f, 6f};
        for (Impl impl : List.of(VECTOR, SCALAR, DISPATCH)) {
            float[] cc = c.clone();
            impl.sgemm(false, false, 1, 2, 0, new float[0], 0, 0, new float[0], 0, 2, cc, 0, 2, true);
            assertEquals(5f, cc[0]);
            impl.sgemm(false, false, 1, 2, 0, new float[0], 0, 0, new float[0], 0, 2, cc, 0, 2, false);
            assertEquals(0f, cc[1]);
            impl.sgemm(false, false, 0, 2, 3, new float[0], 0, 3, new float[6], 0, 2, cc, 0, 2, false);
        }
    }

    @Test
    void nanAndInfinityPropagate() {
        // Sizes on both sides of the direct/packed threshold, every transpose combination.
        int[][] shapes = {{3, 5, 4}, {20, 40, 33}, {100, 90, 80}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                for (Impl impl : List.of(VECTOR, SCALAR)) {
                    // A is all zeros except a NaN at row 1; a zero must still multiply it (0·x is not skipped).
                    float[] a = new float[m * k];
                    a[ta ? 2 * m + 1 : k + 2] = Float.NaN;
                    float[] b = new float[k * n];
                    float[] c = new float[m * n];
                    impl.sgemm(ta, tb, m, n, k, a, 0, ta ? m : k, b, 0, tb ? k : n, c, 0, n, false);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            assertEquals(i == 1, Float.isNaN(c[i * n + j]), "t=" + t + " " + m + "x" + n + "x" + k
                                    + " at " + i + "," + j);
                        }
                    }
                    // Zeros times an infinity in B is NaN in the matching column.
                    a = new float[m * k];
                    b = new float[k * n];
                    b[tb ? 3 * k + 1 : n + 3] = Float.POSITIVE_INFINITY;
                    impl.sgemm(ta, tb, m, n, k, a, 0, ta ? m : k, b, 0, tb ? k : n, c, 0, n, false);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            assertEquals(j == 3, Float.isNaN(c[i * n + j]), "inf t=" + t + " at " + i + "," + j);
                        }
                    }
                }
            }
        }
    }

    @Test
    void rejectsBadStrides() {
        float[] x = new float[12];
        try {
            Gemm.sgemm(false, false, 3, 4, 3, x, 0, 2, x, 0, 4, x, 0, 4, false);
            fail("lda smaller than the row accepted");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("stride"));
        }
    }

    @Test
    void fallbackWithoutVectorModule() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = location(Gemm.class) + File.pathSeparator + location(GemmFallbackMain.class);
        List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto", "-cp", cp, GemmFallbackMain.class.getName()));
        Process proc = new ProcessBuilder(cmd).start();
        if (!proc.waitFor(60, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            fail("fallback JVM did not finish");
        }
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(proc.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, proc.exitValue(), "stdout: " + out + "\nstderr: " + err);
        assertTrue(out.contains("FALLBACK_OK vectorized=false vectorModule=false"), out);
        long hints = err.lines().filter(l -> l.contains("--add-modules jdk.incubator.vector")).count();
        assertEquals(1, hints, "the hint must be printed exactly once; stderr: " + err);
        assertFalse(err.contains("Exception"), err);
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
