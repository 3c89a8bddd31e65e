package org.jkeras.bench;

import java.util.Arrays;
import java.util.Locale;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.EvaluateOptions;
import org.jkeras.training.Trainer;

/**
 * The predict figures of {@code bench fit}, {@code bench predict} and {@code bench compare}, measured as the
 * PyTorch peer measures them: samples/s of {@code predict} at batch 1024 over the given rows, and the latency of
 * one-row forward passes ({@code predictOnBatch}, 2000 calls after at least a second of warm-up calls) at p50 and p99.
 *
 * <pre>{@code
 * PredictSpeed.Figures f = PredictSpeed.measure(model, xTest);
 * System.out.println(f.samplesPerSecond1024() + " samples/s, p50 " + f.p50Micros() + " µs");
 * }</pre>
 */
public final class PredictSpeed {
    /** Least warm-up of the one-row path. */
    private static final long WARM_NANOS = 1_500_000_000L;

    private PredictSpeed() {}

    /** Batch-1024 throughput and batch-1 latency percentiles. */
    public static final class Figures {
        private final double samplesPerSecond1024, p50Micros, p99Micros;

        Figures(double samplesPerSecond1024, double p50Micros, double p99Micros) {
            this.samplesPerSecond1024 = samplesPerSecond1024;
            this.p50Micros = p50Micros;
            this.p99Micros = p99Micros;
        }

        public double samplesPerSecond1024() {
            return samplesPerSecond1024;
        }

        public double p50Micros() {
            return p50Micros;
        }

        public double p99Micros() {
            return p99Micros;
        }

        /** Prints the figures as {@code RESULT} lines with the peers' metric names. */
        public void print(String workload) {
            line(workload, "predict_samples_per_s_batch1024", samplesPerSecond1024);
            line(workload, "predict_latency_us_batch1_p50", p50Micros);
            line(workload, "predict_latency_us_batch1_p99", p99Micros);
        }
    }

    /** Measures {@code model} on {@code x} (rows on axis 0, at least 1024 of them for the batch figure). */
    public static Figures measure(Trainer model, Tensor x) {
        EvaluateOptions o = EvaluateOptions.defaults().batchSize(1024).verbose(0);
        model.predict(x, o); // warm-up
        int reps = 3;
        long t0 = System.nanoTime();
        for (int r = 0; r < reps; r++) {
            model.predict(x, o);
        }
        double rate = reps * (double) x.dim(0) / ((System.nanoTime() - t0) / 1e9);
        int rows = x.dim(0);
        Tensor[] one = new Tensor[Math.min(rows, 2000)];
        for (int i = 0; i < one.length; i++) {
            one[i] = x.slice(i, i + 1);
        }
        // Warm-up until the JIT has compiled the one-row path (at least WARM_NANOS and 2000 calls): the figure is
        // a long-running process's steady state, as the peer's is (PyTorch has nothing to compile).
        long warmEnd = System.nanoTime() + WARM_NANOS;
        for (int i = 0; i < 2000 || System.nanoTime() < warmEnd; i++) {
            model.predictOnBatch(one[i % one.length]);
        }
        long[] lat = new long[2000];
        for (int i = 0; i < lat.length; i++) {
            Tensor row = one[i % one.length];
            long s = System.nanoTime();
            model.predictOnBatch(row);
            lat[i] = System.nanoTime() - s;
        }
        Arrays.sort(lat);
        return new Figures(rate, lat[lat.length / 2] / 1e3, lat[(int) (lat.length * 0.99)] / 1e3);
    }

    static void line(String workload, String metric, double value) {
        System.out.printf(Locale.ROOT, "RESULT workload=%s metric=%s value=%.4f%n", workload, metric, value);
    }
}
