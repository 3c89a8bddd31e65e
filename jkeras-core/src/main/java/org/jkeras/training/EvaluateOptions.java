package org.jkeras.training;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jkeras.callbacks.Callback;
import org.jkeras.data.WorkerOptions;
import org.jkeras.tensor.Tensor;

/**
 * The keyword arguments of Keras's {@code evaluate} and {@code predict}: {@code batchSize} 32, {@code verbose} 1
 * (Keras's "auto"), callbacks, and (evaluate only) per-sample weights.
 *
 * <pre>{@code
 * Map<String, Double> r = model.evaluate(xTest, yTest, EvaluateOptions.defaults().batchSize(256).verbose(0));
 * Tensor p = model.predict(xTest, EvaluateOptions.defaults().batchSize(1024));
 * }</pre>
 */
public final class EvaluateOptions {
    int batchSize = 32;
    boolean batchSizeGiven;
    int verbose = 1;
    Structure sampleWeight;
    final List<Callback> callbacks = new ArrayList<>();
    int steps = -1;
    final LoaderSettings loader = new LoaderSettings();

    private EvaluateOptions() {}

    public static EvaluateOptions defaults() {
        return new EvaluateOptions();
    }

    public EvaluateOptions batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size must be a positive integer; received: batch_size=" + batchSize
                    + ". Use e.g. batchSize(32).");
        }
        this.batchSize = batchSize;
        this.batchSizeGiven = true;
        return this;
    }

    public EvaluateOptions verbose(int verbose) {
        this.verbose = FitOptions.checkVerbose(verbose);
        return this;
    }

    /** One weight per sample, shape {@code [N]}. */
    public EvaluateOptions sampleWeight(Tensor sampleWeight) {
        return sampleWeight((Object) sampleWeight);
    }

    /** Sample weights per output: a Tensor (every output), a {@code List<Tensor>} or a {@code Map<String, Tensor>}. */
    public EvaluateOptions sampleWeight(Object sampleWeight) {
        this.sampleWeight = Structure.ofNullable(sampleWeight, "sample_weight");
        return this;
    }

    /**
     * Batches to draw (default: all of the arrays, the Sequence's size, or until the generator ends); with arrays
     * and no {@link #batchSize}, the batch size is {@code ceil(N / steps)}, as Keras 3.
     */
    public EvaluateOptions steps(int steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException("steps must be a positive integer; received: steps=" + steps + ".");
        }
        this.steps = steps;
        return this;
    }

    /** Most batches loaded ahead by the workers (default 10). */
    public EvaluateOptions maxQueueSize(int maxQueueSize) {
        loader.maxQueueSize(maxQueueSize);
        return this;
    }

    /** Loader threads (or processes) for a Sequence (default 1; 0 = the calling thread). */
    public EvaluateOptions workers(int workers) {
        loader.workers(workers);
        return this;
    }

    /** Load Sequence batches in child JVMs (the Sequence must be Serializable). */
    public EvaluateOptions useMultiprocessing(boolean useMultiprocessing) {
        loader.useMultiprocessing(useMultiprocessing);
        return this;
    }

    /**
     * jkeras extension (Keras has none; default: none): the longest one batch may take to load on a worker thread or
     * process; a {@code get} (or generator {@code next}) running longer ends the call with a
     * {@link org.jkeras.data.DataException} naming the batch index and the timeout (cause: a
     * {@code TimeoutException}), and its threads and processes are stopped. Not applied with {@code workers(0)}.
     * {@code null} turns it off. See {@link WorkerOptions}.
     */
    public EvaluateOptions batchTimeout(Duration timeout) {
        loader.batchTimeout(timeout);
        return this;
    }

    /**
     * jkeras extension: JVM options for each worker process with {@code useMultiprocessing(true)}, one per string,
     * e.g. {@code workerJvmOptions("-Xmx2g")}. Without a heap option a worker gets a quarter of this JVM's max heap
     * (256 MiB .. 4 GiB). See {@link WorkerOptions}.
     */
    public EvaluateOptions workerJvmOptions(String... options) {
        loader.workerJvmOptions(options);
        return this;
    }

    /** Both worker settings at once (replaces {@link #batchTimeout} and {@link #workerJvmOptions}). */
    public EvaluateOptions workerOptions(WorkerOptions options) {
        loader.workerOptions(options);
        return this;
    }

    /** Callbacks for the test (evaluate) or predict hooks, called before the progress bar. */
    public EvaluateOptions callbacks(Callback... callbacks) {
        for (Callback c : callbacks) {
            if (c == null) {
                throw new IllegalArgumentException("callbacks contains null; pass Callback instances only.");
            }
        }
        this.callbacks.addAll(Arrays.asList(callbacks));
        return this;
    }
}
