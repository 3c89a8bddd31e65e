package org.jkeras.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code bench compare}: jkeras against its peers — the PyTorch peer ({@code peers/torch_peer.py}) and, when its
 * jar is built, the DJL peer ({@code peers/djl}) — on every workload of {@link #WORKLOADS}, interleaved in one run
 * (round by round, workload by workload, one runner after the other), each run in its own process. It prints the
 * median of each figure per runner and the ratio jkeras / peer: train samples/s (steps/s for C), test accuracy,
 * predict samples/s at batch 1024, batch-1 latency p50/p99 (lower is better) and peak RSS (lower is better),
 * which it reads itself from {@code /proc/PID/status} (VmHWM) while each process runs.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -jar jkeras-bench.jar compare --shared ../shared --epochs 3 --rounds 2
 * java --add-modules jdk.incubator.vector -jar jkeras-bench.jar compare --shared ../shared --workloads A --peers torch
 * }</pre>
 */
public final class CompareMain {
    /**
     * The workloads: name (as FitBenchmark's {@code --workload} and the peers' first argument take it) and the
     * figure that measures its training speed. A new workload is one line here once FitBenchmark and the peers
     * know it.
     */
    static final Map<String, String> WORKLOADS = new LinkedHashMap<>();

    static {
        WORKLOADS.put("A", "train_samples_per_s");
        WORKLOADS.put("B", "train_samples_per_s");
        WORKLOADS.put("C", "train_steps_per_s");
    }

    /** Figures where a smaller value is better (their ratio below 1 favours jkeras). */
    private static final List<String> LOWER_IS_BETTER = List.of("predict_latency_us_batch1_p50",
            "predict_latency_us_batch1_p99", "peak_rss_mb");

