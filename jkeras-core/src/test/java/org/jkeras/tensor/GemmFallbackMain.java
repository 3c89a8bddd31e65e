package org.jkeras.tensor;

/**
 * Run by {@link GemmTest} in a child JVM started WITHOUT {@code --add-modules jdk.incubator.vector}: checks
 * that {@link Gemm} then works on the scalar fallback (and never touches a Vector API class).
 *
 * <pre>{@code
 * java -cp target/classes:target/test-classes org.jkeras.tensor.GemmFallbackMain
 * }</pre>
 */
public final class GemmFallbackMain {
    private GemmFallbackMain() {}

    public static void main(String[] args) {
        // Several calls, small and large, all transpose combinations: the hint must still be printed once.
        int[][] shapes = {{2, 3, 4}, {37, 41, 29}, {130, 70, 90}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (i % 7) - 3;
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = (i % 5) - 2;
                }
                Gemm.sgemm(ta, tb, m, n, k, a, 0, ta ? m : k, b, 0, tb ? k : n, c, 0, n, false);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double ref = 0;
                        for (int p = 0; p < k; p++) {
                            ref += (double) a[ta ? p * m + i : i * k + p] * b[tb ? j * k + p : p * n + j];
                        }
                        if (Math.abs(ref - c[i * n + j]) > 1e-3) {
                            System.out.println("MISMATCH " + m + "x" + n + "x" + k + " t=" + t + " at " + i + "," + j);
                            System.exit(2);
                        }
                    }
                }
            }
        }
        boolean vectorClassLoaded = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        System.out.println("FALLBACK_OK vectorized=" + Gemm.isVectorized() + " vectorModule=" + vectorClassLoaded);
    }
}
