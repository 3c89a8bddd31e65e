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

    /**
     * The values of the metric's state variables (Keras's {@code metric.variables}, e.g. {@code total} and
     * {@code count}), all additive: the state after batches A then B is the element-wise sum of the states after A
     * alone and after B alone. Data-parallel training (jkeras-spark) merges replicas this way, then reads
     * {@link #result} from the sum. A custom metric overrides this and {@link #setStateValues} to take part.
     *
     * @throws UnsupportedOperationException for a metric that does not expose its state
     */
    public double[] stateValues() {
        throw new UnsupportedOperationException(stateMessage());
    }

    /** Replaces the state by {@code values} (of {@link #stateValues}'s length and order). */
    public void setStateValues(double[] values) {
        throw new UnsupportedOperationException(stateMessage());
    }

    private String stateMessage() {
        return "Metric '" + name + "' (" + getClass().getName() + ") does not expose its state; override "
                + "stateValues() and setStateValues(double[]) (additive variables, e.g. total and count) to use it "
                + "in data-parallel training.";
    }

    /** Checks a state array's length; for {@link #setStateValues} implementations. */
    protected final void requireStateLength(double[] values, int length) {
        if (values.length != length) {
            throw new IllegalArgumentException("Metric '" + name + "' has " + length + " state values; received "
                    + values.length + ".");
        }
    }

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
