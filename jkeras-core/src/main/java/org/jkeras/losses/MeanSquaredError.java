package org.jkeras.losses;

import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code MeanSquaredError}: per sample {@code mean(square(y_true - y_pred), axis=-1)}.
 *
 * <pre>{@code
 * Loss mse = new MeanSquaredError();            // or Losses.get("mse")
 * Tensor l = mse.compute(Tensor.of(new float[] {0, 1}, 2, 1), Tensor.of(new float[] {1, 1}, 2, 1), null); // 0.5
 * }</pre>
 */
public final class MeanSquaredError extends Loss {
    /** Keras's default name {@code "mean_squared_error"}. */
    public MeanSquaredError() {
        this("mean_squared_error");
    }

    /** With a given name (Keras names a loss resolved from a string, e.g. {@code "mse"}, by that string). */
    public MeanSquaredError(String name) {
        super(name);
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] t = squeezeOrExpandToSameRank(yTrue, yPred);
        return Ops.mean(Ops.square(Ops.subtract(t[0], t[1])), new int[] {-1}, false);
    }
}
