package org.jkeras.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's float FMA peak as the JVM reaches it: each thread runs independent chains of vector fused
 * multiply-adds ({@code FloatVector.fma}, the preferred species: 16 lanes on AVX-512) with enough chains in
 * flight to hide the FMA latency, counting 2 flops per lane per FMA. It is the ceiling the GEMM kernels work
 * against, so a benchmark's useful GFLOP/s divided by it is its share of the machine.
 *
 * <p>Three kernels (8, 12 and 16 chains) are called through one interface from three receiver classes, so C2
 * never inlines them into the timing loop: inlined into it (on-stack replacement of a long-running loop), the
 * same chains ran at 70 GFLOP/s per core where the stand-alone method runs 114 (JDK 17, Zen 4). The probe warms
 * all three until C2 has compiled them (the best rate stops improving), keeps the fastest, and reports the best
 * 100 ms slice of each thread: other processes' load only ever lowers a slice.
 *
 * <pre>{@code
 * double one = FmaProbe.gflops(1, 0.5);                                        // one core
 * double all = FmaProbe.gflops(Runtime.getRuntime().availableProcessors(), 0.5);
 * }</pre>
 */
public final class FmaProbe {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** FMAs per kernel call, in chunks of {@code INNER} per chain of the 12-chain kernel. */
    private static final int CHAINS = 12, INNER = 1 << 10;
    /** Length of one timed slice. */
    private static final long SLICE_NANOS = 100_000_000L;

    /** One FMA kernel: runs {@code CHAINS·INNER} vector FMAs and returns a value that depends on all of them. */
    private interface Kernel {
        float run(float seed);
    }

    private static final Kernel[] KERNELS = {FmaProbe::chains8, FmaProbe::chains12, FmaProbe::chains16};

    /** The fastest kernel after warm-up; null until then. */
    private static volatile Kernel best;

    private FmaProbe() {}

    /** Vector lanes per FMA of the species in use. */
    public static int lanes() {
        return S.length();
    }

    /**
     * GFLOP/s of {@code threads} threads running FMAs at once for about {@code seconds} (after the warm-up, once
     * per JVM), summed over the threads; each thread's figure is its best 100 ms slice.
     */
    public static double gflops(int threads, double seconds) {
        if (threads < 1 || !(seconds > 0)) {
            throw new IllegalArgumentException("FmaProbe needs threads >= 1 and seconds > 0; received threads="
                    + threads + ", seconds=" + seconds + ".");
        }
        Kernel k = best;
        if (k == null) {
            k = warmUp();
            best = k;
        }
        Kernel kernel = k;
        long slices = Math.max(1, Math.round(seconds * 1e9 / SLICE_NANOS));
        CyclicBarrier start = new CyclicBarrier(threads);
        double[] perThread = new double[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                double top = 0;
                for (long s = 0; s < slices; s++) {
                    top = Math.max(top, spin(kernel, SLICE_NANOS));
                }
                perThread[id] = top;
            }, "jkeras-fma-probe-" + t);
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
        double sum = 0;
        for (int t = 0; t < threads; t++) {
            try {
                workers.get(t).join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the FMA probe", e);
            }
            sum += perThread[t];
        }
        return sum;
    }

    /**
     * Runs every kernel in turn, one slice each, until C2 has compiled them: rounds until the best rate has
     * stopped improving (two rounds in a row within 3 % of the best so far), at least 4 and at most 40 rounds. On
     * a loaded machine the compiler itself may wait seconds for a core, so a fixed warm-up time is not enough.
     * Returns the kernel with the best rate.
     */
    private static Kernel warmUp() {
        double top = 0;
        Kernel fastest = KERNELS[0];
        int close = 0;
        for (int round = 0; round < 40 && (round < 4 || close < 2); round++) {
            double roundBest = 0;
            for (Kernel k : KERNELS) {
                double r = spin(k, SLICE_NANOS);
                if (r > top) {
                    fastest = k;
                }
                roundBest = Math.max(roundBest, r);
                top = Math.max(top, r);
            }
            close = roundBest >= 0.97 * top ? close + 1 : 0;
        }
        return fastest;
    }

    /** Runs {@code k} on the calling thread for {@code nanos}; returns its GFLOP/s. */
    static double spin(Kernel k, long nanos) {
        long fmas = 0;
        float sink = 0;
        long t0 = System.nanoTime(), end = t0 + nanos, now;
        do {
            sink += k.run(sink);
            fmas += (long) CHAINS * INNER;
            now = System.nanoTime();
        } while (now < end);
        if (Float.isNaN(sink)) {
            throw new IllegalStateException("FMA probe produced NaN");
        }
        return fmas * 2.0 * S.length() / (now - t0);
    }

    /** {@code CHAINS·INNER} vector FMAs in 8 independent chains. */
    private static float chains8(float seed) {
        FloatVector m = FloatVector.broadcast(S, 0.999999f), c = FloatVector.broadcast(S, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(S, 1f + seed * 1e-30f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int i = 0; i < CHAINS * INNER / 8; i++) {
                a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
                a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7)
                .reduceLanes(VectorOperators.ADD) * 1e-30f;
    }

    /** {@code CHAINS·INNER} vector FMAs in 12 independent chains. */
    private static float chains12(float seed) {
        FloatVector m = FloatVector.broadcast(S, 0.999999f), c = FloatVector.broadcast(S, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(S, 1f + seed * 1e-30f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int i = 0; i < CHAINS * INNER / 12; i++) {
                a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
                a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
                a8 = a8.fma(m, c); a9 = a9.fma(m, c); a10 = a10.fma(m, c); a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD) * 1e-30f;
    }

    /** {@code CHAINS·INNER} vector FMAs in 16 independent chains. */
    private static float chains16(float seed) {
        FloatVector m = FloatVector.broadcast(S, 0.999999f), c = FloatVector.broadcast(S, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(S, 1f + seed * 1e-30f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0, a12 = a0, a13 = a0, a14 = a0, a15 = a0;
        for (int i = 0; i < CHAINS * INNER / 16; i++) {
                a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
                a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
                a8 = a8.fma(m, c); a9 = a9.fma(m, c); a10 = a10.fma(m, c); a11 = a11.fma(m, c);
                a12 = a12.fma(m, c); a13 = a13.fma(m, c); a14 = a14.fma(m, c); a15 = a15.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).add(a12).add(a13).add(a14).add(a15)
                .reduceLanes(VectorOperators.ADD) * 1e-30f;
    }
}
