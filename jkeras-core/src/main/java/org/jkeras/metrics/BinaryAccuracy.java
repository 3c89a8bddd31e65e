package org.jkeras.metrics;

import java.util.Map;

/**
 * Keras's {@code BinaryAccuracy}: how often {@code (y_pred > threshold)} equals the 0/1 target, element-wise
 * and averaged per sample, as a weighted running mean. The threshold (default 0.5) is strict, as in Keras.
 *
 * <pre>{@code
 * Metric m = new BinaryAccuracy();                 // threshold 0.5
 * m.updateState(Tensor.of(new float[] {1, 0}, 2, 1), Tensor.of(new float[] {0.7f, 0.5f}, 2, 1), null); // 1.0
 * double value = m.result();
 * }</pre>
 */
public final class BinaryAccuracy extends MeanMetricWrapper {
    private final double threshold;

    /** Keras defaults: name {@code "binary_accuracy"}, threshold 0.5. */
    public BinaryAccuracy() {
        this("binary_accuracy", 0.5);
    }

    public BinaryAccuracy(String name) {
        this(name, 0.5);
    }

    public BinaryAccuracy(String name, double threshold) {
        super(name, binary(check(threshold)));
        this.threshold = threshold;
    }

    private static double check(double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a finite number (usually in (0, 1)); received: "
                    + "threshold=" + threshold + ".");
        }
        return threshold;
    }

    private static MetricFunction binary(double threshold) {
        float t = (float) threshold;
        return (yTrue, yPred) -> MetricFunctions.binaryAccuracy(yTrue, yPred, t);
    }

    public double threshold() {
        return threshold;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("threshold", threshold);
        return c;
    }

    /** Keras's {@code _direction}: larger is better (how callbacks in mode "auto" read this metric). */
    @Override
    public String direction() {
        return "up";
    }
}
