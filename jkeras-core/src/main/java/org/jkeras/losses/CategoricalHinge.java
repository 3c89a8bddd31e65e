package org.jkeras.losses;

import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code CategoricalHinge} for one-hot targets: per sample {@code max(neg - pos + 1, 0)} with
 * {@code pos = Σ y_true·y_pred} and {@code neg = max((1 - y_true)·y_pred)} over the last axis.
 *
 * <pre>{@code
 * Loss ch = new CategoricalHinge();                // or Losses.get("categorical_hinge")
 * Tensor l = ch.compute(oneHot, scores, null);
 * }</pre>
 */
public final class CategoricalHinge extends Loss {
    /** Keras's default name {@code "categorical_hinge"}. */
    public CategoricalHinge() {
        this("categorical_hinge");
    }

    public CategoricalHinge(String name) {
        super(name);
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] t = squeezeOrExpandToSameRank(yTrue, yPred);
        Tensor pos = Ops.sum(Ops.multiply(t[0], t[1]), LossMath.LAST, false);
        Tensor notY = Ops.addScalar(Ops.negative(t[0]), 1f);
        Tensor neg = Ops.max(Ops.multiply(notY, t[1]), LossMath.LAST, false);
        return Ops.relu(Ops.addScalar(Ops.subtract(neg, pos), 1f));
    }
}
