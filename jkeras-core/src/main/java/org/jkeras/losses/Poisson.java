package org.jkeras.losses;

import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Poisson}: per sample {@code mean(y_pred - y_true·log(y_pred + 1e-7))} over the last axis.
 *
 * <pre>{@code
 * Loss p = new Poisson();                          // or Losses.get("poisson")
 * Tensor l = p.compute(counts, rates, null);
 * }</pre>
 */
public final class Poisson extends Loss {
    /** Keras's default name {@code "poisson"}. */
    public Poisson() {
        this("poisson");
    }

    public Poisson(String name) {
        super(name);
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] t = squeezeOrExpandToSameRank(yTrue, yPred);
        Tensor logP = Ops.log(Ops.addScalar(t[1], LossMath.EPSILON));
        return LossMath.meanLast(Ops.subtract(t[1], Ops.multiply(t[0], logP)));
    }
}
