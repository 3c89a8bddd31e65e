package org.jkeras.losses;

import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Hinge}: per sample {@code mean(max(1 - y_true·y_pred, 0))} over the last axis. Labels that are
 * all 0 or 1 are first mapped to -1 or 1 (Keras's {@code convert_binary_labels_to_hinge}); other labels are
 * used as given (they should be -1 or 1).
 *
 * <pre>{@code
 * Loss hinge = new Hinge();                        // or Losses.get("hinge")
 * Tensor l = hinge.compute(Tensor.of(new float[] {1, 0}, 2, 1), Tensor.of(new float[] {0.3f, -2f}, 2, 1), null);
 * // per sample [0.7, 0] → 0.35
 * }</pre>
 */
public final class Hinge extends Loss {
    /** Keras's default name {@code "hinge"}. */
    public Hinge() {
        this("hinge");
    }

    public Hinge(String name) {
        super(name);
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        return LossMath.meanLast(LossMath.hingeMargins(yTrue, yPred));
    }
}
