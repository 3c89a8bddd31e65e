package org.jkeras.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    int verbose = 1;
    Tensor sampleWeight;
    final List<Callback> callbacks = new ArrayList<>();

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
        return this;
    }

    public EvaluateOptions verbose(int verbose) {
        this.verbose = FitOptions.checkVerbose(verbose);
        return this;
    }

    public EvaluateOptions sampleWeight(Tensor sampleWeight) {
        this.sampleWeight = sampleWeight;
        return this;
    }

    public EvaluateOptions callbacks(Callback... callbacks) {
        this.callbacks.addAll(Arrays.asList(callbacks));
        return this;
    }
}
