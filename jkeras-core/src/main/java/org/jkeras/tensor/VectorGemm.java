package org.jkeras.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision GEMM on the JDK Vector API: packed panels and an 8-row × 2-vector FMA micro-kernel.
 *
 * <p>Same contract as {@link Gemm#sgemm}. Only {@link Gemm} should call it, and only after checking that the
 * {@code jdk.incubator.vector} module is present: this class links against it, so merely loading it without
 * {@code --add-modules jdk.incubator.vector} fails.
 *
 * <p>Design (sized for AVX-512 where a vector holds 16 floats):
 * <ul>
 *   <li>The micro-kernel keeps an {@code MR × NR} = 8 × 32 tile of C in 16 vector registers and, per step of
 *   k, loads two vectors of B, broadcasts 8 values of A and issues 16 FMAs. A narrow remainder of C (at
 *   most 16 columns, e.g. the 10 logits) runs an 8 × 16 kernel instead of being padded to 32.</li>
 *   <li>C at least 4 panels (128 columns) wide runs in BLIS loop order ({@link #packed}): per K block
 *   ({@code kc ≤ 320}) the 8-row micro-panels of A stay in L2 and B is packed one {@code kc × NR} panel at
 *   a time, which stays in L1 while all of A streams past it. Untransposed A is packed; transposed A
 *   (dW = xᵀ·dz) is read in place.</li>
 *   <li>Narrower C ({@link #packedB}) packs only B, per K block, into NR-column panels ({@code kc × NR},
 *   contiguous, padded at the right edge); the packed block ({@code kc × nc}, about 1 MiB) stays in L2.
 *   A is read where it lies: untransposed as 8 unit-stride row streams, transposed as 8 adjacent floats per
 *   k step. On training shapes (n = 10…512, dW = xᵀ·dz with a short k) packing A cost as much as the
 *   product. Only ragged bottom rows (m mod 8) are packed, zero-padded, into a transposed 8-row panel.</li>
 *   <li>Fewer than 8 rows (one-row inference) skip packing entirely: every packed float of B would be read
 *   once.</li>
 *   <li>Large problems are split across {@link ComputePool} over 8-row blocks of C or over 32-column panels
 *   of C; each thread packs into its own reused buffers, so the threads never synchronise until the end.</li>
 * </ul>
 *
 * <pre>{@code
 * // C[64×48] = A[64×100] · B[100×48]
 * VectorGemm.sgemm(false, false, 64, 48, 100, a, 0, 100, b, 0, 48, c, 0, 48, false);
 * }</pre>
 */
public final class VectorGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector: 16 with AVX-512, 8 with AVX2. */
    private static final int VL = S.length();
    /** Rows of the micro-tile. */
    private static final int MR = 8;
    /** Columns of the micro-tile: two vectors. */
    private static final int NR = 2 * VL;
    /** Largest K block; K is cut into near-equal blocks no larger than this (288 stays one block). */
    private static final int KC_MAX = 320;
    /** A packed B up to this many floats (256 KiB) is packed whole, without K blocks. */
    private static final long SMALL_B = 1L << 16;
    /** Packed B floats kept per K block when it is reused from L1: 16 KiB, a third of this machine's L1. */
    private static final long L1_B = 1L << 12;
    /** A C up to this many floats (256 KiB, in L2) is cheap to pass over once per K block. */
    private static final long SMALL_C = 1L << 16;
    /** Columns of B packed at once by {@link #packedB}: kc × NC floats ≈ 1 MiB, a quarter of this machine's per-core L2. */
    private static final int NC = 1024;
    /** Rows of A packed at once per K block by {@link #packed}: MC × KC_MAX floats ≈ 960 KiB, a quarter of L2. */
    private static final int MC = 768;
    /** Below this many multiply-adds the packed path's fixed costs dominate: use the direct kernels. */
    private static final long SMALL_MNK = 1L << 16;
    /** From this many multiply-adds on, a product is worth handing to the pool (~100 µs on one core). */
    private static final long PARALLEL_MNK = 1L << 22;
    /** Least work per thread once split, in multiply-adds. */
    private static final long MIN_TASK_MNK = 1L << 20;

    /** Per-thread scratch, grown on demand and kept, so steady-state calls allocate nothing. */
    private static final class Scratch {
        float[] packA = new float[MR * 64];
        float[] packB = new float[NR * 64];
        final float[] tile = new float[MR * NR];
        final float[] row = new float[VL];

        float[] packA(int size) {
            if (packA.length < size) {
                packA = new float[size];
            }
            return packA;
        }

        float[] packB(int size) {
            if (packB.length < size) {
                packB = new float[size];
            }
            return packB;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private VectorGemm() {}

    /** Vector width in floats of the species in use (16 on AVX-512). */
    public static int vectorLength() {
        return VL;
    }

    /** See {@link Gemm#sgemm}; arguments are assumed checked. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, null);
    }

    /** {@link #sgemm} with an epilogue (null: none) run on each finished block of C by the thread that computed it. */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc, boolean accumulate, GemmEpilogue epi) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            finish(epi, c, cOff, ldc, 0, m, 0, n);
            return;
        }
        long mnk = (long) m * n * k;
        boolean parallel = ComputePool.threads() > 1 && mnk >= PARALLEL_MNK;
        if (m < MR) {
            // Fewer rows than one micro-tile: every packed element of B would be read once or twice.
            if (!transB) {
                directAxpy(transA, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
                finish(epi, c, cOff, ldc, 0, m, 0, n);
                return;
            }
            if (!transA && k >= VL) {
                directDot(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
                finish(epi, c, cOff, ldc, 0, m, 0, n);
                return;
            }
        }
        if (parallel) {
            boolean splitRows = n <= m;
            if (splitRows) {
                int blocks = (m + MR - 1) / MR;
                int grain = (int) Math.max(1, MIN_TASK_MNK / ((long) MR * n * k));
                if (blocks >= 2 && blocks / grain >= 2) {
                    ComputePool.parallelFor(0, blocks, grain, (from, to) -> {
                        int i0 = from * MR, i1 = Math.min(m, to * MR);
                        block(transA, transB, i0, i1, 0, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
                        finish(epi, c, cOff, ldc, i0, i1, 0, n);
                    });
                    return;
                }
            } else {
                int panels = (n + NR - 1) / NR;
                int grain = (int) Math.max(1, MIN_TASK_MNK / ((long) NR * m * k));
                if (panels >= 2 && panels / grain >= 2) {
                    ComputePool.parallelFor(0, panels, grain, (from, to) -> {
                        int j0 = from * NR, j1 = Math.min(n, to * NR);
                        block(transA, transB, 0, m, j0, j1, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
                        finish(epi, c, cOff, ldc, 0, m, j0, j1);
                    });
                    return;
                }
            }
        }
        block(transA, transB, 0, m, 0, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        finish(epi, c, cOff, ldc, 0, m, 0, n);
    }

    private static void finish(GemmEpilogue epi, float[] c, int cOff, int ldc, int i0, int i1, int j0, int j1) {
        if (epi != null) {
            epi.apply(c, cOff, ldc, i0, i1, j0, j1);
        }
    }

    /**
     * Runs one block on the calling thread. A C at least 4 panels wide runs {@link #packed} (BLIS order),
     * packing A only where it is not transposed: measured interleaved on training shapes, packing wins there
     * (128×512×784, 128×512×256 tB), while transposed A (dW = xᵀ·dz) is faster read in place. Narrower C
     * runs {@link #packedB}, where packing A would cost as much as the product.
     */
    private static void block(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc, boolean accumulate) {
        boolean wide = j1 - j0 >= 4 * NR;
        if (wide) {
            packed(transA, transB, i0, i1, j0, j1, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, !transA);
        } else {
            packedB(transA, transB, i0, i1, j0, j1, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Packed path

    /**
     * Computes the block {@code C[i0:i1, j0:j1]} (at least 4 panels wide) on the calling thread, in BLIS
     * loop order: per K block, A is packed into 8-row micro-panels ({@code packA}; at most {@link #MC} rows,
     * ≤ 960 KiB, stays in L2), then B is packed one {@code kc × NR} panel at a time (≤ 40 KiB, stays in L1)
     * and every micro-panel of A streams past it. Without {@code packA}, full 8-row blocks of A are read in
     * place (the k8x2N/T kernels) and only ragged bottom rows are packed.
     *
     * <p>Measured interleaved against the former order (A micro-panel in L1, the whole packed B block
     * streamed from L2 for every 8 rows): 128×512×784 and 128×256×512 gain 10-30% on one thread and scale
     * on two (each kernel call then reads 32 bytes of A per k step from L2 instead of 128 of B), and each
     * thread packs only its own B columns.
     */
    private static void packed(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float[] c, int cOff, int ldc, boolean accumulate, boolean packA) {
        Scratch s = SCRATCH.get();
        int kBlocks = (k + KC_MAX - 1) / KC_MAX;
        int kcStep = (k + kBlocks - 1) / kBlocks;
        float[] tile = s.tile;
        int iFull = i0 + (i1 - i0) / MR * MR;
        int full = (j1 - j0) / NR, rem = (j1 - j0) - full * NR;
        for (int pc = 0; pc < k; pc += kcStep) {
            int kc = Math.min(kcStep, k - pc);
            boolean add = accumulate || pc > 0;
            for (int mc = i0; mc < i1; mc += MC) {
                int mEnd = Math.min(i1, mc + MC);
                int mPanels = (mEnd - mc + MR - 1) / MR;
                float[] ap = s.packA(packA ? mPanels * kc * MR : kc * MR);
                for (int ip = 0; ip < mPanels; ip++) {
                    int ic = mc + ip * MR;
                    int rows = Math.min(MR, mEnd - ic);
                    if (!packA && rows == MR) {
                        continue;
                    }
                    if (transA) {
                        packATransposed(a, aOff, lda, ic, rows, pc, kc, ap, packA ? ip * kc * MR : 0);
                    } else {
                        packA(a, aOff, lda, ic, rows, pc, kc, ap, packA ? ip * kc * MR : 0);
                    }
                }
                int mFull = Math.min(mEnd, iFull);
                float[] bp = s.packB(kc * NR);
                for (int jp = 0; jp <= full; jp++) {
                    int cols = jp < full ? NR : rem;
                    if (cols == 0) {
                        break;
                    }
                    int jc = j0 + jp * NR;
                    packBPanels(transB, b, bOff, ldb, pc, kc, jc, cols == NR ? 1 : 0, cols == NR ? 0 : cols, NR,
                            bp);
                    int ip = 0;
                    int cCol = cOff + jc;
                    if (cols == NR && !packA) {
                        if (transA) {
                            if (add) {
                                for (int ic = mc; ic < mFull; ic += MR, ip++) {
                                    k8x2TAdd(kc, a, aOff + pc * lda + ic, lda, bp, 0, c, cCol + ic * ldc, ldc);
                                }
                            } else {
                                for (int ic = mc; ic < mFull; ic += MR, ip++) {
                                    k8x2TSet(kc, a, aOff + pc * lda + ic, lda, bp, 0, c, cCol + ic * ldc, ldc);
                                }
                            }
                        } else {
                            if (add) {
                                for (int ic = mc; ic < mFull; ic += MR, ip++) {
                                    k8x2NAdd(kc, a, aOff + ic * lda + pc, lda, bp, 0, c, cCol + ic * ldc, ldc);
                                }
                            } else {
                                for (int ic = mc; ic < mFull; ic += MR, ip++) {
                                    k8x2NSet(kc, a, aOff + ic * lda + pc, lda, bp, 0, c, cCol + ic * ldc, ldc);
                                }
                            }
                        }
                    } else if (cols == NR) {
                        if (add) {
                            for (int ic = mc; ic < mFull; ic += MR, ip++) {
                                kernelAdd(kc, ap, ip * kc * MR, bp, 0, c, cCol + ic * ldc, ldc);
                            }
                        } else {
                            for (int ic = mc; ic < mFull; ic += MR, ip++) {
                                kernelSet(kc, ap, ip * kc * MR, bp, 0, c, cCol + ic * ldc, ldc);
                            }
                        }
                    }
                    for (; ip < mPanels; ip++) {
                        int ic = mc + ip * MR;
                        if (cols == NR && ic + MR <= mEnd) {
                            continue;
                        }
                        if (packA || ic + MR > mEnd) {
                            kernelSet(kc, ap, packA ? ip * kc * MR : 0, bp, 0, tile, 0, NR);
                        } else if (transA) {
                            k8x2TSet(kc, a, aOff + pc * lda + ic, lda, bp, 0, tile, 0, NR);
                        } else {
                            k8x2NSet(kc, a, aOff + ic * lda + pc, lda, bp, 0, tile, 0, NR);
                        }
                        tileToC(tile, NR, Math.min(MR, mEnd - ic), cols, c, cCol + ic * ldc, ldc, add);
                    }
                }
            }
        }
    }

    /**
     * The micro-kernel, {@code C[0:8, 0:NR] = Apanel · Bpanel} over {@code kc} steps ({@link #kernelAdd}:
     * {@code +=}). The 16 accumulators are separate locals (not an array) so that C2 keeps them in registers.
     *
     * <p>Why two near-identical methods instead of a {@code boolean add}: measured on JDK 17 and 25, any
     * branch on "add" in the kernel (accumulators loaded from C, or a conditional epilogue) made C2 keep
     * the bounds checks of the B loads inside the loop, halving the speed (70 vs 140 GFLOP/s in L1).
     * Accumulators must also start from {@code zero}, not from a load of C, for the same reason.
     */
    private static void kernelSet(int kc, float[] ap, int aIdx, float[] bp, int bIdx, float[] c, int cIdx, int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z;
        FloatVector c10 = z, c11 = z;
        FloatVector c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z;
        FloatVector c50 = z, c51 = z;
        FloatVector c60 = z, c61 = z;
        FloatVector c70 = z, c71 = z;
        for (int p = 0; p < kc; p++) {
            int bi = bIdx + p * NR, ai = aIdx + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + VL);
            FloatVector av;
            av = FloatVector.broadcast(S, ap[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, ap[ai + 6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, ap[ai + 7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        int r0 = cIdx, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + VL);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + VL);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + VL);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + VL);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + VL);
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + VL);
        c60.intoArray(c, r6);
        c61.intoArray(c, r6 + VL);
        c70.intoArray(c, r7);
        c71.intoArray(c, r7 + VL);
    }

    /** {@link #kernelSet} that adds into C instead of overwriting it. */
    private static void kernelAdd(int kc, float[] ap, int aIdx, float[] bp, int bIdx, float[] c, int cIdx, int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z;
        FloatVector c10 = z, c11 = z;
        FloatVector c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z;
        FloatVector c50 = z, c51 = z;
        FloatVector c60 = z, c61 = z;
        FloatVector c70 = z, c71 = z;
        for (int p = 0; p < kc; p++) {
            int bi = bIdx + p * NR, ai = aIdx + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + VL);
            FloatVector av;
            av = FloatVector.broadcast(S, ap[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, ap[ai + 6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, ap[ai + 7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        int r0 = cIdx, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
        c00.add(FloatVector.fromArray(S, c, r0)).intoArray(c, r0);
        c01.add(FloatVector.fromArray(S, c, r0 + VL)).intoArray(c, r0 + VL);
        c10.add(FloatVector.fromArray(S, c, r1)).intoArray(c, r1);
        c11.add(FloatVector.fromArray(S, c, r1 + VL)).intoArray(c, r1 + VL);
        c20.add(FloatVector.fromArray(S, c, r2)).intoArray(c, r2);
        c21.add(FloatVector.fromArray(S, c, r2 + VL)).intoArray(c, r2 + VL);
        c30.add(FloatVector.fromArray(S, c, r3)).intoArray(c, r3);
        c31.add(FloatVector.fromArray(S, c, r3 + VL)).intoArray(c, r3 + VL);
        c40.add(FloatVector.fromArray(S, c, r4)).intoArray(c, r4);
        c41.add(FloatVector.fromArray(S, c, r4 + VL)).intoArray(c, r4 + VL);
        c50.add(FloatVector.fromArray(S, c, r5)).intoArray(c, r5);
        c51.add(FloatVector.fromArray(S, c, r5 + VL)).intoArray(c, r5 + VL);
        c60.add(FloatVector.fromArray(S, c, r6)).intoArray(c, r6);
        c61.add(FloatVector.fromArray(S, c, r6 + VL)).intoArray(c, r6 + VL);
        c70.add(FloatVector.fromArray(S, c, r7)).intoArray(c, r7);
        c71.add(FloatVector.fromArray(S, c, r7 + VL)).intoArray(c, r7 + VL);
    }

    /** Packs rows {@code ic..ic+rows} of A (a is m×k), columns {@code pc..pc+kc}, as {@code ap[p*8 + r]}. */
    private static void packA(float[] a, int aOff, int lda, int ic, int rows, int pc, int kc, float[] ap,
                              int dst) {
        for (int r = 0; r < rows; r++) {
            int src = aOff + (ic + r) * lda + pc;
            for (int p = 0; p < kc; p++) {
                ap[dst + p * MR + r] = a[src + p];
            }
        }
        for (int r = rows; r < MR; r++) {
            for (int p = 0; p < kc; p++) {
                ap[dst + p * MR + r] = 0f;
            }
        }
    }

    /** As {@link #packA}, where a holds k×m (A transposed): each k step is already 8 adjacent floats. */
    private static void packATransposed(float[] a, int aOff, int lda, int ic, int rows, int pc, int kc,
                                        float[] ap, int dst0) {
        for (int p = 0; p < kc; p++) {
            int src = aOff + (pc + p) * lda + ic, dst = dst0 + p * MR;
            for (int r = 0; r < rows; r++) {
                ap[dst + r] = a[src + r];
            }
            for (int r = rows; r < MR; r++) {
                ap[dst + r] = 0f;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // B-packed path: only B is packed, A is read where it lies

    /**
     * Computes {@code C[i0:i1, j0:j1]} on the calling thread with B packed into panels and A read in place.
     *
     * <p>Packing A pays only when each packed A micro-panel is reused across many B panels; on the shapes
     * of training (n = 10…512, and dW = xᵀ·dz where op(A) is a transposed activation) it cost as much as
     * the product. Reading A in place costs nothing extra: untransposed, the 8 rows are 8 unit-stride streams
     * (C2 removes their bounds checks); transposed, each k step reads 8 adjacent floats. B is packed per K
     * block into NR-wide panels, the last one only VL wide when at most VL columns remain, so a narrow C
     * (the 10-wide logits) runs one vector per row instead of two, and nothing is padded to 32.
     * Rows past the last full 8 are packed (zero-padded) into an 8-row transposed panel and run the same
     * kernels into a scratch tile.
     */
    private static void packedB(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float[] c, int cOff, int ldc, boolean accumulate) {
        Scratch s = SCRATCH.get();
        // K is cut into blocks only when the packed B would outgrow a quarter of L2: for a narrow C (one or
        // two panels) every extra block re-reads and re-writes C and restarts the kernels for nothing.
        int ncPadded = (Math.min(NC, j1 - j0) + NR - 1) / NR * NR;
        int kBlocks = (long) k * ncPadded <= SMALL_B ? 1 : (k + KC_MAX - 1) / KC_MAX;
        if (i1 - i0 > MR && (long) (i1 - i0) * ncPadded <= SMALL_C) {
            // Several row blocks stream the same packed B: cut K so that its block stays in L1 (the 784×32 B of
            // a 32×784×32 product is 100 KiB, twice L1). C is small here, so the extra passes over it are cheap.
            // Measured interleaved on 32×784×32: 19.3 → 16.6 µs.
            kBlocks = Math.max(kBlocks, (int) (((long) k * ncPadded + L1_B - 1) / L1_B));
        }
        int kcStep = (k + kBlocks - 1) / kBlocks;
        int iFull = i0 + (i1 - i0) / MR * MR;
        float[] tile = s.tile;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            int full = nc / NR, rem = nc - full * NR;
            int remWidth = rem == 0 ? 0 : rem <= VL ? VL : NR;
            for (int pc = 0; pc < k; pc += kcStep) {
                int kc = Math.min(kcStep, k - pc);
                float[] bp = s.packB(kc * (full * NR + remWidth));
                packBPanels(transB, b, bOff, ldb, pc, kc, jc, full, rem, remWidth, bp);
                boolean add = accumulate || pc > 0;
                int remIdx = full * kc * NR;
                for (int ic = i0; ic < iFull; ic += MR) {
                    int cRow = cOff + ic * ldc + jc;
                    if (transA) {
                        int aIdx = aOff + pc * lda + ic;
                        for (int jp = 0; jp < full; jp++) {
                            if (add) {
                                k8x2TAdd(kc, a, aIdx, lda, bp, jp * kc * NR, c, cRow + jp * NR, ldc);
                            } else {
                                k8x2TSet(kc, a, aIdx, lda, bp, jp * kc * NR, c, cRow + jp * NR, ldc);
                            }
                        }
                        if (remWidth == VL) {
                            k8x1T(kc, a, aIdx, lda, bp, remIdx, tile, 0, VL);
                        } else if (remWidth == NR) {
                            k8x2TSet(kc, a, aIdx, lda, bp, remIdx, tile, 0, NR);
                        }
                    } else {
                        int aIdx = aOff + ic * lda + pc;
                        for (int jp = 0; jp < full; jp++) {
                            if (add) {
                                k8x2NAdd(kc, a, aIdx, lda, bp, jp * kc * NR, c, cRow + jp * NR, ldc);
                            } else {
                                k8x2NSet(kc, a, aIdx, lda, bp, jp * kc * NR, c, cRow + jp * NR, ldc);
                            }
                        }
                        if (remWidth == VL) {
                            k8x1N(kc, a, aIdx, lda, bp, remIdx, tile, 0, VL);
                        } else if (remWidth == NR) {
                            k8x2NSet(kc, a, aIdx, lda, bp, remIdx, tile, 0, NR);
                        }
                    }
                    if (rem > 0) {
                        tileToC(tile, remWidth, MR, rem, c, cRow + full * NR, ldc, add);
                    }
                }
                if (iFull < i1) {
                    // Ragged bottom rows: pack them as a zero-padded k×8 transposed panel, run into the tile.
                    int rows = i1 - iFull;
                    float[] ap = s.packA(kc * MR);
                    if (transA) {
                        packATransposed(a, aOff, lda, iFull, rows, pc, kc, ap, 0);
                    } else {
                        packA(a, aOff, lda, iFull, rows, pc, kc, ap, 0);
                    }
                    int cRow = cOff + iFull * ldc + jc;
                    for (int jp = 0; jp < full; jp++) {
                        k8x2TSet(kc, ap, 0, MR, bp, jp * kc * NR, tile, 0, NR);
                        tileToC(tile, NR, rows, NR, c, cRow + jp * NR, ldc, add);
                    }
                    if (remWidth == VL) {
                        k8x1T(kc, ap, 0, MR, bp, remIdx, tile, 0, VL);
                    } else if (remWidth == NR) {
                        k8x2TSet(kc, ap, 0, MR, bp, remIdx, tile, 0, NR);
                    }
                    if (rem > 0) {
                        tileToC(tile, remWidth, rows, rem, c, cRow + full * NR, ldc, add);
                    }
                }
            }
        }
    }

    /** Copies (or adds) the top-left {@code rows × cols} of a tile with row stride {@code ldt} into C. */
    private static void tileToC(float[] tile, int ldt, int rows, int cols, float[] c, int cIdx, int ldc,
                                boolean add) {
        // Plain loops: the rows are short (often 10 floats), where System.arraycopy's fixed cost dominates.
        if (add) {
            for (int r = 0; r < rows; r++) {
                int cr = cIdx + r * ldc, tr = r * ldt;
                for (int j = 0; j < cols; j++) {
                    c[cr + j] += tile[tr + j];
                }
            }
        } else {
            for (int r = 0; r < rows; r++) {
                int cr = cIdx + r * ldc, tr = r * ldt;
                for (int j = 0; j < cols; j++) {
                    c[cr + j] = tile[tr + j];
                }
            }
        }
    }

    /**
     * Packs {@code op(B)[pc:pc+kc, jc:jc+full*NR+rem]} as {@code full} NR-wide panels ({@code kc × NR}
     * each, contiguous) followed, when {@code rem > 0}, by one {@code kc × remWidth} panel, zero-padded.
     */
    private static void packBPanels(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc,
                                    int full, int rem, int remWidth, float[] bp) {
        for (int jp = 0; jp < full; jp++) {
            int dst = jp * kc * NR;
            if (transB) {
                packBTransposedPanel(b, bOff + (jc + jp * NR) * ldb + pc, ldb, kc, NR, NR, bp, dst);
            } else {
                int src = bOff + pc * ldb + jc + jp * NR;
                for (int p = 0; p < kc; p++, src += ldb, dst += NR) {
                    FloatVector.fromArray(S, b, src).intoArray(bp, dst);
                    FloatVector.fromArray(S, b, src + VL).intoArray(bp, dst + VL);
                }
            }
        }
        if (rem > 0) {
            int dst = full * kc * NR;
            if (transB) {
                packBTransposedPanel(b, bOff + (jc + full * NR) * ldb + pc, ldb, kc, rem, remWidth, bp, dst);
            } else {
                // Lanes past rem only ever feed columns of the tile that are never copied to C (column j of C
                // depends on column j of B alone), so whole vectors are copied while they stay inside b: the
                // neighbouring values they drag along are harmless. Only rows near the end of b are copied
                // float by float and zero-padded.
                int src = bOff + pc * ldb + jc + full * NR;
                int p = 0;
                if (remWidth == VL) {
                    for (; p < kc && src <= b.length - VL; p++, src += ldb, dst += VL) {
                        FloatVector.fromArray(S, b, src).intoArray(bp, dst);
                    }
                } else {
                    for (; p < kc && src <= b.length - NR; p++, src += ldb, dst += NR) {
                        FloatVector.fromArray(S, b, src).intoArray(bp, dst);
                        FloatVector.fromArray(S, b, src + VL).intoArray(bp, dst + VL);
                    }
                }
                for (; p < kc; p++, src += ldb, dst += remWidth) {
                    for (int j = 0; j < rem; j++) {
                        bp[dst + j] = b[src + j];
                    }
                    for (int j = rem; j < remWidth; j++) {
                        bp[dst + j] = 0f;
                    }
                }
            }
        }
    }

    /**
     * One {@code kc × width} panel from b holding op(B) transposed ({@code cols} rows of b, from
     * {@code src}, each read along k), zero-padded past {@code cols}.
     */
    private static void packBTransposedPanel(float[] b, int src, int ldb, int kc, int cols, int width,
                                             float[] bp, int dst) {
        for (int jj = 0; jj < cols; jj++, src += ldb) {
            for (int p = 0; p < kc; p++) {
                bp[dst + p * width + jj] = b[src + p];
            }
        }
        if (cols < width) {
            for (int p = 0; p < kc; p++) {
                java.util.Arrays.fill(bp, dst + p * width + cols, dst + p * width + width, 0f);
            }
        }
    }

    /** {@code C[0:8, 0:NR] = A·Bpanel}, A read in place (row {@code r} at {@code aIdx + r*lda}), B a packed NR-wide panel. */
    private static void k8x2NSet(int kc, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] c, int cIdx,
            int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z;
        FloatVector c10 = z, c11 = z;
        FloatVector c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z;
        FloatVector c50 = z, c51 = z;
        FloatVector c60 = z, c61 = z;
        FloatVector c70 = z, c71 = z;
        int a0 = aIdx, a1 = aIdx + 1 * lda, a2 = aIdx + 2 * lda, a3 = aIdx + 3 * lda, a4 = aIdx + 4 * lda, a5 = aIdx + 5 * lda, a6 = aIdx + 6 * lda, a7 = aIdx + 7 * lda;
        for (int p = 0; p < kc; p++) {
            int bi = bIdx + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + VL);
            FloatVector av;
            av = FloatVector.broadcast(S, a[a0 + p]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[a1 + p]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[a2 + p]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[a3 + p]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, a[a4 + p]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, a[a5 + p]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, a[a6 + p]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, a[a7 + p]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        int r0 = cIdx, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + VL);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + VL);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + VL);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + VL);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + VL);
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + VL);
        c60.intoArray(c, r6);
        c61.intoArray(c, r6 + VL);
        c70.intoArray(c, r7);
        c71.intoArray(c, r7 + VL);
    }

    /** {@link #k8x2NSet} adding into C. */
    private static void k8x2NAdd(int kc, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] c, int cIdx,
            int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z;
        FloatVector c10 = z, c11 = z;
        FloatVector c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z;
        FloatVector c50 = z, c51 = z;
        FloatVector c60 = z, c61 = z;
        FloatVector c70 = z, c71 = z;
        int a0 = aIdx, a1 = aIdx + 1 * lda, a2 = aIdx + 2 * lda, a3 = aIdx + 3 * lda, a4 = aIdx + 4 * lda, a5 = aIdx + 5 * lda, a6 = aIdx + 6 * lda, a7 = aIdx + 7 * lda;
        for (int p = 0; p < kc; p++) {
            int bi = bIdx + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + VL);
            FloatVector av;
            av = FloatVector.broadcast(S, a[a0 + p]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[a1 + p]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[a2 + p]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[a3 + p]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, a[a4 + p]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, a[a5 + p]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, a[a6 + p]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, a[a7 + p]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        int r0 = cIdx, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
        c00.add(FloatVector.fromArray(S, c, r0)).intoArray(c, r0);
        c01.add(FloatVector.fromArray(S, c, r0 + VL)).intoArray(c, r0 + VL);
        c10.add(FloatVector.fromArray(S, c, r1)).intoArray(c, r1);
        c11.add(FloatVector.fromArray(S, c, r1 + VL)).intoArray(c, r1 + VL);
        c20.add(FloatVector.fromArray(S, c, r2)).intoArray(c, r2);
        c21.add(FloatVector.fromArray(S, c, r2 + VL)).intoArray(c, r2 + VL);
        c30.add(FloatVector.fromArray(S, c, r3)).intoArray(c, r3);
        c31.add(FloatVector.fromArray(S, c, r3 + VL)).intoArray(c, r3 + VL);
        c40.add(FloatVector.fromArray(S, c, r4)).intoArray(c, r4);
        c41.add(FloatVector.fromArray(S, c, r4 + VL)).intoArray(c, r4 + VL);
        c50.add(FloatVector.fromArray(S, c, r5)).intoArray(c, r5);
        c51.add(FloatVector.fromArray(S, c, r5 + VL)).intoArray(c, r5 + VL);
        c60.add(FloatVector.fromArray(S, c, r6)).intoArray(c, r6);
        c61.add(FloatVector.fromArray(S, c, r6 + VL)).intoArray(c, r6 + VL);
        c70.add(FloatVector.fromArray(S, c, r7)).intoArray(c, r7);
        c71.add(FloatVector.fromArray(S, c, r7 + VL)).intoArray(c, r7 + VL);
    }

    /** As {@link #k8x2NSet} with A transposed in place: step {@code p} reads the 8 adjacent floats at {@code aIdx + p*lda}. */
    private static void k8x2TSet(int kc, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] c, int cIdx,
            int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z;
        FloatVector c10 = z, c11 = z;
        FloatVector c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z;
        FloatVector c50 = z, c51 = z;
        FloatVector c60 = z, c61 = z;
        FloatVector c70 = z, c71 = z;
        for (int p = 0, ai = aIdx; p < kc; p++, ai += lda) {
            int bi = bIdx + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + VL);
            FloatVector av;
            av = FloatVector.broadcast(S, a[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, a[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, a[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, a[ai + 6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, a[ai + 7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        int r0 = cIdx, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + VL);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + VL);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + VL);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + VL);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + VL);
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + VL);
        c60.intoArray(c, r6);
        c61.intoArray(c, r6 + VL);
        c70.intoArray(c, r7);
        c71.intoArray(c, r7 + VL);
    }

    /** {@link #k8x2TSet} adding into C. */
    private static void k8x2TAdd(int kc, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] c, int cIdx,
            int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z;
        FloatVector c10 = z, c11 = z;
        FloatVector c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z;
        FloatVector c50 = z, c51 = z;
        FloatVector c60 = z, c61 = z;
        FloatVector c70 = z, c71 = z;
        for (int p = 0, ai = aIdx; p < kc; p++, ai += lda) {
            int bi = bIdx + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + VL);
            FloatVector av;
            av = FloatVector.broadcast(S, a[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, a[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, a[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, a[ai + 6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, a[ai + 7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        int r0 = cIdx, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
        c00.add(FloatVector.fromArray(S, c, r0)).intoArray(c, r0);
        c01.add(FloatVector.fromArray(S, c, r0 + VL)).intoArray(c, r0 + VL);
        c10.add(FloatVector.fromArray(S, c, r1)).intoArray(c, r1);
        c11.add(FloatVector.fromArray(S, c, r1 + VL)).intoArray(c, r1 + VL);
        c20.add(FloatVector.fromArray(S, c, r2)).intoArray(c, r2);
        c21.add(FloatVector.fromArray(S, c, r2 + VL)).intoArray(c, r2 + VL);
        c30.add(FloatVector.fromArray(S, c, r3)).intoArray(c, r3);
        c31.add(FloatVector.fromArray(S, c, r3 + VL)).intoArray(c, r3 + VL);
        c40.add(FloatVector.fromArray(S, c, r4)).intoArray(c, r4);
        c41.add(FloatVector.fromArray(S, c, r4 + VL)).intoArray(c, r4 + VL);
        c50.add(FloatVector.fromArray(S, c, r5)).intoArray(c, r5);
        c51.add(FloatVector.fromArray(S, c, r5 + VL)).intoArray(c, r5 + VL);
        c60.add(FloatVector.fromArray(S, c, r6)).intoArray(c, r6);
        c61.add(FloatVector.fromArray(S, c, r6 + VL)).intoArray(c, r6 + VL);
        c70.add(FloatVector.fromArray(S, c, r7)).intoArray(c, r7);
        c71.add(FloatVector.fromArray(S, c, r7 + VL)).intoArray(c, r7 + VL);
    }

    /** {@code C[0:8, 0:VL] = A·Bpanel} on a VL-wide packed panel (narrow C), A in place, untransposed. */
    private static void k8x1N(int kc, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] c, int cIdx,
            int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z;
        FloatVector c10 = z;
        FloatVector c20 = z;
        FloatVector c30 = z;
        FloatVector c40 = z;
        FloatVector c50 = z;
        FloatVector c60 = z;
        FloatVector c70 = z;
        int a0 = aIdx, a1 = aIdx + 1 * lda, a2 = aIdx + 2 * lda, a3 = aIdx + 3 * lda, a4 = aIdx + 4 * lda, a5 = aIdx + 5 * lda, a6 = aIdx + 6 * lda, a7 = aIdx + 7 * lda;
        for (int p = 0; p < kc; p++) {
            int bi = bIdx + p * VL;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector av;
            av = FloatVector.broadcast(S, a[a0 + p]);
            c00 = av.fma(b0, c00);
            av = FloatVector.broadcast(S, a[a1 + p]);
            c10 = av.fma(b0, c10);
            av = FloatVector.broadcast(S, a[a2 + p]);
            c20 = av.fma(b0, c20);
            av = FloatVector.broadcast(S, a[a3 + p]);
            c30 = av.fma(b0, c30);
            av = FloatVector.broadcast(S, a[a4 + p]);
            c40 = av.fma(b0, c40);
            av = FloatVector.broadcast(S, a[a5 + p]);
            c50 = av.fma(b0, c50);
            av = FloatVector.broadcast(S, a[a6 + p]);
            c60 = av.fma(b0, c60);
            av = FloatVector.broadcast(S, a[a7 + p]);
            c70 = av.fma(b0, c70);
        }
        int r0 = cIdx, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
        c00.intoArray(c, r0);
        c10.intoArray(c, r1);
        c20.intoArray(c, r2);
        c30.intoArray(c, r3);
        c40.intoArray(c, r4);
        c50.intoArray(c, r5);
        c60.intoArray(c, r6);
        c70.intoArray(c, r7);
    }

    /** {@link #k8x1N} with A transposed in place. */
    private static void k8x1T(int kc, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] c, int cIdx,
            int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z;
        FloatVector c10 = z;
        FloatVector c20 = z;
        FloatVector c30 = z;
        FloatVector c40 = z;
        FloatVector c50 = z;
        FloatVector c60 = z;
        FloatVector c70 = z;
        for (int p = 0, ai = aIdx; p < kc; p++, ai += lda) {
            int bi = bIdx + p * VL;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector av;
            av = FloatVector.broadcast(S, a[ai]);
            c00 = av.fma(b0, c00);
            av = FloatVector.broadcast(S, a[ai + 1]);
            c10 = av.fma(b0, c10);
            av = FloatVector.broadcast(S, a[ai + 2]);
            c20 = av.fma(b0, c20);
            av = FloatVector.broadcast(S, a[ai + 3]);
            c30 = av.fma(b0, c30);
            av = FloatVector.broadcast(S, a[ai + 4]);
            c40 = av.fma(b0, c40);
            av = FloatVector.broadcast(S, a[ai + 5]);
            c50 = av.fma(b0, c50);
            av = FloatVector.broadcast(S, a[ai + 6]);
            c60 = av.fma(b0, c60);
            av = FloatVector.broadcast(S, a[ai + 7]);
            c70 = av.fma(b0, c70);
        }
        int r0 = cIdx, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
        c00.intoArray(c, r0);
        c10.intoArray(c, r1);
        c20.intoArray(c, r2);
        c30.intoArray(c, r3);
        c40.intoArray(c, r4);
        c50.intoArray(c, r5);
        c60.intoArray(c, r6);
        c70.intoArray(c, r7);
    }

    // ---------------------------------------------------------------------------------------------------
    // Direct (unpacked) path for small products

    /**
     * {@code C (+)= op(A)·B} reading B's rows in place (no transB): 4 rows × 2 vectors per block, then
     * narrower blocks for the edges. op(A)[i][p] is {@code a[aOff + i*aRow + p*aCol]}.
     */
    private static void directAxpy(boolean transA, int m, int n, int k, float[] a, int aOff, int lda,
                                   float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
                                   boolean accumulate) {
        int aRow = transA ? 1 : lda, aCol = transA ? lda : 1;
        if (!accumulate) {
            // Clear C once so that every kernel below only adds: a branch on "add" inside them costs speed.
            for (int r = 0; r < m; r++) {
                java.util.Arrays.fill(c, cOff + r * ldc, cOff + r * ldc + n, 0f);
            }
        }
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int aBase = aOff + i * aRow, cBase = cOff + i * ldc;
            int j = 0;
            for (; j + NR <= n; j += NR) {
                axpy4x2(k, a, aBase, aRow, aCol, b, bOff + j, ldb, c, cBase + j, ldc);
            }
            for (; j < n; j += VL) {
                for (int r = 0; r < 4; r++) {
                    axpy1x1(k, Math.min(VL, n - j), a, aBase + r * aRow, aCol, b, bOff + j, ldb,
                            c, cBase + r * ldc + j);
                }
            }
        }
        for (; i < m; i++) {
            int aBase = aOff + i * aRow, cBase = cOff + i * ldc;
            int j = 0;
            // One row (batch-1 inference): several columns' chains in flight, so that FMA latency does not bound it.
            for (; j + 8 * VL <= n; j += 8 * VL) {
                axpy1x8(k, a, aBase, aCol, b, bOff + j, ldb, c, cBase + j);
            }
            for (; j + 2 * VL <= n; j += 2 * VL) {
                axpy1x2(k, a, aBase, aCol, b, bOff + j, ldb, c, cBase + j);
            }
            for (; j < n; j += VL) {
                axpy1x1(k, Math.min(VL, n - j), a, aBase, aCol, b, bOff + j, ldb, c, cBase + j);
            }
        }
    }

    /** One row of C, 8 full vectors of columns: 8 independent FMA chains (each column summed in order of p). */
    private static void axpy1x8(int k, float[] a, int aBase, int aCol, float[] b, int bBase, int ldb,
                                float[] c, int cIdx) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        for (int p = 0; p < k; p++) {
            int bi = bBase + p * ldb;
            FloatVector av = FloatVector.broadcast(S, a[aBase + p * aCol]);
            c0 = av.fma(FloatVector.fromArray(S, b, bi), c0);
            c1 = av.fma(FloatVector.fromArray(S, b, bi + VL), c1);
            c2 = av.fma(FloatVector.fromArray(S, b, bi + 2 * VL), c2);
            c3 = av.fma(FloatVector.fromArray(S, b, bi + 3 * VL), c3);
            c4 = av.fma(FloatVector.fromArray(S, b, bi + 4 * VL), c4);
            c5 = av.fma(FloatVector.fromArray(S, b, bi + 5 * VL), c5);
            c6 = av.fma(FloatVector.fromArray(S, b, bi + 6 * VL), c6);
            c7 = av.fma(FloatVector.fromArray(S, b, bi + 7 * VL), c7);
        }
        c0.add(FloatVector.fromArray(S, c, cIdx)).intoArray(c, cIdx);
        c1.add(FloatVector.fromArray(S, c, cIdx + VL)).intoArray(c, cIdx + VL);
        c2.add(FloatVector.fromArray(S, c, cIdx + 2 * VL)).intoArray(c, cIdx + 2 * VL);
        c3.add(FloatVector.fromArray(S, c, cIdx + 3 * VL)).intoArray(c, cIdx + 3 * VL);
        c4.add(FloatVector.fromArray(S, c, cIdx + 4 * VL)).intoArray(c, cIdx + 4 * VL);
        c5.add(FloatVector.fromArray(S, c, cIdx + 5 * VL)).intoArray(c, cIdx + 5 * VL);
        c6.add(FloatVector.fromArray(S, c, cIdx + 6 * VL)).intoArray(c, cIdx + 6 * VL);
        c7.add(FloatVector.fromArray(S, c, cIdx + 7 * VL)).intoArray(c, cIdx + 7 * VL);
    }

    /** One row of C, 2 full vectors of columns: 2 independent FMA chains. */
    private static void axpy1x2(int k, float[] a, int aBase, int aCol, float[] b, int bBase, int ldb,
                                float[] c, int cIdx) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0;
        for (int p = 0; p < k; p++) {
            int bi = bBase + p * ldb;
            FloatVector av = FloatVector.broadcast(S, a[aBase + p * aCol]);
            c0 = av.fma(FloatVector.fromArray(S, b, bi), c0);
            c1 = av.fma(FloatVector.fromArray(S, b, bi + VL), c1);
        }
        c0.add(FloatVector.fromArray(S, c, cIdx)).intoArray(c, cIdx);
        c1.add(FloatVector.fromArray(S, c, cIdx + VL)).intoArray(c, cIdx + VL);
    }

    private static void axpy4x2(int k, float[] a, int aBase, int aRow, int aCol, float[] b, int bBase, int ldb,
                                float[] c, int cIdx, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        int a0 = aBase, a1 = aBase + aRow, a2 = aBase + 2 * aRow, a3 = aBase + 3 * aRow;
        for (int p = 0; p < k; p++) {
            int bi = bBase + p * ldb, ai = p * aCol;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + VL);
            FloatVector av = FloatVector.broadcast(S, a[a0 + ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[a1 + ai]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[a2 + ai]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[a3 + ai]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
        }
        int r0 = cIdx, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
        c00.add(FloatVector.fromArray(S, c, r0)).intoArray(c, r0);
        c01.add(FloatVector.fromArray(S, c, r0 + VL)).intoArray(c, r0 + VL);
        c10.add(FloatVector.fromArray(S, c, r1)).intoArray(c, r1);
        c11.add(FloatVector.fromArray(S, c, r1 + VL)).intoArray(c, r1 + VL);
        c20.add(FloatVector.fromArray(S, c, r2)).intoArray(c, r2);
        c21.add(FloatVector.fromArray(S, c, r2 + VL)).intoArray(c, r2 + VL);
        c30.add(FloatVector.fromArray(S, c, r3)).intoArray(c, r3);
        c31.add(FloatVector.fromArray(S, c, r3 + VL)).intoArray(c, r3 + VL);
    }

    /**
     * One row of C, {@code cols ≤ VL} columns. A partial vector is loaded as a full one only where the
     * whole vector lies inside the array (values past {@code cols} are then ignored); otherwise lanes are
     * gathered one by one. It is written lane by lane: a masked store would read-modify-write neighbouring
     * columns, which another thread may own.
     */
    private static void axpy1x1(int k, int cols, float[] a, int aBase, int aCol, float[] b, int bBase, int ldb,
                                float[] c, int cIdx) {
        FloatVector acc = FloatVector.zero(S);
        if (cols == VL) {
            for (int p = 0; p < k; p++) {
                acc = FloatVector.broadcast(S, a[aBase + p * aCol]).fma(FloatVector.fromArray(S, b, bBase + p * ldb),
                        acc);
            }
            acc.add(FloatVector.fromArray(S, c, cIdx)).intoArray(c, cIdx);
            return;
        }
        float[] row = SCRATCH.get().row;
        int p = 0;
        // Rows whose full vector stays inside b: plain loads (the extra lanes are finite or not, but unused).
        int safeRows = bBase + VL > b.length ? 0 : ldb <= 0 ? k : Math.min(k, (b.length - VL - bBase) / ldb + 1);
        for (; p < safeRows; p++) {
            acc = FloatVector.broadcast(S, a[aBase + p * aCol]).fma(FloatVector.fromArray(S, b, bBase + p * ldb),
                    acc);
        }
        for (; p < k; p++) {
            int bi = bBase + p * ldb;
            for (int j = 0; j < cols; j++) {
                row[j] = b[bi + j];
            }
            for (int j = cols; j < VL; j++) {
                row[j] = 0f;
            }
            acc = FloatVector.broadcast(S, a[aBase + p * aCol]).fma(FloatVector.fromArray(S, row, 0), acc);
        }
        acc.intoArray(row, 0);
        for (int j = 0; j < cols; j++) {
            c[cIdx + j] += row[j];
        }
    }

    /**
     * {@code C (+)= A·Bᵀ} for small products with A not transposed: every entry is a dot product of two
     * contiguous rows, vectorised along k, 2 × 2 entries at a time.
     */
    private static void directDot(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, int ldc, boolean accumulate) {
        int kv = k - k % VL;
        int i = 0;
        for (; i + 2 <= m; i += 2) {
            int a0 = aOff + i * lda, a1 = a0 + lda;
            int c0 = cOff + i * ldc, c1 = c0 + ldc;
            int j = 0;
            for (; j + 2 <= n; j += 2) {
                int b0 = bOff + j * ldb, b1 = b0 + ldb;
                FloatVector s00 = FloatVector.zero(S), s01 = FloatVector.zero(S);
                FloatVector s10 = FloatVector.zero(S), s11 = FloatVector.zero(S);
                for (int p = 0; p < kv; p += VL) {
                    FloatVector x0 = FloatVector.fromArray(S, a, a0 + p);
                    FloatVector x1 = FloatVector.fromArray(S, a, a1 + p);
                    FloatVector y0 = FloatVector.fromArray(S, b, b0 + p);
                    FloatVector y1 = FloatVector.fromArray(S, b, b1 + p);
                    s00 = x0.fma(y0, s00);
                    s01 = x0.fma(y1, s01);
                    s10 = x1.fma(y0, s10);
                    s11 = x1.fma(y1, s11);
                }
                float d00 = s00.reduceLanes(VectorOperators.ADD), d01 = s01.reduceLanes(VectorOperators.ADD);
                float d10 = s10.reduceLanes(VectorOperators.ADD), d11 = s11.reduceLanes(VectorOperators.ADD);
                for (int p = kv; p < k; p++) {
                    float x0 = a[a0 + p], x1 = a[a1 + p], y0 = b[b0 + p], y1 = b[b1 + p];
                    d00 += x0 * y0;
                    d01 += x0 * y1;
                    d10 += x1 * y0;
                    d11 += x1 * y1;
                }
                put(c, c0 + j, d00, accumulate);
                put(c, c0 + j + 1, d01, accumulate);
                put(c, c1 + j, d10, accumulate);
                put(c, c1 + j + 1, d11, accumulate);
            }
            if (j < n) {
                int b0 = bOff + j * ldb;
                put(c, c0 + j, dot(k, kv, a, a0, b, b0), accumulate);
                put(c, c1 + j, dot(k, kv, a, a1, b, b0), accumulate);
            }
        }
        if (i < m) {
            int a0 = aOff + i * lda, c0 = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                put(c, c0 + j, dot(k, kv, a, a0, b, bOff + j * ldb), accumulate);
            }
        }
    }

    private static float dot(int k, int kv, float[] a, int a0, float[] b, int b0) {
        FloatVector s = FloatVector.zero(S);
        for (int p = 0; p < kv; p += VL) {
            s = FloatVector.fromArray(S, a, a0 + p).fma(FloatVector.fromArray(S, b, b0 + p), s);
        }
        float d = s.reduceLanes(VectorOperators.ADD);
        for (int p = kv; p < k; p++) {
            d += a[a0 + p] * b[b0 + p];
        }
        return d;
    }

    private static void put(float[] c, int idx, float v, boolean add) {
        c[idx] = add ? c[idx] + v : v;
    }
}
