package org.jkeras.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.jkeras.tensor.ComputePool;
import org.jkeras.tensor.Gemm;

/**
 * Quick GEMM throughput figures without JMH: for each shape, warm up, then time single calls for a fixed
 * wall-clock budget and report the median (and the best) in GFLOP/s, counting {@code 2·m·k·n} flops.
 *
 * <p>Shapes are written {@code m×k×n}: {@code A} is {@code m×k}, {@code B} is {@code k×n}, {@code C} is
 * {@code m×n}. The defaults are 1024×1024×1024, 512×512×512, 128×784×512 (a batch of 128 through a
 * 784→512 dense layer) and 21632×288×64 (an im2col convolution: 32 images of 26×26 positions, 3×3×32
 * patches, 64 filters).
 *
 * <p>The thread count of the compute pool is fixed when {@code ComputePool} loads (system property
 * {@code jkeras.threads}), so each thread count is measured in its own child JVM started with
 * {@code -Djkeras.threads=N}; the child checks that the pool really has N threads before it reports.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -jar jkeras-bench.jar gemm
 * java --add-modules jdk.incubator.vector -jar jkeras-bench.jar gemm --threads 2 --shapes 1024x1024x1024
 * }</pre>
 * Output lines look like {@code RESULT gemm=1024x1024x1024 threads=1 metric=gflops value=183.2}.
 */
public final class GemmMain {
    private static final String[] DEFAULT_SHAPES = {"1024x1024x1024", "512x512x512", "128x784x512", "21632x288x64"};

    private GemmMain() {}

    /**
     * Options: {@code --threads 1,2} (thread counts, one child JVM each), {@code --shapes MxKxN,...},
     * {@code --seconds S} (timed budget per shape, default 2), {@code --inline} (measure in this JVM with the
     * pool it already has, no child).
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        List<String> threads = List.of("1", "2");
        List<String> shapes = List.of(DEFAULT_SHAPES);
        double seconds = 2.0;
        boolean inline = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads":
                    threads = List.of(args[++i].split(","));
                    break;
                case "--shapes":
                    shapes = List.of(args[++i].split(","));
                    break;
                case "--seconds":
                    seconds = Double.parseDouble(args[++i]);
                    break;
                case "--inline":
                    inline = true;
                    break;
                default:
                    System.err.println("usage: gemm [--threads 1,2] [--shapes MxKxN,...] [--seconds S] [--inline]");
                    System.exit(2);
            }
        }
        if (inline) {
            measureAll(shapes, seconds, Integer.getInteger("jkeras.threads", -1));
            return;
        }
        System.out.println("# java " + Runtime.version() + ", vectorized=" + Gemm.isVectorized()
                + ", shapes are m x k x n, value = median GFLOP/s");
        for (String t : threads) {
            runChild(Integer.parseInt(t.trim()), shapes, seconds);
        }
    }

    /** Re-runs this class in a fresh JVM whose pool has {@code threads} threads, relaying its output. */
    private static void runChild(int threads, List<String> shapes, double seconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Gemm.isVectorized()) {
            cmd.add("--add-modules");
            cmd.add("jdk.incubator.vector");
        }
        cmd.addAll(Arrays.asList("-Djkeras.threads=" + threads, "-cp", System.getProperty("java.class.path"),
                GemmMain.class.getName(), "--inline", "--shapes", String.join(",", shapes),
                "--seconds", Double.toString(seconds)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("WARNING: Using incubator modules")) {
                    System.out.println(line);
                }
            }
        }
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IllegalStateException("gemm child JVM for threads=" + threads + " exited with " + rc);
        }
    }

    private static void measureAll(List<String> shapes, double seconds, int expectedThreads) {
        int threads = ComputePool.threads();
        if (expectedThreads > 0 && threads != expectedThreads) {
            throw new IllegalStateException("pool has " + threads + " threads, asked for " + expectedThreads);
        }
        for (String shape : shapes) {
            String[] d = shape.trim().toLowerCase(Locale.ROOT).split("x");
            int m = Integer.parseInt(d[0]), k = Integer.parseInt(d[1]), n = Integer.parseInt(d[2]);
            double[] r = measure(m, k, n, seconds);
            String tag = "RESULT gemm=" + m + "x" + k + "x" + n + " threads=" + threads;
            System.out.printf(Locale.ROOT, "%s metric=gflops value=%.1f%n", tag, r[0]);
            System.out.printf(Locale.ROOT, "%s metric=gflops_best value=%.1f%n", tag, r[1]);
            System.out.flush();
        }
    }

    /** Returns {median, best} GFLOP/s of {@code C = A·B} for one shape. */
    static double[] measure(int m, int k, int n, double seconds) {
        SplittableRandom rnd = new SplittableRandom(1);
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextDouble(-1, 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rnd.nextDouble(-1, 1);
        }
        double flops = 2.0 * m * n * k;
        // Warm-up: long enough for C2 to compile the kernels (and the pool threads to start).
        long warmEnd = System.nanoTime() + (long) (Math.max(0.5, seconds / 2) * 1e9);
        int warm = 0;
        while (System.nanoTime() < warmEnd || warm < 5) {
            Gemm.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
            warm++;
        }
        List<Long> times = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end || times.size() < 5) {
            long t0 = System.nanoTime();
            Gemm.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
            times.add(System.nanoTime() - t0);
        }
        long[] t = times.stream().mapToLong(Long::longValue).sorted().toArray();
        if (!Float.isFinite(c[c.length / 2])) {
            throw new IllegalStateException("non-finite result");
        }
        return new double[] {flops / t[t.length / 2], flops / t[0]};
    }
}
