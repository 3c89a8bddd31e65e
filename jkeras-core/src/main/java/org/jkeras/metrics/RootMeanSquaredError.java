package org.jkeras.metrics;

/**
 * Keras's {@code RootMeanSquaredError}: {@code sqrt} of the weighted running mean of the per-sample
 * {@code mean((y_true - y_pred)²)}, i.e. {@code sqrt(Σ mseᵢ·wᵢ / Σ wᵢ)}.
 *
 * <pre>{@code
 * Metric rmse = new RootMeanSquaredError();
 * rmse.updateState(yTrue, yPred, null);
 * double value = rmse.result();
 * }</pre>
 */
public final class RootMeanSquaredError extends MeanMetricWrapper {
    /** Keras's default name {@code "root_mean_squared_error"}. */
    public RootMeanSquaredError() {
        this("root_mean_squared_error");
    }

    public RootMeanSquaredError(String name) {
        super(name, MetricFunctions::meanSquaredError);
    }

    @Override
    public double result() {
        return Math.sqrt(super.result());
    }

    /** Keras's {@code _direction}: smaller is better (how callbacks in mode "auto" read this metric). */
    @Override
    public String direction() {
        return "down";
    }
}
