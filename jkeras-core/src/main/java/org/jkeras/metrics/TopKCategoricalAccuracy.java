package org.jkeras.metrics;

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
public final class TopKCategoricalAccuracy extends TopKAccuracy {
    /** Keras defaults: {@code k=5}, name {@code "top_k_categorical_accuracy"}. */
    public TopKCategoricalAccuracy() {
        this(5);
    }

    public TopKCategoricalAccuracy(int k) {
        this("top_k_categorical_accuracy", k);
    }

    public TopKCategoricalAccuracy(String name, int k) {
        super(name, k, kk -> (t, p) -> MetricFunctions.topKCategoricalAccuracy(t, p, kk));
    }
}
