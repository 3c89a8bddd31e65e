package org.jkeras.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jkeras.callbacks.Callback;
import org.jkeras.data.FashionMnist;
import org.jkeras.layers.convolutional.Conv2D;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.pooling.MaxPooling2D;
import org.jkeras.layers.reshaping.Flatten;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.Adam;
import org.jkeras.tensor.ComputePool;
import org.jkeras.tensor.Gemm;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.EvaluateOptions;
import org.jkeras.training.FitOptions;

/**
 * End-to-end training benchmark on Fashion-MNIST, printing one machine-readable line per figure
 * ({@code RESULT workload=A metric=train_samples_per_s value=12345.6}).
 *
 * <ul>
 *   <li>Workload A: 784-512 relu-256 relu-10 softmax, Adam 1e-3, batch 128. Train samples/s over epochs 2..E
 *       (epoch 1 includes JIT warm-up), test accuracy after E epochs, predict samples/s at batch 1024 and 32,
 *       peak heap.</li>
 *   <li>Workload B: Conv2D(32, 3, relu) > MaxPooling2D(2) > Conv2D(64, 3, relu) > MaxPooling2D(2) > Flatten >
 *       Dense(128, relu) > Dense(10, softmax) on 28×28×1 images, Adam 1e-3, batch 128: the same figures as A, plus
 *       the training FLOPs per sample (the convolutions' and dense layers' multiply-adds: forward, kernel gradient,
 *       input gradient except the first layer's), the achieved GFLOP/s and their share of the cores' measured
 *       FMA peak ({@code bench limit}, measured in a child JVM).</li>
 *   <li>Workload C: 784-32 relu-10 softmax, Adam 1e-3, batch 32: train steps/s over epochs 2..E (tiny steps, so
 *       this measures per-step overhead).</li>
 * </ul>
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -jar jkeras-bench/target/jkeras-bench.jar fit --workload A --epochs 3 --data DIR
 * }</pre>
 */
public final class FitBenchmark {
    private FitBenchmark() {}

