package org.jkeras.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.callbacks.Callback;
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
    int maxQueueSize = 10;
    int workers = 1;
    boolean useMultiprocessing;
    /** The loader options given explicitly (they apply to a Sequence or generator only). */
    final Map<String, Object> loaderOptions = new LinkedHashMap<>();

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
        if (maxQueueSize < 1) {
            throw new IllegalArgumentException("max_queue_size must be >= 1; received: max_queue_size=" + maxQueueSize + ".");
        }
        this.maxQueueSize = maxQueueSize;
        loaderOptions.put("max_queue_size", maxQueueSize);
        return this;
    }

    /** Loader threads (or processes) for a Sequence (default 1; 0 = the calling thread). */
    public EvaluateOptions workers(int workers) {
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be >= 0; received: workers=" + workers + ".");
        }
        this.workers = workers;
        loaderOptions.put("workers", workers);
        return this;
    }

    /** Load Sequence batches in child JVMs (the Sequence must be Serializable). */
    public EvaluateOptions useMultiprocessing(boolean useMultiprocessing) {
        this.useMultiprocessing = useMultiprocessing;
        loaderOptions.put("use_multiprocessing", useMultiprocessing);
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
