package org.jkeras.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jkeras.layers.core.Dense;
import org.jkeras.models.Sequential;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH timing of inference ({@code predictOnBatch}, no tape) of workload A's model (784-512 relu-256 relu-10 softmax,
 * as {@link FitBenchmark}): a batch of 1024 rows (average time per batch; samples/s = 1024 / time) and one row
 * (sampled latency: JMH prints p0.50 and p0.99). Weights are the seeded initial ones: speed does not depend on
 * their values.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -jar jkeras-bench.jar jmh PredictBenchmark
 * java --add-modules jdk.incubator.vector -jar jkeras-bench.jar jmh PredictBenchmark.batch1 -f 1 -wi 2 -i 3
 * }</pre>
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PredictBenchmark {
    private Sequential model;
    private Tensor x1024;
    private Tensor x1;

    /** Workload A's model, built, and random inputs of 1024 rows and of one row. */
    @Setup
    public void setup() {
        model = workloadA();
        x1024 = random(1024, 784, 1);
        x1 = random(1, 784, 2);
        model.predictOnBatch(x1);
    }

    static Sequential workloadA() {
        Seeds.setGlobalSeed(1);
        Sequential m = new Sequential(new Dense(512, "relu").inputDim(784), new Dense(256, "relu"),
                new Dense(10, "softmax"));
        return m;
    }

    static Tensor random(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble();
        }
        return Tensor.of(v, rows, cols);
    }

    /** One batch of 1024 rows. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Tensor batch1024() {
        return model.predictOnBatch(x1024);
    }

    /** One row: the latency a server or a scoring loop sees. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Tensor batch1() {
        return model.predictOnBatch(x1);
    }
}