    public static void main(String[] args) {
        String workload = "A";
        int epochs = 3;
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--workload": workload = args[++i].toUpperCase(Locale.ROOT); break;
                case "--epochs": epochs = Integer.parseInt(args[++i]); break;
                case "--data": data = Paths.get(args[++i]); break;
                default:
                    System.err.println("usage: fit [--workload A|B|C] [--epochs N (>= 2)] [--data DIR with the Fashion-MNIST files]");
                    System.exit(2);
            }
        }
        if (epochs < 2) {
            throw new IllegalArgumentException("--epochs must be >= 2 (epoch 1 is warm-up); received " + epochs + ".");
        }
        FashionMnist.Dataset ds = data != null ? FashionMnist.loadFrom(data) : FashionMnist.loadData();
        boolean images = workload.equals("B");
        Tensor xTrain = (images ? ds.xTrain().reshape(ds.xTrain().dim(0), 28, 28, 1) : ds.xTrain().reshape(ds.xTrain().dim(0), -1))
                .scale(1f / 255f);
        Tensor xTest = (images ? ds.xTest().reshape(ds.xTest().dim(0), 28, 28, 1) : ds.xTest().reshape(ds.xTest().dim(0), -1))
                .scale(1f / 255f);
        System.out.printf(Locale.ROOT, "# jkeras FitBenchmark workload %s, %d epochs, %d threads, vectorized GEMM: %s, java %s%n",
                workload, epochs, ComputePool.threads(), Gemm.isVectorized(), System.getProperty("java.version"));
        Seeds.setGlobalSeed(1);
        boolean a = workload.equals("A") || images;
        if (!a && !workload.equals("C")) {
            throw new IllegalArgumentException("--workload must be A, B or C; received " + workload + ".");
        }
        Sequential model = images ? workloadB()
                : workload.equals("A")
                ? new Sequential(new Dense(512, "relu").inputDim(784), new Dense(256, "relu"), new Dense(10, "softmax"))
                : new Sequential(new Dense(32, "relu").inputDim(784), new Dense(10, "softmax"));
        model.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
        int batch = a ? 128 : 32;
        List<Long> epochNanos = new ArrayList<>();
        Callback timer = new Callback() {
            long start;

            @Override
            public void onEpochBegin(int epoch, Map<String, Double> logs) {
                start = System.nanoTime();
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                epochNanos.add(System.nanoTime() - start);
            }
        };
        model.fit(xTrain, ds.yTrain(), FitOptions.defaults().epochs(epochs).batchSize(batch).verbose(2).callbacks(timer));
        long steady = 0;
        for (int e = 1; e < epochNanos.size(); e++) {
            steady += epochNanos.get(e);
        }
        int n = xTrain.dim(0);
        double seconds = steady / 1e9;
        int steadyEpochs = epochNanos.size() - 1;
        double samplesPerSecond = n * (double) steadyEpochs / seconds;
        if (a) {
            result(workload, "train_samples_per_s", samplesPerSecond);
            Map<String, Double> scores = model.evaluate(xTest, ds.yTest(), EvaluateOptions.defaults().batchSize(1024).verbose(0));
            result(workload, "test_accuracy_after_" + epochs + "_epochs", scores.get("accuracy"));
            PredictSpeed.measure(model, xTest).print(workload);
        } else {
            int steps = (n + batch - 1) / batch;
            result(workload, "train_steps_per_s", steps * (double) steadyEpochs / seconds);
            Map<String, Double> scores = model.evaluate(xTest, ds.yTest(), EvaluateOptions.defaults().batchSize(1024).verbose(0));
            result(workload, "test_accuracy_after_" + epochs + "_epochs", scores.get("accuracy"));
            PredictSpeed.measure(model, xTest).print(workload);
        }
        double flopsPerSample = images ? trainFlopsPerSampleB() : FlopCount.trainPerSample(model.layers());
        printShareOfPeak(workload, flopsPerSample * samplesPerSecond / 1e9);
        result(workload, "peak_heap_mb", peakHeapBytes() / (1024.0 * 1024.0));
    }

    /** Benchmark B's network (the recipe of ../shared/peers/torch_peer.py B). */
    static Sequential workloadB() {
        return new Sequential(new Conv2D(32, 3, "relu").inputShape(28, 28, 1), new MaxPooling2D(2),
                new Conv2D(64, 3, "relu"), new MaxPooling2D(2), new Flatten(), new Dense(128, "relu"),
                new Dense(10, "softmax"));
    }

    /**
     * Multiply-add FLOPs of one training sample of benchmark B: each layer's forward product {@code 2·out·k·filters}
     * once more for the kernel gradient and once more for the input gradient (not for the first layer, whose input
     * needs none). Pooling, activations, bias and the optimizer are not counted.
     */
    static double trainFlopsPerSampleB() {
        double conv1 = 2.0 * 26 * 26 * 9 * 32, conv2 = 2.0 * 11 * 11 * (9 * 32) * 64;
        double dense1 = 2.0 * 1600 * 128, dense2 = 2.0 * 128 * 10;
        return 2 * conv1 + 3 * (conv2 + dense1 + dense2);
    }

    /**
     * The useful training GFLOP/s (flops per sample from the layer shapes, forward and backward) and its share of
     * the FMA peak of all the pool's threads, measured right after training by {@code bench limit} in a child JVM.
     */
    static void printShareOfPeak(String workload, double usefulGflops) {
        if (Double.isNaN(usefulGflops)) {
            System.out.println("# workload " + workload + ": flops per sample unknown for its layers; no GFLOP/s figure");
            return;
        }
        double peak = LimitMain.peakInChild(ComputePool.threads());
        result(workload, "train_gflops", usefulGflops);
        result(workload, "fma_peak_gflops_" + ComputePool.threads() + "_threads", peak);
        result(workload, "train_share_of_fma_peak", usefulGflops / peak);
    }

    private static void result(String workload, String metric, double value) {
        System.out.printf(Locale.ROOT, "RESULT workload=%s metric=%s value=%.4f%n", workload, metric, value);
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
