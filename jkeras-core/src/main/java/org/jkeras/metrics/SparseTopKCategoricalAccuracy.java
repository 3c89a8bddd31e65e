package org.jkeras.metrics;

/**
 * Keras's {@code SparseTopKCategoricalAccuracy}: how often the integer label is
 * among the {@code k} highest predictions (default {@code k = 5}; a prediction tied with the k-th largest counts,
 * as torch's {@code in_top_k}), as a weighted running mean.
 *
 * <pre>{@code
 * Metric top3 = new SparseTopKCategoricalAccuracy(3);
 * top3.updateState(yTrue, probs, null);
 * }</pre>
 */
public final class SparseTopKCategoricalAccuracy extends TopKAccuracy {
    /** Keras defaults: {@code k=5}, name {@code "sparse_top_k_categorical_accuracy"}. */
    public SparseTopKCategoricalAccuracy() {
        this(5);
    }

    public SparseTopKCategoricalAccuracy(int k) {
        this("sparse_top_k_categorical_accuracy", k);
    }

    public SparseTopKCategoricalAccuracy(String name, int k) {
        super(name, k, kk -> (t, p) -> MetricFunctions.sparseTopKCategoricalAccuracy(t, p, kk));
    }
}
