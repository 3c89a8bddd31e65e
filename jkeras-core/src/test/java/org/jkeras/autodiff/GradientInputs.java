package org.jkeras.autodiff;

import org.jkeras.tensor.Tensor;

/**
 * Test inputs shared by the gradient tests ({@code OpsGradientTest}, {@code LossGradientTest}): probability rows
 * and one-hot targets, generated the same way in both.
 *
 * <pre>{@code
 * Tensor p = GradientInputs.probabilities(7, 0.5f, 4, 5);   // [4, 5], rows summing to 1
 * Tensor y = GradientInputs.oneHot(4, 5);                    // class (7i + 1) mod 5 in row i
 * }</pre>
 */
public final class GradientInputs {
    private GradientInputs() {}

    /**
     * A {@code [rows, c]} tensor of uniform values in {@code [low, 1)}, each row then divided by its (float) sum.
     */
    public static Tensor probabilities(long seed, float low, int rows, int c) {
        Tensor t = Tensor.randomUniform(seed, low, 1f, rows, c);
        float[] d = t.buffer();
        for (int i = 0; i < rows; i++) {
            float s = 0;
            for (int j = 0; j < c; j++) s += d[i * c + j];
            for (int j = 0; j < c; j++) d[i * c + j] /= s;
        }
        return t;
    }

    /** A {@code [rows, c]} one-hot tensor whose row {@code i} has its 1 at column {@code (7i + 1) mod c}. */
    public static Tensor oneHot(int rows, int c) {
        Tensor t = Tensor.zeros(rows, c);
        for (int i = 0; i < rows; i++) t.set(1f, i, (i * 7 + 1) % c);
        return t;
    }
}
