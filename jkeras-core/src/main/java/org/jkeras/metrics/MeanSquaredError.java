package org.jkeras.metrics;

/**
 * Keras's {@code MeanSquaredError} metric: the weighted running mean of the per-sample {@code mean((y_true - y_pred)²)} over the last axis.
 *
 * <pre>{@code
 * Metric m = new MeanSquaredError();
 * m.updateState(yTrue, yPred, sampleWeight);
 * double value = m.result();
 * }</pre>
 */
public final class MeanSquaredError extends MeanMetricWrapper {
    /** Keras's default name {@code "mean_squared_error"}. */
    public MeanSquaredError() {
        this("mean_squared_error");
    }

    public MeanSquaredError(String name) {
        super(name, MetricFunctions::meanSquaredError);
    }

    /** Keras's {@code _direction}: smaller is better (how callbacks in mode "auto" read this metric). */
    @Override
    public String direction() {
        return "down";
    }
}
