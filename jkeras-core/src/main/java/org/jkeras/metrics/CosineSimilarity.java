package org.jkeras.metrics;

/**
 * Keras's {@code CosineSimilarity} metric: the weighted running mean of the cosine similarity of {@code y_true} and {@code y_pred} rows (1 = same direction).
 *
 * <pre>{@code
 * Metric m = new CosineSimilarity();
 * m.updateState(yTrue, yPred, sampleWeight);
 * double value = m.result();
 * }</pre>
 */
public final class CosineSimilarity extends MeanMetricWrapper {
    /** Keras's default name {@code "cosine_similarity"}. */
    public CosineSimilarity() {
        this("cosine_similarity");
    }

    public CosineSimilarity(String name) {
        super(name, MetricFunctions::cosineSimilarity);
    }

    /** Keras's {@code _direction}: larger is better (how callbacks in mode "auto" read this metric). */
    @Override
    public String direction() {
        return "up";
    }
}
