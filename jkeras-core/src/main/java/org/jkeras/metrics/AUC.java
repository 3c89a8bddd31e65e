package org.jkeras.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code AUC}: the area under the ROC or precision-recall curve, approximated from confusion counts at
 * {@code num_thresholds} thresholds (default 200): {@code -1e-7}, {@code i/(num_thresholds-1)} for
 * {@code i = 1..num_thresholds-2}, and {@code 1 + 1e-7}. ROC: x = false-positive rate, y = recall; PR: x = recall,
 * y = precision. Summation: {@code "interpolation"} (trapezoids for ROC; for PR, Keras's interpolation of
 * Davis &amp; Goadrich 2006, {@code interpolate_pr_auc}), {@code "minoring"} (left Riemann sum with the lower
 * height) or {@code "majoring"} (higher height). Not multi-label: every element of {@code y_pred} is one prediction.
 *
 * <pre>{@code
 * Metric auc = new AUC();                                      // ROC, 200 thresholds, interpolation
 * Metric prAuc = new AUC(200, "PR", "interpolation");
 * auc.updateState(labels, scores, null);
 * }</pre>
 */
public final class AUC extends Metric {
    private static final List<String> CURVES = List.of("ROC", "PR");
    private static final List<String> METHODS = List.of("interpolation", "minoring", "majoring");
    private final int numThresholds;
    private final String curve;
    private final String summationMethod;
    private final ConfusionCounts counts;

    /** Keras defaults: num_thresholds=200, curve="ROC", summation_method="interpolation"; name {@code "auc"}. */
    public AUC() {
        this(200, "ROC", "interpolation");
    }

    public AUC(int numThresholds, String curve, String summationMethod) {
        this("auc", numThresholds, curve, summationMethod);
    }

    public AUC(String name, int numThresholds, String curve, String summationMethod) {
        super(name);
        if (numThresholds <= 1) {
            throw new IllegalArgumentException("Argument `num_thresholds` must be an integer > 1. Received: "
                    + "num_thresholds=" + numThresholds + ".");
        }
        String c = curve == null ? null : curve.toUpperCase(Locale.ROOT);
        if (!CURVES.contains(c)) {
            throw new IllegalArgumentException("Invalid AUC curve value: curve=" + curve + ". Expected values are "
                    + CURVES + ".");
        }
        String m = summationMethod == null ? null : summationMethod.toLowerCase(Locale.ROOT);
        if (!METHODS.contains(m)) {
            throw new IllegalArgumentException("Invalid AUC summation method value: summation_method="
                    + summationMethod + ". Expected values are " + METHODS + ".");
        }
        this.numThresholds = numThresholds;
        this.curve = c;
        this.summationMethod = m;
        float[] th = new float[numThresholds];
        th[0] = 0f - 1e-7f;
        for (int i = 1; i < numThresholds - 1; i++) {
            th[i] = (float) (i * 1.0 / (numThresholds - 1));
        }
        th[numThresholds - 1] = 1f + 1e-7f;
        this.counts = new ConfusionCounts(th, null, null);
    }

    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        counts.update(name(), yTrue, yPred, sampleWeight);
    }

    /** The thresholds the counts are taken at. */
    public float[] thresholds() {
        return counts.thresholds.clone();
    }

    @Override
    public double result() {
        int n = numThresholds;
        double[] tp = counts.tp, fp = counts.fp, tn = counts.tn, fn = counts.fn;
        if (curve.equals("PR") && summationMethod.equals("interpolation")) {
            double sum = 0;
            for (int i = 0; i < n - 1; i++) {
                double dtp = tp[i] - tp[i + 1];
                double p0 = tp[i] + fp[i], p1 = tp[i + 1] + fp[i + 1];
                double dp = p0 - p1;
                double slope = ConfusionCounts.divideNoNan(dtp, Math.max(dp, 0));
                double intercept = tp[i + 1] - slope * p1;
                double ratio = p0 > 0 && p1 > 0 ? ConfusionCounts.divideNoNan(p0, Math.max(p1, 0)) : 1.0;
                sum += ConfusionCounts.divideNoNan(slope * (dtp + intercept * Math.log(ratio)),
                        Math.max(tp[i + 1] + fn[i + 1], 0));
            }
            return sum;
        }
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            double recall = ConfusionCounts.divideNoNan(tp[i], tp[i] + fn[i]);
            if (curve.equals("ROC")) {
                x[i] = ConfusionCounts.divideNoNan(fp[i], fp[i] + tn[i]);
                y[i] = recall;
            } else {
                x[i] = recall;
                y[i] = ConfusionCounts.divideNoNan(tp[i], tp[i] + fp[i]);
            }
        }
        double sum = 0;
        for (int i = 0; i < n - 1; i++) {
            double h = summationMethod.equals("interpolation") ? (y[i] + y[i + 1]) / 2
                    : summationMethod.equals("minoring") ? Math.min(y[i], y[i + 1]) : Math.max(y[i], y[i + 1]);
            sum += (x[i] - x[i + 1]) * h;
        }
        return sum;
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
        c.put("num_thresholds", numThresholds);
        c.put("curve", curve);
        c.put("summation_method", summationMethod);
        c.put("multi_label", false);
        c.put("num_labels", null);
        c.put("label_weights", null);
        return c;
    }

    /** Keras's {@code _direction}: larger is better (how callbacks in mode "auto" read this metric). */
    @Override
    public String direction() {
        return "up";
    }
}
