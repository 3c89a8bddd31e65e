package org.jkeras.bench;

import java.util.Locale;
import org.jkeras.models.Sequential;
import org.jkeras.tensor.ComputePool;
import org.jkeras.tensor.Tensor;

/**
 * {@code bench predict}: the inference figures of workload A's model (784-512 relu-256 relu-10 softmax, seeded
 * initial weights, 10000 random rows) without training it first: predict samples/s at batch 1024 and batch-1
 * latency p50/p99, {@code --rounds} times in one JVM (each round a {@code RESULT} triple).
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -jar jkeras-bench.jar predict --rounds 5
 * }</pre>
 */
public final class PredictMain {
    private PredictMain() {}

    public static void main(String[] args) {
        int rounds = 3;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rounds") && i + 1 < args.length) {
                rounds = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: predict [--rounds N (default 3)]");
                System.exit(2);
            }
        }
        Sequential model = PredictBenchmark.workloadA();
        Tensor x = PredictBenchmark.random(10000, 784, 3);
        System.out.printf(Locale.ROOT, "# jkeras predict, workload A's model, %d threads, java %s%n",
                ComputePool.threads(), System.getProperty("java.version"));
        for (int r = 0; r < rounds; r++) {
            PredictSpeed.measure(model, x).print("A");
        }
    }
}
