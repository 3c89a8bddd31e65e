package org.jkeras.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jkeras.tensor.ComputePool;
import org.jkeras.tensor.Gemm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH timing of {@link Gemm#sgemm} ({@code C = A·B}, no transposes) per call.
 *
 * <p>{@code shape} is written {@code m×k×n}: {@code A} is {@code m×k}, {@code B} is {@code k×n}, {@code C} is
 * {@code m×n}; it does {@code 2·m·k·n} flops. The shapes: 1024³ and 512³ (square reference points),
 * 128×784×512 (a batch of 128 through a 784→512 dense layer) and 21632×288×64 (an im2col convolution).
 *
 * <p>The pool size is fixed when {@code ComputePool} loads, so the two thread counts are two benchmark
 * methods whose forks start with {@code -Djkeras.threads=1} or {@code =2}; the state checks that the fork
 * really got that many threads. Convert to GFLOP/s with {@code 2·m·k·n / time}.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -jar jkeras-bench.jar jmh GemmBenchmark
 * java --add-modules jdk.incubator.vector -jar jkeras-bench.jar jmh GemmBenchmark -p shape=1024x1024x1024 -f 1
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {
    @Param({"1024x1024x1024", "512x512x512", "128x784x512", "21632x288x64"})
    public String shape;

    private int m, k, n;
    private float[] a, b, c;

    @Setup
    public void setup() {
        String[] d = shape.split("x");
        m = Integer.parseInt(d[0]);
        k = Integer.parseInt(d[1]);
        n = Integer.parseInt(d[2]);
        SplittableRandom r = new SplittableRandom(1);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextDouble(-1, 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextDouble(-1, 1);
        }
        int want = Integer.getInteger("jkeras.threads", -1);
        if (want > 0 && ComputePool.threads() != want) {
            throw new IllegalStateException("pool has " + ComputePool.threads() + " threads, fork asked for " + want);
        }
        if (!Gemm.isVectorized()) {
            throw new IllegalStateException("run with --add-modules jdk.incubator.vector");
        }
    }

    /** One call on a pool of one thread (the caller). */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Djkeras.threads=1"})
    public float threads1() {
        Gemm.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
        return c[0];
    }

    /** One call on a pool of two threads. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Djkeras.threads=2"})
    public float threads2() {
        Gemm.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
        return c[0];
    }
}
