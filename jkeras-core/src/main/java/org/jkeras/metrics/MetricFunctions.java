package org.jkeras.metrics;

import java.util.Arrays;
import org.jkeras.tensor.Tensor;

/**
 * Keras's stateless per-sample metric functions ({@code keras.metrics.accuracy}, {@code binary_accuracy}, ...),
 * computed on raw arrays: metrics are never differentiated, so nothing here touches the tape. Each returns one
 * value per sample (or per element, which {@link Mean} averages per sample) in a tensor allocated once per batch.
 *
 * <pre>{@code
 * Tensor hits = MetricFunctions.categoricalAccuracy(oneHot, probs);     // shape [n], 1 where argmax agrees
 * }</pre>
 */
public final class MetricFunctions {
    private MetricFunctions() {}

    /**
     * The shapes after Keras's {@code squeeze_or_expand_to_same_rank(y_true, y_pred)}, which must then agree:
     * returns the common shape. A trailing 1 is squeezed from the longer one, or the rank-1 one is expanded.
     */
    static int[] sameRankShape(String who, Tensor yTrue, Tensor yPred) {
        int[] t = yTrue.shape(), p = yPred.shape();
        if (t.length == p.length + 1 && t[t.length - 1] == 1) {
            if (p.length == 1) {
                p = t;                                  // Keras expands a rank-1 y_pred to [n, 1]
            } else {
                t = Arrays.copyOf(t, t.length - 1);
            }
        } else if (p.length == t.length + 1 && p[p.length - 1] == 1) {
            if (t.length == 1) {
                t = p;                                  // Keras expands a rank-1 y_true to [n, 1]
            } else {
                p = Arrays.copyOf(p, p.length - 1);
            }
        }
        if (!Arrays.equals(t, p)) {
            throw new IllegalArgumentException(who + ": y_true shape " + Arrays.toString(yTrue.shape())
                    + " does not match y_pred shape " + Arrays.toString(yPred.shape())
                    + "; they must agree (up to a trailing dimension of 1).");
        }
        return p;
    }

    private static int lastDim(int[] s) {
        return s.length == 0 ? 1 : s[s.length - 1];
    }

    private static int[] withoutLast(int[] s) {
        return s.length == 0 ? s : Arrays.copyOf(s, s.length - 1);
    }

