package org.jkeras.metrics;

/**
 * Keras's {@code Accuracy}: how often {@code y_pred} equals {@code y_true} exactly (element-wise, averaged per sample), as a weighted running mean. Note that the compile shortcut {@code "accuracy"} means a shape-dependent accuracy instead: see {@link Metrics#resolve}.
 *
 * <pre>{@code
 * Metric m = new Accuracy();
 * m.updateState(Tensor.vector(1, 2, 3, 4), Tensor.vector(0, 2, 3, 4), null);   // 0.75
 * double value = m.result();
 * }</pre>
 */
public final class Accuracy extends MeanMetricWrapper {
    /** Keras's default name {@code "accuracy"}. */
    public Accuracy() {
        this("accuracy");
    }

    public Accuracy(String name) {
        super(name, MetricFunctions::accuracy);
    }

    /** Keras's {@code _direction}: larger is better (how callbacks in mode "auto" read this metric). */
    @Override
    public String direction() {
        return "up";
    }
}
