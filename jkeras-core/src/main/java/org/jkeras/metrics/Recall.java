package org.jkeras.metrics;

/**
 * Keras's {@code Recall}: {@code tp / (tp + fn)} accumulated over batches (0 when there were no positive labels),
 * with the same thresholds, {@code topK}, {@code classId} and sample-weight rules as {@link Precision}.
 *
 * <pre>{@code
 * Metric r = new Recall();                                     // threshold 0.5
 * Metric r5 = new Recall(null, 5, null);                       // recall@5
 * }</pre>
 */
public final class Recall extends Precision {
    /** Keras defaults: thresholds=None (0.5), top_k=None, class_id=None; name {@code "recall"}. */
    public Recall() {
        this(null, null, null);
    }

    public Recall(float[] thresholds, Integer topK, Integer classId) {
        this("recall", thresholds, topK, classId);
    }

    public Recall(String name, float[] thresholds, Integer topK, Integer classId) {
        super(name, thresholds, topK, classId);
    }

    @Override
    double value(int i) {
        return ConfusionCounts.divideNoNan(counts.tp[i], counts.tp[i] + counts.fn[i]);
    }
}
