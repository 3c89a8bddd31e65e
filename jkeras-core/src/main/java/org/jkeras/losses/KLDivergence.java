package org.jkeras.losses;

import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code KLDivergence}: with both arguments clipped to {@code [1e-7, 1]}, per sample
 * {@code Σ y_true·log(y_true / y_pred)} over the last axis.
 *
 * <pre>{@code
 * Loss kld = new KLDivergence();                   // or Losses.get("kld")
 * Tensor l = kld.compute(targetDistribution, probs, null);
 * }</pre>
 */
public final class KLDivergence extends Loss {
    /** Keras's default name {@code "kl_divergence"}. */
    public KLDivergence() {
        this("kl_divergence");
    }

    public KLDivergence(String name) {
        super(name);
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] t = squeezeOrExpandToSameRank(yTrue, yPred);
        Tensor y = Ops.clip(t[0], LossMath.EPSILON, 1f);
        Tensor p = Ops.clip(t[1], LossMath.EPSILON, 1f);
        return Ops.sum(Ops.multiply(y, Ops.log(Ops.divide(y, p))), LossMath.LAST, false);
    }
}
