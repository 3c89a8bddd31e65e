package org.jkeras.metrics;

/**
 * Keras's {@code SparseCategoricalAccuracy}: how often {@code argmax(y_pred)} equals the integer label in {@code y_true} (shape {@code [n]} or {@code [n, 1]}), as a weighted running mean.
 *
 * <pre>{@code
 * Metric m = new SparseCategoricalAccuracy();
 * m.updateState(Tensor.vector(2, 0), probs, null);
 * double value = m.result();
 * }</pre>
 */
public final class SparseCategoricalAccuracy extends MeanMetricWrapper {
    /** Keras's default name {@code "sparse_categorical_accuracy"}. */
    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    public SparseCategoricalAccuracy(String name) {
        super(name, MetricFunctions::sparseCategoricalAccuracy);
    }

    /** Keras's {@code _direction}: larger is better (how callbacks in mode "auto" read this metric). */
    @Override
    public String direction() {
        return "up";
    }
}
