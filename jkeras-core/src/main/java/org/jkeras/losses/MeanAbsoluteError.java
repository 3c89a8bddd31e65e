package org.jkeras.losses;

import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code MeanAbsoluteError}: per sample {@code mean(abs(y_true - y_pred), axis=-1)}.
 *
 * <pre>{@code
 * Loss mae = new MeanAbsoluteError();           // or Losses.get("mae")
 * Tensor l = mae.compute(yTrue, yPred, null);
 * }</pre>
 */
public final class MeanAbsoluteError extends Loss {
    /** Keras's default name {@code "mean_absolute_error"}. */
    public MeanAbsoluteError() {
        this("mean_absolute_error");
    }

    /** With a given name (Keras names a loss resolved from a string, e.g. {@code "mae"}, by that string). */
    public MeanAbsoluteError(String name) {
        super(name);
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] t = squeezeOrExpandToSameRank(yTrue, yPred);
        return Ops.mean(Ops.abs(Ops.subtract(t[0], t[1])), new int[] {-1}, false);
    }
}
