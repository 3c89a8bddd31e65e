package org.jkeras.metrics;

/**
 * Keras's {@code MeanSquaredLogarithmicError} metric: the weighted running mean of the per-sample {@code mean((log(max(y_pred,1e-7)+1) - log(max(y_true,1e-7)+1))²)}.
 *
 * <pre>{@code
 * Metric m = new MeanSquaredLogarithmicError();
 * m.updateState(yTrue, yPred, sampleWeight);
 * double value = m.result();
 * }</pre>
 */
public final class MeanSquaredLogarithmicError extends MeanMetricWrapper {
    /** Keras's default name {@code "mean_squared_logarithmic_error"}. */
    public MeanSquaredLogarithmicError() {
        this("mean_squared_logarithmic_error");
    }

    public MeanSquaredLogarithmicError(String name) {
        super(name, MetricFunctions::meanSquaredLogarithmicError);
    }

    /** Keras's {@code _direction}: smaller is better (how callbacks in mode "auto" read this metric). */
    @Override
    public String direction() {
        return "down";
    }
}
