package org.jkeras.metrics;

import java.util.Arrays;
import java.util.Map;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Precision}: {@code tp / (tp + fp)} accumulated over batches (0 when nothing was predicted positive),
 * a prediction being positive when {@code y_pred > threshold} (default 0.5) and a label when {@code y_true != 0}.
 * Every element of {@code y_pred} is one prediction. With several thresholds, {@link #results()} gives one value per
 * threshold and {@link #result()} the first. {@code topK} counts only each row's k largest predictions (threshold
 * then defaults to -inf); {@code classId} looks at one class column only. Sample weights weight the counts.
 *
 * <pre>{@code
 * Metric p = new Precision();                                  // threshold 0.5
 * Metric p5 = new Precision(null, 5, null);                    // precision@5
 * Metric cls2 = new Precision(new float[] {0.3f}, null, 2);    // class 2 only
 * }</pre>
 */
public class Precision extends Metric {
    final ConfusionCounts counts;
    private final float[] thresholds;
    private final Integer topK;
    private final Integer classId;

    /** Keras defaults: thresholds=None (0.5), top_k=None, class_id=None; name {@code "precision"}. */
    public Precision() {
        this(null, null, null);
    }

    /** {@code thresholds} null means Keras's default (0.5, or -inf with {@code topK}); values in {@code [0, 1]}. */
    public Precision(float[] thresholds, Integer topK, Integer classId) {
        this("precision", thresholds, topK, classId);
    }

    public Precision(String name, float[] thresholds, Integer topK, Integer classId) {
        super(name);
        this.thresholds = checkThresholds(getClass().getSimpleName(), thresholds, topK);
        if (topK != null && topK < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": top_k must be an integer >= 1 or None; "
                    + "received: top_k=" + topK + ".");
        }
        this.topK = topK;
        this.classId = classId;
        this.counts = new ConfusionCounts(this.thresholds, topK, classId);
    }

    static float[] checkThresholds(String who, float[] thresholds, Integer topK) {
        if (thresholds == null) {
            return new float[] {topK == null ? 0.5f : Float.NEGATIVE_INFINITY};
        }
        if (thresholds.length == 0) {
            throw new IllegalArgumentException(who + ": thresholds must not be empty; received: thresholds=[]. Leave "
                    + "them null for the default 0.5.");
        }
        for (float t : thresholds) {
            if (!(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException("Threshold values must be in [0, 1]. Received: "
                        + Arrays.toString(thresholds) + " (in " + who + ").");
            }
        }
        return thresholds.clone();
    }

    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        counts.update(name(), yTrue, yPred, sampleWeight);
    }

    /** One value per threshold. */
    public double[] results() {
        double[] out = new double[thresholds.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = value(i);
        }
        return out;
    }

    double value(int i) {
        return ConfusionCounts.divideNoNan(counts.tp[i], counts.tp[i] + counts.fp[i]);
    }

    @Override
    public double result() {
        return value(0);
    }

    /** The true/false positive/negative counts at each threshold: tp, fp, tn, fn. */
    @Override
    public double[] stateValues() {
        return counts.values();
    }

    @Override
    public void setStateValues(double[] values) {
        requireStateLength(values, 4 * counts.thresholds.length);
        counts.setValues(values);
    }

    @Override
    public void resetState() {
        counts.reset();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("thresholds", thresholds.length == 1 ? (Object) (double) thresholds[0] : thresholdList());
        c.put("top_k", topK);
        c.put("class_id", classId);
        return c;
    }

    private Object thresholdList() {
        java.util.List<Double> l = new java.util.ArrayList<>();
        for (float t : thresholds) l.add((double) t);
        return l;
    }

    /** Keras's {@code _direction}: larger is better (how callbacks in mode "auto" read this metric). */
    @Override
    public String direction() {
        return "up";
    }
}
