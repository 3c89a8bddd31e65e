package org.jkeras.bench;

import java.util.Locale;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.jkeras.tensor.ComputePool;

/**
 * Measures the machine's single-precision FMA peak as the JVM sees it: every pool thread runs 8 independent
 * chains of {@code FloatVector.fma} on the preferred vector width (registers only, no memory traffic), and the
 * best of a few rounds is reported in GFLOP/s (2 flops per lane per FMA). The figure a benchmark's FLOP rate is
 * divided by to give its share of the arithmetic limit.
 *
 * <pre>{@code
 * double peak = FmaPeak.measure(ComputePool.threads());   // e.g. ~430 GFLOP/s on 2 AVX-512 cores
 * }</pre>
 */
public final class FmaPeak {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private FmaPeak() {}

    /** GFLOP/s of {@code threads} threads running FMA chains at once (best of 5 rounds of ~0.2 s). */
    public static double measure(int threads) {
        long iters = 20_000_000L;
        chains(iters / 10); // warm-up and JIT
        double best = 0;
        for (int round = 0; round < 5; round++) {
            float[] sink = new float[threads];
            long t0 = System.nanoTime();
            ComputePool.parallelFor(0, threads, 1, (from, to) -> {
                for (int t = from; t < to; t++) {
                    sink[t] = chains(iters);
                }
            });
            double s = (System.nanoTime() - t0) / 1e9;
            double flops = 2.0 * 8 * S.length() * iters * threads;
            best = Math.max(best, flops / s / 1e9);
            if (sink[0] == 42f) {
                System.out.print("");
            }
        }
        return best;
    }

    private static float chains(long iters) {
        FloatVector a = FloatVector.broadcast(S, 0.999f), b = FloatVector.broadcast(S, 1e-7f);
        FloatVector c0 = FloatVector.broadcast(S, 1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        for (long i = 0; i < iters; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    public static void main(String[] args) {
        int threads = ComputePool.threads();
        System.out.printf(Locale.ROOT, "RESULT workload=fma metric=fma_peak_gflops_%d_threads value=%.1f%n", threads,
                measure(threads));
    }
}
