package org.jkeras.metrics;

/**
 * Keras's {@code MeanAbsolutePercentageError} metric: the weighted running mean of the per-sample {@code 100·mean(|(y_true - y_pred) / max(|y_true|, 1e-7)|)}.
 *
 * <pre>{@code
 * Metric m = new MeanAbsolutePercentageError();
 * m.updateState(yTrue, yPred, sampleWeight);
 * double value = m.result();
 * }</pre>
 */
public final class MeanAbsolutePercentageError extends MeanMetricWrapper {
    /** Keras's default name {@code "mean_absolute_percentage_error"}. */
    public MeanAbsolutePercentageError() {
        this("mean_absolute_percentage_error");
    }

    public MeanAbsolutePercentageError(String name) {
        super(name, MetricFunctions::meanAbsolutePercentageError);
    }

    /** Keras's {@code _direction}: smaller is better (how callbacks in mode "auto" read this metric). */
    @Override
    public String direction() {
        return "down";
    }
}
