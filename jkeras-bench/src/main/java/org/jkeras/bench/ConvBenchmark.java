package org.jkeras.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jkeras.tensor.ConvGeometry;
import org.jkeras.tensor.ConvKernels;
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
 * JMH timing of the convolution kernels ({@link ConvKernels}) on benchmark B's two convolutions at batch 128:
 * {@code conv1} is 28×28×1 → 3×3, 32 filters (im2col 86528×9, a thin product), {@code conv2} is 13×13×32 →
 * 3×3, 64 filters (im2col 15488×288). Each part of a training step is its own method, so the share of the
 * unfolding ({@code im2col}, {@code col2im}) against the products ({@code forward} minus {@code im2col}) shows.
 * FLOPs per call: forward and each gradient {@code 2·rows·cols·filters}.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -jar jkeras-bench.jar jmh ConvBenchmark -f 1 -wi 2 -i 3
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvBenchmark {
    @Param({"conv1", "conv2"})
    public String layer;

    private ConvGeometry g;
    private float[] x, w, col, y, dy, dw, dcol, dx;

    @Setup
    public void setup() {
        boolean first = layer.equals("conv1");
        int[] shape = first ? new int[] {128, 28, 28, 1} : new int[] {128, 13, 13, 32};
        int filters = first ? 32 : 64;
        g = ConvGeometry.of(shape, new int[] {3, 3}, new int[] {1, 1}, "valid", new int[] {1, 1}, 1, filters);
        SplittableRandom r = new SplittableRandom(1);
        x = fill(r, 128 * shape[1] * shape[2] * shape[3]);
        w = fill(r, g.cols() * filters);
        col = new float[g.rows() * g.cols()];
        dcol = new float[col.length];
        y = new float[g.rows() * filters];
        dy = fill(r, y.length);
        dw = new float[w.length];
        dx = new float[x.length];
        if (!Gemm.isVectorized()) {
            throw new IllegalStateException("run with --add-modules jdk.incubator.vector");
        }
        ConvKernels.im2col(g, x, 0, col);
    }

    private static float[] fill(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble(-1, 1);
        }
        return a;
    }

    /** Unfolding plus the product: the im2col forward. */
    @Benchmark
    public float forward() {
        ConvKernels.forward(g, x, 0, w, 0, col, y);
        return y[0];
    }

    /** The unfolding alone. */
    @Benchmark
    public float im2col() {
        ConvKernels.im2col(g, x, 0, col);
        return col[0];
    }

    /** The kernel gradient {@code colᵀ·dy} (the unfolded input is kept from the forward). */
    @Benchmark
    public float kernelGrad() {
        ConvKernels.kernelGrad(g, x, 0, col, dy, 0, dw);
        return dw[0];
    }

    /** The input gradient: {@code dy·Wᵀ} then folding (col2im). */
    @Benchmark
    public float inputGrad() {
        ConvKernels.inputGrad(g, dy, 0, w, 0, dcol, dx);
        return dx[0];
    }

    /** The folding alone. */
    @Benchmark
    public float col2im() {
        ConvKernels.col2im(g, dcol, dx);
        return dx[0];
    }
}
