package org.jkeras.metrics;

import java.util.Arrays;
import org.jkeras.tensor.Tensor;

/**
 * The accumulators of Keras's confusion-matrix metrics ({@code metrics_utils.update_confusion_matrix_variables},
 * not multi-label): weighted true/false positive/negative counts at each threshold, a prediction counting as
 * positive when {@code y_pred > threshold} and a label as positive when {@code y_true != 0}. Every element of
 * {@code y_pred} is one prediction (multi-label outputs are flattened); {@code topK} keeps only each row's k largest
 * predictions (the rest become -inf), {@code classId} looks at one column only.
 */
final class ConfusionCounts {
    final float[] thresholds;
    final double[] tp, fp, tn, fn;
    private final Integer topK;
    private final Integer classId;

    ConfusionCounts(float[] thresholds, Integer topK, Integer classId) {
        this.thresholds = thresholds;
        this.topK = topK;
        this.classId = classId;
        int n = thresholds.length;
        tp = new double[n];
        fp = new double[n];
        tn = new double[n];
        fn = new double[n];
    }

    /** tp, fp, tn, fn, each one value per threshold. */
    double[] values() {
        int n = thresholds.length;
        double[] out = new double[4 * n];
        System.arraycopy(tp, 0, out, 0, n);
        System.arraycopy(fp, 0, out, n, n);
        System.arraycopy(tn, 0, out, 2 * n, n);
        System.arraycopy(fn, 0, out, 3 * n, n);
        return out;
    }

    void setValues(double[] v) {
        int n = thresholds.length;
        System.arraycopy(v, 0, tp, 0, n);
        System.arraycopy(v, n, fp, 0, n);
        System.arraycopy(v, 2 * n, tn, 0, n);
        System.arraycopy(v, 3 * n, fn, 0, n);
    }

    void reset() {
        Arrays.fill(tp, 0);
        Arrays.fill(fp, 0);
        Arrays.fill(tn, 0);
        Arrays.fill(fn, 0);
    }

    void update(String who, Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        int[] shape = MetricFunctions.sameRankShape(who, yTrue, yPred);
        int n = yPred.size();
        int rows = shape.length == 0 ? 1 : shape[0];
        int c = shape.length <= 1 ? 1 : n / Math.max(rows, 1);
        float[] t = yTrue.buffer(), p = yPred.buffer();
        int to = yTrue.offset(), po = yPred.offset();
        float[] w = sampleWeight == null ? null : sampleWeight.buffer();
        int wo = sampleWeight == null ? 0 : sampleWeight.offset();
        int ws = sampleWeight == null ? 0 : sampleWeight.size();
        if (sampleWeight != null && ws != 1 && ws != rows && ws != n) {
            throw new IllegalArgumentException("sample_weight of shape " + Arrays.toString(sampleWeight.shape())
                    + " does not fit y_pred of shape " + Arrays.toString(yPred.shape()) + " in metric '" + who
                    + "'; give one weight per sample (" + rows + ") or one per prediction (" + n + ").");
        }
        if (classId != null && (shape.length < 2 || classId < 0 || classId >= c)) {
            throw new IllegalArgumentException(who + ": class_id=" + classId + " needs y_pred of shape (num_samples, "
                    + "num_classes) with class_id < num_classes; received y_pred shape "
                    + Arrays.toString(yPred.shape()) + ".");
        }
        float[] pred = p;
        int predOff = po;
        if (topK != null) {
            pred = filterTopK(p, po, rows, c, topK);
            predOff = 0;
        }
        int T = thresholds.length;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < c; j++) {
                if (classId != null && j != classId) {
                    continue;
                }
                int e = r * c + j;
                boolean label = t[to + e] != 0f;
                float v = pred[predOff + e];
                double wt = w == null ? 1.0 : ws == 1 ? w[wo] : ws == n ? w[wo + e] : w[wo + r];
                for (int k = 0; k < T; k++) {
                    if (v > thresholds[k]) {
                        if (label) tp[k] += wt; else fp[k] += wt;
                    } else {
                        if (label) fn[k] += wt; else tn[k] += wt;
                    }
                }
            }
        }
    }

    /** Keras's {@code _filter_top_k}: the k largest of each row kept (ties to the lower index), the rest -inf. */
    private static float[] filterTopK(float[] p, int po, int rows, int c, int k) {
        float[] out = new float[rows * c];
        for (int r = 0; r < rows; r++) {
            int base = po + r * c;
            for (int j = 0; j < c; j++) {
                float v = p[base + j];
                int rank = 0;
                for (int i = 0; i < c; i++) {
                    float u = p[base + i];
                    if (u > v || (u == v && i < j)) {
                        rank++;
                    }
                }
                out[r * c + j] = rank < k ? v : Float.NEGATIVE_INFINITY;
            }
        }
        return out;
    }

    static double divideNoNan(double a, double b) {
        return b == 0 ? 0 : a / b;
    }
}