    private CompareMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Path shared = Paths.get("..", "shared");
        int epochs = 3, rounds = 2;
        List<String> workloads = new ArrayList<>(WORKLOADS.keySet());
        List<String> peers = new ArrayList<>(List.of("torch", "djl"));
        Path djlJar = null;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--shared": shared = Paths.get(v); i++; break;
                case "--epochs": epochs = Integer.parseInt(v); i++; break;
                case "--rounds": rounds = Integer.parseInt(v); i++; break;
                case "--workloads": workloads = List.of(v.toUpperCase(Locale.ROOT).split(",")); i++; break;
                case "--peers": peers = new ArrayList<>(List.of(v.split(","))); i++; break;
                case "--djl-jar": djlJar = Paths.get(v); i++; break;
                default:
                    System.err.println("usage: compare [--shared DIR (default ../shared)] [--epochs N] [--rounds N]"
                            + " [--workloads A,C] [--peers torch,djl] [--djl-jar PATH (default /tmp/djl-peer/target/djl-peer.jar)]");
                    System.exit(2);
            }
        }
        for (String w : workloads) {
            if (!WORKLOADS.containsKey(w)) {
                throw new IllegalArgumentException("--workloads: unknown workload " + w + "; known: " + WORKLOADS.keySet() + ".");
            }
        }
        Path data = shared.resolve("datasets/fashion-mnist");
        Path torch = shared.resolve("peers/torch_peer.py");
        if (!Files.exists(data.resolve("train-images-idx3-ubyte.gz"))) {
            throw new IllegalArgumentException("compare needs the full Fashion-MNIST in " + data
                    + "; pass --shared DIR, the project's shared folder (datasets/fashion-mnist, peers/).");
        }
        if (djlJar == null) {
            djlJar = Paths.get("/tmp/djl-peer/target/djl-peer.jar");
        }
        if (peers.contains("djl") && !Files.exists(djlJar)) {
            System.out.println("# DJL peer skipped: no jar at " + djlJar + " (build it as " + shared.resolve("peers/djl/README.md") + " says, or pass --djl-jar)");
            peers.remove("djl");
        }
        if (peers.contains("torch") && !Files.exists(torch)) {
            System.out.println("# PyTorch peer skipped: " + torch + " not found");
            peers.remove("torch");
        }
        String e = Integer.toString(epochs);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        // (workload, metric) -> runner -> values
        Map<String, Map<String, List<Double>>> vals = new TreeMap<>();
        System.out.printf(Locale.ROOT, "# bench compare: workloads %s, %d epochs, %d rounds, runners jkeras %s, java %s%n",
                workloads, epochs, rounds, peers, System.getProperty("java.version"));
        for (int r = 0; r < rounds; r++) {
            for (String w : workloads) {
                run("jkeras", w, vals, List.of(), java, "--add-modules", "jdk.incubator.vector", "-cp",
                        System.getProperty("java.class.path"), BenchMain.class.getName(), "fit", "--workload", w,
                        "--epochs", e, "--data", data.toString());
                if (peers.contains("torch")) {
                    // PyTorch's best configuration on these machines (see peers/README.md)
                    run("torch", w, vals, List.of("-OPENBLAS_CORETYPE", "-OPENBLAS_L2_SIZE", "MALLOC_MMAP_MAX_=0",
                            "OMP_WAIT_POLICY=PASSIVE"), "/usr/bin/python3", torch.toString(), w, e, data.toString());
                }
                if (peers.contains("djl")) {
                    run("djl", w, vals, List.of(), java, "-jar", djlJar.toString(), w, e, data.toString());
                }
            }
        }
        report(vals, peers);
    }

    /** Runs one process, relays nothing but its RESULT lines, and records them with its peak RSS. */
    private static void run(String runner, String workload, Map<String, Map<String, List<Double>>> vals,
                            List<String> env, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        for (String kv : env) {
            if (kv.startsWith("-")) {
                pb.environment().remove(kv.substring(1));
            } else {
                pb.environment().put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        Process p = pb.start();
        RssWatch rss = new RssWatch(p.pid());
        rss.start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.startsWith("RESULT ")) {
                    continue;
                }
                Map<String, String> kv = new LinkedHashMap<>();
                for (String part : line.substring(7).split(" ")) {
                    int eq = part.indexOf('=');
                    kv.put(part.substring(0, eq), part.substring(eq + 1));
                }
                String metric = kv.get("metric").startsWith("test_accuracy") ? "test_accuracy" : kv.get("metric");
                System.out.println(runner + " " + line.substring(7));
                add(vals, workload, metric, runner, Double.parseDouble(kv.get("value")));
            }
        } finally {
            int rc = p.waitFor();
            rss.interrupt();
            rss.join();
            if (rc != 0) {
                System.out.println("# " + runner + " workload " + workload + " exited with " + rc);
            } else if (rss.peakKb > 0) {
                System.out.printf(Locale.ROOT, "%s workload=%s metric=peak_rss_mb value=%.1f%n", runner, workload,
                        rss.peakKb / 1024.0);
                add(vals, workload, "peak_rss_mb", runner, rss.peakKb / 1024.0);
            }
        }
    }

    private static void add(Map<String, Map<String, List<Double>>> vals, String w, String metric, String runner, double v) {
        vals.computeIfAbsent(w + " " + metric, k -> new TreeMap<>()).computeIfAbsent(runner, k -> new ArrayList<>()).add(v);
    }

    /** One line per workload and figure: medians and the ratio jkeras / each peer. */
    private static void report(Map<String, Map<String, List<Double>>> vals, List<String> peers) {
        System.out.println("# medians over the rounds; ratio = jkeras / peer (for latency and RSS lower is better)");
        for (Map.Entry<String, Map<String, List<Double>>> e : vals.entrySet()) {
            String[] wm = e.getKey().split(" ");
            Double j = median(e.getValue().get("jkeras"));
            if (j == null) {
                continue;
            }
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "workload=%s metric=%s jkeras=%.4f", wm[0], wm[1], j));
            for (String peer : peers) {
                Double p = median(e.getValue().get(peer));
                if (p != null) {
                    sb.append(String.format(Locale.ROOT, " %s=%.4f ratio_%s=%.2f", peer, p, peer, j / p));
                }
            }
            if (LOWER_IS_BETTER.contains(wm[1])) {
                sb.append(" (lower is better)");
            }
            System.out.println(sb);
        }
    }

    private static Double median(List<Double> v) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Polls a process's VmHWM (its peak resident set) every 20 ms until interrupted or the process is gone. */
    private static final class RssWatch extends Thread {
        private final Path status;
        volatile long peakKb;

        RssWatch(long pid) {
            super("jkeras-compare-rss-" + pid);
            setDaemon(true);
            status = Paths.get("/proc", Long.toString(pid), "status");
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                try {
                    for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                        if (line.startsWith("VmHWM:")) {
                            long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                            peakKb = Math.max(peakKb, kb);
                        }
                    }
                    Thread.sleep(20);
                } catch (IOException | RuntimeException gone) {
                    return; // the process has exited (or /proc is unavailable: no RSS figure)
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }
}
