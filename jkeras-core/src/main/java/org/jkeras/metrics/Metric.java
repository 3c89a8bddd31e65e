package org.jkeras.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.tensor.Tensor;

/**
 * A stateful Keras metric: {@link #updateState} accumulates over batches, {@link #result} reads the running
 * value, {@link #resetState} starts over (at each epoch and each evaluation). Metrics are not differentiated,
 * so they work on raw arrays and accumulate in double.
 *
 * <pre>{@code
 * Metric acc = Metrics.get("categorical_accuracy");
 * acc.updateState(yTrue, yPred, null);
 * double value = acc.result();
 * }</pre>
 */
public abstract class Metric {
    private final String name;

    protected Metric(String name) {
        this.name = name;
    }

    /** The name shown in logs and History, e.g. {@code "accuracy"}. */
    public String name() {
        return name;
    }

    /** Adds one batch; {@code sampleWeight} may be null (all ones). */
    public abstract void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight);

    /** The value accumulated since the last reset. */
    public abstract double result();

    /** Forgets everything accumulated. */
    public abstract void resetState();

    /** The Keras config ({@code name}, {@code dtype}); subclasses add their constructor arguments. */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("dtype", "float32");
        return config;
    }

    /**
     * Keras's {@code _direction}: {@code "up"} when a larger value is better (accuracies, AUC, precision),
     * {@code "down"} when a smaller one is (errors, cross-entropies), null when the metric does not say (Mean, Sum).
     * Callbacks in mode {@code "auto"} read it.
     */
    public String direction() {
        return null;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + name + ")";
    }
}
