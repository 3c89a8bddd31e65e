package org.jkeras.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jkeras.tensor.ComputePool;

/**
 * {@code bench limit}: the machine's float FMA peak ({@link FmaProbe}) on one core and on all of the compute
 * pool's threads, measured in the same run, alternately {@code --rounds} times; the best round of each is the
 * peak (load from other processes only ever lowers it).
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -jar jkeras-bench.jar limit --seconds 1 --rounds 3
 * }</pre>
 * Output: {@code RESULT limit=fma threads=1 metric=gflops value=...}, the same for all threads, with the median
 * beside the best.
 */
public final class LimitMain {
    private LimitMain() {}

    public static void main(String[] args) {
        double seconds = 1;
        int rounds = 3;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seconds") && i + 1 < args.length) {
                seconds = Double.parseDouble(args[++i]);
            } else if (args[i].equals("--rounds") && i + 1 < args.length) {
                rounds = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: limit [--seconds S per measurement (default 1)] [--rounds N (default 3)]");
                System.exit(2);
            }
        }
        int all = ComputePool.threads();
        System.out.printf(Locale.ROOT, "# FMA peak, %d-lane float vectors, 1 and %d threads, %d rounds, java %s%n",
                FmaProbe.lanes(), all, rounds, System.getProperty("java.version"));
        double[][] r = peaks(all, seconds, rounds);
        print(1, r[0]);
        if (all > 1) {
            print(all, r[1]);
        }
    }

    /** {best, median} GFLOP/s of 1 thread ([0]) and of {@code all} threads ([1]), measured alternately. */
    static double[][] peaks(int all, double seconds, int rounds) {
        double[] one = new double[rounds], many = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            one[i] = FmaProbe.gflops(1, seconds);
            many[i] = all > 1 ? FmaProbe.gflops(all, seconds) : one[i];
        }
        return new double[][] {bestMedian(one), bestMedian(many)};
    }

    /**
     * The best all-threads FMA GFLOP/s of {@code threads} threads, measured by {@code bench limit} in a fresh child
     * JVM started with this JVM's own options (heap, GC, compiler flags: the workload's conditions; recording and
     * agent options left out), since a JVM that has just trained may not compile the probe's loop into vector
     * code soon enough; NaN when the child fails.
     */
    static double peakInChild(int threads) {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        for (String opt : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!opt.startsWith("-XX:StartFlightRecording") && !opt.startsWith("-XX:FlightRecorder")
                    && !opt.startsWith("-agent") && !opt.startsWith("-javaagent") && !opt.startsWith("-XX:AOTCache")
                    && !opt.startsWith("-Xlog") && !opt.startsWith("-Djkeras.threads=")) {
                cmd.add(opt);
            }
        }
        if (cmd.stream().noneMatch(o -> o.contains("jdk.incubator.vector"))) {
            cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        cmd.addAll(List.of("-Djkeras.threads=" + threads, "-cp", System.getProperty("java.class.path"),
                LimitMain.class.getName(), "--seconds", "0.5", "--rounds", "3"));
        String want = "RESULT limit=fma threads=" + threads + " metric=gflops value=";
        double peak = Double.NaN;
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith(want)) {
                        peak = Double.parseDouble(line.substring(want.length()));
                    }
                }
            }
            return p.waitFor() == 0 ? peak : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    private static double[] bestMedian(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return new double[] {s[s.length - 1], s[s.length / 2]};
    }

    private static void print(int threads, double[] bm) {
        System.out.printf(Locale.ROOT, "RESULT limit=fma threads=%d metric=gflops value=%.1f%n", threads, bm[0]);
        System.out.printf(Locale.ROOT, "RESULT limit=fma threads=%d metric=gflops_median value=%.1f%n", threads, bm[1]);
    }
}
