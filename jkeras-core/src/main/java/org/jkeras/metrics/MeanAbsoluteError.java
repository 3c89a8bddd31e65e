package org.jkeras.metrics;

/**
 * Keras's {@code MeanAbsoluteError} metric: the weighted running mean of the per-sample {@code mean(|y_true - y_pred|)} over the last axis.
 *
 * <pre>{@code
 * Metric m = new MeanAbsoluteError();
 * m.updateState(yTrue, yPred, sampleWeight);
 * double value = m.result();
 * }</pre>
 */
public final class MeanAbsoluteError extends MeanMetricWrapper {
    /** Keras's default name {@code "mean_absolute_error"}. */
    public MeanAbsoluteError() {
        this("mean_absolute_error");
    }

    public MeanAbsoluteError(String name) {
        super(name, MetricFunctions::meanAbsoluteError);
    }

    /** Keras's {@code _direction}: smaller is better (how callbacks in mode "auto" read this metric). */
    @Override
    public String direction() {
        return "down";
    }
}