    /** Keras {@code accuracy}: 1 where {@code y_true == y_pred} exactly, element-wise. */
    public static Tensor accuracy(Tensor yTrue, Tensor yPred) {
        int[] shape = sameRankShape("accuracy", yTrue, yPred);
        float[] t = yTrue.buffer(), p = yPred.buffer();
        int to = yTrue.offset(), po = yPred.offset(), n = yPred.size();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = t[to + i] == p[po + i] ? 1f : 0f;
        }
        return Tensor.of(out, shape);
    }

    /** Keras {@code binary_accuracy}: 1 where {@code (y_pred > threshold) == y_true}, element-wise. */
    public static Tensor binaryAccuracy(Tensor yTrue, Tensor yPred, float threshold) {
        int[] shape = sameRankShape("binary_accuracy", yTrue, yPred);
        float[] t = yTrue.buffer(), p = yPred.buffer();
        int to = yTrue.offset(), po = yPred.offset(), n = yPred.size();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            float predicted = p[po + i] > threshold ? 1f : 0f;
            out[i] = predicted == t[to + i] ? 1f : 0f;
        }
        return Tensor.of(out, shape);
    }

    /** Index of the first maximum in {@code d[base..base+c)}, as torch's argmax. */
    private static int argmax(float[] d, int base, int c) {
        int best = 0;
        float bv = d[base];
        for (int j = 1; j < c; j++) {
            if (d[base + j] > bv) {
                bv = d[base + j];
                best = j;
            }
        }
        return best;
    }

    /** Keras {@code categorical_accuracy}: 1 where {@code argmax(y_true) == argmax(y_pred)} along the last axis. */
    public static Tensor categoricalAccuracy(Tensor yTrue, Tensor yPred) {
        int ct = lastDim(yTrue.shape()), cp = lastDim(yPred.shape());
        int rows = cp == 0 ? 0 : yPred.size() / cp;
        if (ct == 0 || yTrue.size() / ct != rows || yTrue.rank() != yPred.rank()) {
            throw new IllegalArgumentException("categorical_accuracy: y_true shape " + Arrays.toString(yTrue.shape())
                    + " does not match y_pred shape " + Arrays.toString(yPred.shape())
                    + "; y_true must be one-hot rows. For integer labels use sparse_categorical_accuracy.");
        }
        return perRow(yTrue, ct, yPred, yPred.shape(),
                (r, t, to, p, po, c) -> argmax(t, to, ct) == argmax(p, po, c) ? 1 : 0);
    }

    /**
     * Keras {@code sparse_categorical_accuracy}: 1 where the integer label equals {@code argmax(y_pred)}; labels
     * have the shape of {@code y_pred} without its last axis, optionally with a trailing 1. A label is compared as
     * a float, so 1.5 never matches.
     */
    public static Tensor sparseCategoricalAccuracy(Tensor yTrue, Tensor yPred) {
        checkLabels("sparse_categorical_accuracy", yTrue, yPred);
        return perRow(yTrue, 1, yPred, yPred.shape(),
                (r, t, to, p, po, c) -> (float) argmax(p, po, c) == t[to] ? 1 : 0);
    }

    private static void checkLabels(String who, Tensor yTrue, Tensor yPred) {
        int[] ls = yTrue.shape(), ps = yPred.shape();
        int[] rowShape = withoutLast(ps);
        boolean ok = Arrays.equals(ls, rowShape) || (ls.length == ps.length && ls.length > 0 && ls[ls.length - 1] == 1
                && Arrays.equals(withoutLast(ls), rowShape));
        if (!ok) {
            throw new IllegalArgumentException(who + ": y_true must hold one integer label per sample, shape "
                    + Arrays.toString(rowShape) + " (or with a trailing 1), for y_pred of shape " + Arrays.toString(ps)
                    + "; received: y_true.shape=" + Arrays.toString(ls) + ".");
        }
    }

    /** Keras {@code mean_squared_error}: {@code mean((y_true - y_pred)²)} over the last axis. */
    public static Tensor meanSquaredError(Tensor yTrue, Tensor yPred) {
        return meanError("mean_squared_error", yTrue, yPred, true);
    }

    /** Keras {@code mean_absolute_error}: {@code mean(|y_true - y_pred|)} over the last axis. */
    public static Tensor meanAbsoluteError(Tensor yTrue, Tensor yPred) {
        return meanError("mean_absolute_error", yTrue, yPred, false);
    }

    private static Tensor meanError(String who, Tensor yTrue, Tensor yPred, boolean squared) {
        return rowwise(who, yTrue, yPred, (r, t, to, p, po, c) -> {
            double s = 0;
            for (int j = 0; j < c; j++) {
                double d = (double) t[to + j] - p[po + j];
                s += squared ? d * d : Math.abs(d);
            }
            return s / c;
        });
    }

    private static final double EPSILON = 1e-7;

    /**
     * Keras {@code categorical_crossentropy} on probabilities as a metric: rows renormalised, clipped to
     * {@code [1e-7, 1-1e-7]}, {@code -Σ y·log p}.
     */
    public static Tensor categoricalCrossentropy(Tensor yTrue, Tensor yPred) {
        if (!Arrays.equals(yTrue.shape(), yPred.shape())) {
            throw new IllegalArgumentException("categorical_crossentropy: y_true shape "
                    + Arrays.toString(yTrue.shape()) + " must equal y_pred shape " + Arrays.toString(yPred.shape())
                    + ". For integer class labels use sparse_categorical_crossentropy.");
        }
        return perRow(yTrue, lastDim(yPred.shape()), yPred, yPred.shape(), (r, t, to, p, po, c) -> {
            double s = 0;
            for (int j = 0; j < c; j++) s += p[po + j];
            double l = 0;
            for (int j = 0; j < c; j++) {
                float y = t[to + j];
                if (y != 0) {
                    l -= y * Math.log(clip(p[po + j] / s));
                }
            }
            return l;
        });
    }

    /** Keras {@code sparse_categorical_crossentropy} on probabilities as a metric: {@code -log p[label]}. */
    public static Tensor sparseCategoricalCrossentropy(Tensor yTrue, Tensor yPred) {
        checkLabels("sparse_categorical_crossentropy", yTrue, yPred);
        return perRow(yTrue, 1, yPred, yPred.shape(), (r, t, to, p, po, c) -> {
            float label = t[to];
            long k = (long) label;
            if (Float.isNaN(label) || k < 0 || k >= c) {
                throw new IllegalArgumentException("sparse_categorical_crossentropy: label " + label + " at sample "
                        + r + " is out of range; labels must be integers in [0, " + c + ").");
            }
            double s = 0;
            for (int j = 0; j < c; j++) s += p[po + j];
            return -Math.log(clip(p[po + (int) k] / s));
        });
    }

    /** Keras {@code binary_crossentropy} on probabilities as a metric, averaged over the last axis. */
    public static Tensor binaryCrossentropy(Tensor yTrue, Tensor yPred) {
        return rowwise("binary_crossentropy", yTrue, yPred, (r, t, to, p, po, c) -> {
            double s = 0;
            for (int j = 0; j < c; j++) {
                double y = t[to + j], o = clip(p[po + j]);
                s -= y * Math.max(Math.log(o), -100) + (1 - y) * Math.max(Math.log(1 - o), -100);
            }
            return s / c;
        });
    }

    /**
     * A per-row function of row {@code r}: its target entries start at {@code t[to]}, its {@code c} predictions
     * at {@code p[po]}; evaluated in double.
     */
    private interface RowFn {
        double apply(int r, float[] t, int to, float[] p, int po, int c);
    }

    /** {@link #perRow} for {@code y_true} and {@code y_pred} of the same shape (after {@link #sameRankShape}). */
    private static Tensor rowwise(String who, Tensor yTrue, Tensor yPred, RowFn f) {
        int[] shape = sameRankShape(who, yTrue, yPred);
        return perRow(yTrue, lastDim(shape), yPred, shape, f);
    }

    /**
     * One value per row of {@code shape}'s last axis (the shape of {@code yPred}): row {@code r} of {@code yPred}
     * starts at {@code r·c}, its targets at {@code r·tStride} ({@code c} for same-shaped targets, 1 for integer
     * labels). The result has {@code shape} without its last axis.
     */
    private static Tensor perRow(Tensor yTrue, int tStride, Tensor yPred, int[] shape, RowFn f) {
        int c = lastDim(shape);
        int rows = c == 0 ? 0 : yPred.size() / c;
        float[] t = yTrue.buffer(), p = yPred.buffer();
        int to = yTrue.offset(), po = yPred.offset();
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = (float) f.apply(r, t, to + r * tStride, p, po + r * c, c);
        }
        return Tensor.of(out, withoutLast(shape));
    }

    /** Keras {@code mean_absolute_percentage_error}: {@code 100·mean(|(t - p) / max(|t|, 1e-7)|)} over the last axis. */
    public static Tensor meanAbsolutePercentageError(Tensor yTrue, Tensor yPred) {
        return rowwise("mean_absolute_percentage_error", yTrue, yPred, (r, t, to, p, po, c) -> {
            double s = 0;
            for (int j = 0; j < c; j++) {
                double y = t[to + j];
                s += Math.abs((y - p[po + j]) / Math.max(Math.abs(y), EPSILON));
            }
            return 100.0 * s / c;
        });
    }

    /** Keras {@code mean_squared_logarithmic_error}: {@code mean((log(max(p,ε)+1) - log(max(t,ε)+1))²)}. */
    public static Tensor meanSquaredLogarithmicError(Tensor yTrue, Tensor yPred) {
        return rowwise("mean_squared_logarithmic_error", yTrue, yPred, (r, t, to, p, po, c) -> {
            double s = 0;
            for (int j = 0; j < c; j++) {
                double d = Math.log(Math.max(p[po + j], EPSILON) + 1) - Math.log(Math.max(t[to + j], EPSILON) + 1);
                s += d * d;
            }
            return s / c;
        });
    }

    /** Keras {@code log_cosh}: {@code mean(log(cosh(p - t)))} over the last axis, computed stably. */
    public static Tensor logCosh(Tensor yTrue, Tensor yPred) {
        return rowwise("log_cosh", yTrue, yPred, (r, t, to, p, po, c) -> {
            double s = 0;
            for (int j = 0; j < c; j++) {
                double x = Math.abs((double) p[po + j] - t[to + j]);
                s += x + Math.log1p(Math.exp(-2 * x)) - Math.log(2);
            }
            return s / c;
        });
    }

    /**
     * Keras's metric {@code cosine_similarity}: {@code Σ t̂·p̂} over the last axis with both rows L2-normalised
     * ({@code x / sqrt(max(Σx², 1e-14))}); 1 for identical directions (the loss is its negative).
     */
    public static Tensor cosineSimilarity(Tensor yTrue, Tensor yPred) {
        return rowwise("cosine_similarity", yTrue, yPred, (r, t, to, p, po, c) -> {
            double tt = 0, pp = 0, tp = 0;
            for (int j = 0; j < c; j++) {
                double a = t[to + j], b = p[po + j];
                tt += a * a;
                pp += b * b;
                tp += a * b;
            }
            return tp / Math.sqrt(Math.max(tt, 1e-14)) / Math.sqrt(Math.max(pp, 1e-14));
        });
    }

    /**
     * Keras {@code top_k_categorical_accuracy}: 1 where the true class ({@code argmax(y_true)}) is among the
     * {@code k} highest predictions. As torch's {@code in_top_k}, a prediction tied with the k-th largest counts
     * as in the top k.
     */
    public static Tensor topKCategoricalAccuracy(Tensor yTrue, Tensor yPred, int k) {
        int ct = lastDim(yTrue.shape()), cp = lastDim(yPred.shape());
        if (ct != cp || yTrue.size() != yPred.size()) {
            throw new IllegalArgumentException("top_k_categorical_accuracy: y_true shape "
                    + Arrays.toString(yTrue.shape()) + " does not match y_pred shape "
                    + Arrays.toString(yPred.shape()) + "; y_true must be one-hot rows. For integer labels use "
                    + "sparse_top_k_categorical_accuracy.");
        }
        return perRow(yTrue, ct, yPred, yPred.shape(),
                (r, t, to, p, po, c) -> inTopK(p, po, c, argmax(t, to, ct), k) ? 1 : 0);
    }

    /** Keras {@code sparse_top_k_categorical_accuracy}: 1 where the integer label is among the top {@code k}. */
    public static Tensor sparseTopKCategoricalAccuracy(Tensor yTrue, Tensor yPred, int k) {
        checkLabels("sparse_top_k_categorical_accuracy", yTrue, yPred);
        return perRow(yTrue, 1, yPred, yPred.shape(), (r, t, to, p, po, c) -> {
            float label = t[to];
            int cls = (int) label;
            boolean valid = cls == label && cls >= 0 && cls < c;
            return valid && inTopK(p, po, c, cls, k) ? 1 : 0;
        });
    }

    /** True when fewer than {@code k} entries of the row are strictly greater than entry {@code target}. */
    private static boolean inTopK(float[] p, int base, int c, int target, int k) {
        float v = p[base + target];
        int greater = 0;
        for (int j = 0; j < c; j++) {
            if (p[base + j] > v) {
                greater++;
            }
        }
        return greater < k;
    }

    private static double clip(double q) {
        return Math.min(Math.max(q, EPSILON), 1 - EPSILON);
    }
}
