package org.jkeras.metrics;

/**
 * Keras's {@code CategoricalAccuracy}: how often {@code argmax(y_pred)} equals {@code argmax(y_true)} for one-hot targets, as a weighted running mean (ties go to the first maximum, as torch's argmax).
 *
 * <pre>{@code
 * Metric m = new CategoricalAccuracy();
 * m.updateState(oneHot, probs, null);
 * double value = m.result();
 * }</pre>
 */
public final class CategoricalAccuracy extends MeanMetricWrapper {
    /** Keras's default name {@code "categorical_accuracy"}. */
    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    public CategoricalAccuracy(String name) {
        super(name, MetricFunctions::categoricalAccuracy);
    }

    /** Keras's {@code _direction}: larger is better (how callbacks in mode "auto" read this metric). */
    @Override
    public String direction() {
        return "up";
    }
}
