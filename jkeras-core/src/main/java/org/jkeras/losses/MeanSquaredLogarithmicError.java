package org.jkeras.losses;

import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code MeanSquaredLogarithmicError} ({@code "msle"}): per sample
 * {@code mean((log(max(y_pred, 1e-7) + 1) - log(max(y_true, 1e-7) + 1))²)} over the last axis.
 *
 * <pre>{@code
 * Loss msle = new MeanSquaredLogarithmicError();   // or Losses.get("msle")
 * Tensor l = msle.compute(yTrue, yPred, null);
 * }</pre>
 */
public final class MeanSquaredLogarithmicError extends Loss {
    /** Keras's default name {@code "mean_squared_logarithmic_error"}. */
    public MeanSquaredLogarithmicError() {
        this("mean_squared_logarithmic_error");
    }

    public MeanSquaredLogarithmicError(String name) {
        super(name);
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] t = squeezeOrExpandToSameRank(yTrue, yPred);
        Tensor eps = Tensor.scalar(LossMath.EPSILON);
        Tensor first = Ops.log(Ops.addScalar(Ops.maximum(t[1], eps), 1f));
        Tensor second = Ops.log(Ops.addScalar(Ops.maximum(t[0], eps), 1f));
        return LossMath.meanLast(Ops.square(Ops.subtract(first, second)));
    }
}
