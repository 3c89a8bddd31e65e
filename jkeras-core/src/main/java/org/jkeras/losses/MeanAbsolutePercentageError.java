package org.jkeras.losses;

import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code MeanAbsolutePercentageError} ({@code "mape"}): per sample
 * {@code 100 · mean(|(y_true - y_pred) / max(|y_true|, 1e-7)|)} over the last axis.
 *
 * <pre>{@code
 * Loss mape = new MeanAbsolutePercentageError();   // or Losses.get("mape")
 * Tensor l = mape.compute(Tensor.of(new float[] {2, 4}, 2, 1), Tensor.of(new float[] {1, 5}, 2, 1), null); // 37.5
 * }</pre>
 */
public final class MeanAbsolutePercentageError extends Loss {
    /** Keras's default name {@code "mean_absolute_percentage_error"}. */
    public MeanAbsolutePercentageError() {
        this("mean_absolute_percentage_error");
    }

    public MeanAbsolutePercentageError(String name) {
        super(name);
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] t = squeezeOrExpandToSameRank(yTrue, yPred);
        Tensor denom = Ops.maximum(Ops.abs(t[0]), Tensor.scalar(LossMath.EPSILON));
        Tensor diff = Ops.abs(Ops.divide(Ops.subtract(t[0], t[1]), denom));
        return Ops.scale(LossMath.meanLast(diff), 100f);
    }
}
