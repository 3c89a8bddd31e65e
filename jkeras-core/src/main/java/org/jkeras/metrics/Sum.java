package org.jkeras.metrics;

import java.util.Arrays;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Sum}: the running weighted sum {@code Σ v·w} of every value it is given (not averaged).
 *
 * <pre>{@code
 * Sum s = new Sum();
 * s.updateState(Tensor.vector(1, 3, 5, 7), null);                       // 16
 * s.updateState(Tensor.vector(1, 3, 5, 7), Tensor.vector(1, 1, 0, 0));   // 16 + 4 = 20
 * }</pre>
 */
public class Sum extends Metric {
    private double total;

    /** Keras's default name {@code "sum"}. */
    public Sum() {
        this("sum");
    }

    public Sum(String name) {
        super(name);
    }

    /** {@code {total}}. */
    @Override
    public double[] stateValues() {
        return new double[] {total};
    }

    @Override
    public void setStateValues(double[] values) {
        requireStateLength(values, 1);
        total = values[0];
    }

    /** A plain Sum takes values: use {@link #updateState(Tensor, Tensor)}. */
    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        throw new UnsupportedOperationException("Metric '" + name() + "' is a plain Sum: it adds up values, not "
                + "(y_true, y_pred) pairs. Call updateState(values, sampleWeight).");
    }

    /**
     * Adds {@code Σ v·w}: weights have one entry per sample (broadcast over the rest of each sample), one per value,
     * or one in all; null means all ones.
     */
    public void updateState(Tensor values, Tensor sampleWeight) {
        float[] v = values.buffer();
        int vo = values.offset(), n = values.size();
        if (sampleWeight == null) {
            double s = 0;
            for (int i = 0; i < n; i++) s += v[vo + i];
            total += s;
            return;
        }
        int rows = values.rank() == 0 ? 1 : values.dim(0);
        int ws = sampleWeight.size();
        float[] w = sampleWeight.buffer();
        int wo = sampleWeight.offset();
        if (ws != 1 && ws != n && ws != rows) {
            throw new IllegalArgumentException("sample_weight of shape " + Arrays.toString(sampleWeight.shape())
                    + " does not fit values of shape " + Arrays.toString(values.shape()) + " in metric '" + name()
                    + "'; give one weight per sample (" + rows + "), one per value, or one in all.");
        }
        int inner = rows == 0 ? 0 : n / rows;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double wi = ws == 1 ? w[wo] : ws == n ? w[wo + i] : w[wo + i / inner];
            s += v[vo + i] * wi;
        }
        total += s;
    }

    @Override
    public double result() {
        return total;
    }

    @Override
    public void resetState() {
        total = 0;
    }
}
