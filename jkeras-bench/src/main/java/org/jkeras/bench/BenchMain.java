package org.jkeras.bench;

import java.util.Arrays;

/**
 * Entry point of {@code jkeras-bench.jar}: dispatches to the benchmark named by the first argument.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -jar jkeras-bench.jar gemm                 # quick GFLOP/s figures
 * java --add-modules jdk.incubator.vector -jar jkeras-bench.jar jmh GemmBenchmark -f 1 -wi 1 -i 1
 * java --add-modules jdk.incubator.vector -jar jkeras-bench.jar fit                  # end-to-end training
 * java --add-modules jdk.incubator.vector -jar jkeras-bench.jar compare --shared ../shared   # vs PyTorch, DJL
 * java --add-modules jdk.incubator.vector -jar jkeras-bench.jar limit                # FMA peak, 1 and all cores
 * }</pre>
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        String cmd = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (cmd) {
            case "gemm":
                GemmMain.main(rest);
                break;
            case "jmh":
                org.openjdk.jmh.Main.main(rest);
                break;
            case "fit":
                FitBenchmark.main(rest);
                break;
            case "compare":
                CompareMain.main(rest);
                break;
            case "limit":
            case "fma":
                LimitMain.main(rest);
                break;
            case "predict":
                PredictMain.main(rest);
                break;
            case "data":
                DataBenchmark.main(rest);
                break;
            case "serve":
                ServeBenchmark.main(rest);
                break;
            default:
                System.err.println("usage: java --add-modules jdk.incubator.vector -jar jkeras-bench.jar COMMAND [ARGS]\n"
                        + "  gemm [--threads 1,2] [--shapes MxKxN,...]   GEMM GFLOP/s (no JMH)\n"
                        + "  jmh [JMH ARGS]                              JMH, e.g. jmh GemmBenchmark -f 1 -wi 1 -i 1\n"
                        + "  fit [ARGS]                                  end-to-end training benchmark\n"
                        + "  compare [--shared DIR] [--epochs N] [--rounds N]   jkeras vs the PyTorch and DJL peers, interleaved\n"
                        + "  limit [--seconds S] [--rounds N]            FMA peak GFLOP/s of 1 core and of all cores (alias: fma)\n"
                        + "  predict [--rounds N]                        inference of workload A's model (batch 1024, batch-1 p50/p99)\n"
                        + "  data png|large [ARGS]                       data-pipeline benchmarks (fitGenerator)\n"
                        + "  serve [--clients 8] [--requests 2000]       jkeras serve: requests/s, p50/p99 at batch 1 and 32");
                System.exit(cmd.isEmpty() || cmd.equals("help") || cmd.equals("--help") ? 0 : 2);
        }
    }

}
