package org.jkeras.tensor;

/**
 * Single-precision matrix multiply on row-major {@code float[]} storage: the hot path of the library.
 *
 * <p>{@code C[m×n] = op(A)·op(B)} (or {@code +=} when {@code accumulate}), where {@code op(A)} is
 * {@code m×k} and {@code op(B)} is {@code k×n}. With {@code transA} the array {@code a} holds a {@code k×m}
 * matrix; with {@code transB} {@code b} holds an {@code n×k} matrix. {@code lda/ldb/ldc} are row strides.
 * Without {@code accumulate} the old contents of C are ignored (a NaN there does not survive); NaN and
 * infinity in A or B propagate as in BLAS.
 *
 * <p>The work goes to {@link VectorGemm} (packed Vector API kernels, multi-threaded for large products)
 * when the JVM was started with {@code --add-modules jdk.incubator.vector}, and to {@link ScalarGemm}
 * otherwise; the fallback announces itself once on standard error with the flag that enables the fast path.
 *
 * <pre>{@code
 * // C[m×n] = A[m×k] · B[k×n], all dense
 * Gemm.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
 * // C[m×n] += A[k×m]ᵀ · B[n×k]ᵀ
 * Gemm.sgemm(true, true, m, n, k, a, 0, m, b, 0, k, c, 0, n, true);
 * }</pre>
 */
public final class Gemm {
    /**
     * Decided once. The check names the module instead of touching a Vector API class, so that without the
     * module nothing here links against {@code jdk.incubator.vector} ({@link VectorGemm} is only loaded when
     * first called, which then never happens).
     */
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    static {
        if (!VECTOR) {
            System.err.println("jkeras: the JDK Vector API is not enabled, so matrix products use the slow scalar"
                    + " fallback; start java with --add-modules jdk.incubator.vector for the fast path.");
        }
    }

    private Gemm() {}

    /** Whether products run on the Vector API kernels (true when {@code jdk.incubator.vector} is loaded). */
    public static boolean isVectorized() {
        return VECTOR;
    }

    /** See the class comment. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        check(m, n, k, transA, a, aOff, lda, transB, b, bOff, ldb, c, cOff, ldc);
        if (VECTOR) {
            VectorGemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            ScalarGemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /**
     * {@code C = A·B} for row-major, untransposed {@code A} (m×k, stride k), {@code B} (k×n, stride n) and {@code C}
     * (m×n, stride n), then {@code epilogue} on each block of {@code C} as soon as it is final, on the thread that
     * computed it (large products are split across the cores, and their epilogues with them).
     */
    public static void sgemm(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                             GemmEpilogue epilogue) {
        check(m, n, k, false, a, aOff, k, false, b, bOff, n, c, cOff, n);
        if (VECTOR) {
            VectorGemm.sgemm(false, false, m, n, k, a, aOff, k, b, bOff, n, c, cOff, n, false, epilogue);
        } else {
            ScalarGemm.sgemm(false, false, m, n, k, a, aOff, k, b, bOff, n, c, cOff, n, false);
            if (epilogue != null && m > 0 && n > 0) {
                epilogue.apply(c, cOff, n, 0, m, 0, n);
            }
        }
    }

    /** O(1) argument checks, so a bad stride fails here with a message instead of deep inside a kernel. */
    private static void check(int m, int n, int k, boolean transA, float[] a, int aOff, int lda,
                              boolean transB, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm: negative size m=" + m + " n=" + n + " k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        checkMatrix("C", c, cOff, ldc, m, n);
        if (k > 0) {
            checkMatrix(transA ? "A (transposed, k×m)" : "A", a, aOff, lda, transA ? k : m, transA ? m : k);
            checkMatrix(transB ? "B (transposed, n×k)" : "B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        }
    }

    private static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (rows > 1 && ld < cols) {
            throw new IllegalArgumentException("sgemm: " + name + " has " + cols + " columns but its row stride is "
                    + ld);
        }
        long last = off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > x.length) {
            throw new IllegalArgumentException("sgemm: " + name + " (" + rows + "×" + cols + ", offset " + off
                    + ", stride " + ld + ") needs " + last + " floats but its array has " + x.length);
        }
    }
}
