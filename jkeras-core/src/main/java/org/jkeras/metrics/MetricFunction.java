package org.jkeras.metrics;

import org.jkeras.tensor.Tensor;

/**
 * A stateless per-sample metric, Keras's {@code fn(y_true, y_pred)} given to {@code MeanMetricWrapper}: returns
 * one value per sample (shape {@code [n]}), or values of shape {@code [n, ...]} that the wrapper averages per
 * sample. Not differentiated: implementations work on raw arrays. {@link MetricFunctions} holds Keras's.
 *
 * <pre>{@code
 * MetricFunction maxError = (yTrue, yPred) -> ...;   // a Tensor of shape [n]
 * Metric m = new MeanMetricWrapper("max_error", maxError);
 * }</pre>
 */
@FunctionalInterface
public interface MetricFunction {
    Tensor apply(Tensor yTrue, Tensor yPred);
}
