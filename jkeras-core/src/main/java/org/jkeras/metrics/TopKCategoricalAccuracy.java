package org.jkeras.metrics;

import java.util.Map;

/**
 * Keras's {@code TopKCategoricalAccuracy}: how often the true class (argmax of the one-hot row) is
 * among the {@code k} highest predictions (default {@code k = 5}; a prediction tied with the k-th largest counts,
 * as torch's {@code in_top_k}), as a weighted running mean.
 *
 * <pre>{@code
 * Metric top3 = new TopKCategoricalAccuracy(3);
 * top3.updateState(yTrue, probs, null);
 * }</pre>
 */
public final class TopKCategoricalAccuracy extends MeanMetricWrapper {
    private final int k;

    /** Keras defaults: {@code k=5}, name {@code "top_k_categorical_accuracy"}. */
    public TopKCategoricalAccuracy() {
        this(5);
    }

    public TopKCategoricalAccuracy(int k) {
        this("top_k_categorical_accuracy", k);
    }

    public TopKCategoricalAccuracy(String name, int k) {
        super(name, bind(checkK(k)));
        this.k = k;
    }

    private static MetricFunction bind(int k) {
        return (t, p) -> MetricFunctions.topKCategoricalAccuracy(t, p, k);
    }

    private static int checkK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("TopKCategoricalAccuracy: k must be an integer >= 1; received: k=" + k + ".");
        }
        return k;
    }

    public int k() {
        return k;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("k", k);
        return c;
    }
}
