package org.jkeras.losses;

import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code SquaredHinge}: per sample {@code mean(max(1 - y_true·y_pred, 0)²)} over the last axis, with 0/1
 * labels mapped to -1/1 as in {@link Hinge}.
 *
 * <pre>{@code
 * Loss sh = new SquaredHinge();                    // or Losses.get("squared_hinge")
 * Tensor l = sh.compute(yTrue, yPred, null);
 * }</pre>
 */
public final class SquaredHinge extends Loss {
    /** Keras's default name {@code "squared_hinge"}. */
    public SquaredHinge() {
        this("squared_hinge");
    }

    public SquaredHinge(String name) {
        super(name);
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        return LossMath.meanLast(Ops.square(LossMath.hingeMargins(yTrue, yPred)));
    }
}
