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
 * <pre>{@code
 * double one = FmaProbe.gflops(1, 0.5);                                        // one core
 * double all = FmaProbe.gflops(Runtime.getRuntime().availableProcessors(), 0.5);
 * }</pre>
 */
public final class FmaProbe {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** FMAs per chain between clock reads. */
    private static final int INNER = 1 << 10;

    private static volatile boolean warmed;

    private FmaProbe() {}

    /** Vector lanes per FMA of the species in use. */
    public static int lanes() {
        return S.length();
    }

    /**
     * GFLOP/s of {@code threads} threads running FMAs at once for about {@code seconds} (after at least a second
     * of warm-up), summed over the threads.
     */
    public static double gflops(int threads, double seconds) {
        if (threads < 1 || !(seconds > 0)) {
            throw new IllegalArgumentException("FmaProbe needs threads >= 1 and seconds > 0; received threads="
                    + threads + ", seconds=" + seconds + ".");
        }
        if (!warmed) {
            warmUp();
            warmed = true;
        }
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
                perThread[id] = spin((long) (seconds * 1e9));
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
     * Runs the loop until C2 has compiled it, once per JVM: 250 ms slices until the rate has stopped improving
     * (two slices in a row within 10 % of the best), at least 4 and at most 40 slices. On a loaded machine the
     * compiler itself may wait seconds for a core, so a fixed warm-up time is not enough.
     */
    private static void warmUp() {
        double best = 0;
        int close = 0;
        for (int i = 0; i < 40 && (i < 4 || close < 2); i++) {
            double r = spin(250_000_000L);
            close = r >= 0.9 * best ? close + 1 : 0;
            best = Math.max(best, r);
        }
    }

    /** Runs FMAs on the calling thread for {@code nanos}; returns its GFLOP/s. */
    static double spin(long nanos) {
        long fmas = 0;
        float sink = 0;
        long t0 = System.nanoTime(), end = t0 + nanos, now;
        do {
            sink += burst(sink);
            fmas += 12L * INNER;
            now = System.nanoTime();
        } while (now < end);
        if (Float.isNaN(sink)) {
            throw new IllegalStateException("FMA probe produced NaN");
        }
        return fmas * 2.0 * S.length() / (now - t0);
    }

    /**
     * {@code 12·INNER} vector FMAs in 12 independent chains. A short method called many times, so that C2
     * compiles it whole and keeps the vectors in registers (a long loop only reached by on-stack replacement
     * may box them).
     */
    private static float burst(float seed) {
        FloatVector m = FloatVector.broadcast(S, 0.999999f), c = FloatVector.broadcast(S, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(S, 1f + seed * 1e-30f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0,
                a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int i = 0; i < INNER; i++) {
            a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
            a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
            a8 = a8.fma(m, c); a9 = a9.fma(m, c); a10 = a10.fma(m, c); a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD) * 1e-30f;
    }
}
