package org.jkeras.metrics;

import java.util.Arrays;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Mean}: the weighted running mean {@code total / count} of the values it is given, with
 * {@code total} and {@code count} kept in double. Values of shape {@code [n, ...]} are first averaged to one
 * value per sample; with weights {@code w} (one per sample, one per value, or a scalar), {@code total += Σ v·w}
 * and {@code count += Σ w} — so the result is {@code Σ v·w / Σ w}, normalised by the weight sum (unlike a loss).
 * An empty metric reads 0 (Keras's {@code divide_no_nan}).
 *
 * <pre>{@code
 * Mean m = new Mean();
 * m.updateState(Tensor.vector(1, 3, 5, 7), null);                  // 4.0
 * m.updateState(Tensor.vector(1, 3, 5, 7), Tensor.vector(1, 1, 0, 0)); // running: (16 + 4) / (4 + 2)
 * Mean lossTracker = new Mean("loss");
 * lossTracker.updateState(0.25, 32);                               // a batch loss, weighted by batch size
 * }</pre>
 */
public class Mean extends Metric {
    private double total;
    private double count;

    /** Keras's default name {@code "mean"}. */
    public Mean() {
        this("mean");
    }

    public Mean(String name) {
        super(name);
    }

    /**
     * A plain {@code Mean} takes values, not {@code (y_true, y_pred)}: use {@link #updateState(Tensor, Tensor)}.
     * {@link MeanMetricWrapper} overrides this with its per-sample function.
     */
    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        throw new UnsupportedOperationException("Metric '" + name() + "' is a plain Mean: it averages values, not "
                + "(y_true, y_pred) pairs. Call updateState(values, sampleWeight), or wrap a function in "
                + "MeanMetricWrapper.");
    }

    /** Adds {@code values} (any shape {@code [n, ...]}, or a scalar) with optional {@code sampleWeight}. */
    public void updateState(Tensor values, Tensor sampleWeight) {
        int n = values.rank() == 0 ? 1 : values.dim(0);
        int inner = n == 0 ? 0 : values.size() / n;
        if (sampleWeight == null) {
            accumulate(values.buffer(), values.offset(), n, inner, null, 0, 0);
        } else {
            int ws = sampleWeight.size();
            if (ws != n && ws != values.size() && ws != 1) {
                throw new IllegalArgumentException("sample_weight of shape " + Arrays.toString(sampleWeight.shape())
                        + " does not fit values of shape " + Arrays.toString(values.shape()) + " in metric '"
                        + name() + "'; give one weight per sample (" + n + ") or one per value.");
            }
            accumulate(values.buffer(), values.offset(), n, inner, sampleWeight.buffer(), sampleWeight.offset(), ws);
        }
    }

    /** {@code {total, count}}. */
    @Override
    public double[] stateValues() {
        return new double[] {total, count};
    }

    @Override
    public void setStateValues(double[] values) {
        requireStateLength(values, 2);
        total = values[0];
        count = values[1];
    }

    /** Adds one value with a weight: {@code total += value·weight, count += weight}. */
    public void updateState(double value, double weight) {
        total += value * weight;
        count += weight;
    }

    /**
     * Adds {@code rows} samples of {@code inner} values each from {@code v[vo..]}. Weights {@code w[wo..]} (null
     * for all ones) hold {@code wsize} entries: 1 (one for everything), {@code rows} (one per sample) or
     * {@code rows·inner} (one per value, then averaged per sample as Keras's {@code reduce_to_samplewise_values}
     * does).
     */
    protected final void accumulate(float[] v, int vo, int rows, int inner, float[] w, int wo, int wsize) {
        if (rows == 0) {
            return;
        }
        double t = 0, c = 0;
        if (w == null || wsize == 1) {
            for (int r = 0; r < rows; r++) {
                double s = 0;
                for (int j = 0; j < inner; j++) s += v[vo + r * inner + j];
                t += inner == 0 ? 0 : s / inner;
            }
            double scalar = w == null ? 1 : w[wo];
            t *= scalar;
            c = rows * scalar;
        } else if (wsize == rows) {
            for (int r = 0; r < rows; r++) {
                double s = 0;
                for (int j = 0; j < inner; j++) s += v[vo + r * inner + j];
                double wr = w[wo + r];
                t += inner == 0 ? 0 : s / inner * wr;
                c += wr;
            }
        } else {
            for (int r = 0; r < rows; r++) {
                double s = 0, sw = 0;
                for (int j = 0; j < inner; j++) {
                    double wj = w[wo + r * inner + j];
                    s += v[vo + r * inner + j] * wj;
                    sw += wj;
                }
                t += s / inner;
                c += sw / inner;
            }
        }
        total += t;
        count += c;
    }

    /** {@code total / count}, or 0 when nothing (or only zero weight) was seen. */
    @Override
    public double result() {
        return count == 0 ? 0.0 : total / count;
    }

    @Override
    public void resetState() {
        total = 0;
        count = 0;
    }

    /** The weighted sum of values seen since the last reset. */
    public double total() {
        return total;
    }

    /** The sum of weights (or number of samples) seen since the last reset. */
    public double count() {
        return count;
    }
}
