package org.jkeras.metrics;

/**
 * Keras's {@code LogCoshError} metric: the weighted running mean of the per-sample {@code mean(log(cosh(y_pred - y_true)))} (default name {@code "logcosh"}).
 *
 * <pre>{@code
 * Metric m = new LogCoshError();
 * m.updateState(yTrue, yPred, sampleWeight);
 * double value = m.result();
 * }</pre>
 */
public final class LogCoshError extends MeanMetricWrapper {
    /** Keras's default name {@code "logcosh"}. */
    public LogCoshError() {
        this("logcosh");
    }

    public LogCoshError(String name) {
        super(name, MetricFunctions::logCosh);
    }

    /** Keras's {@code _direction}: smaller is better (how callbacks in mode "auto" read this metric). */
    @Override
    public String direction() {
        return "down";
    }
}
