package org.jkeras.losses;

import java.util.Map;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code BinaryCrossentropy}: the element-wise binary cross-entropy, averaged over the last axis, so a
 * {@code [n, k]} multi-label output gives {@code n} per-sample losses. Probabilities are clipped to
 * {@code [1e-7, 1-1e-7]} (logs clamped at -100, as torch does); with {@code fromLogits} the stable form
 * {@code max(z,0) - z·y + log1p(exp(-|z|))} is used. Label smoothing {@code s} maps targets to
 * {@code y·(1-s) + 0.5·s}. A target of shape {@code [n]} works with an output of shape {@code [n, 1]}.
 *
 * <pre>{@code
 * Loss bce = new BinaryCrossentropy();                 // from_logits=False, label_smoothing=0
 * Tensor l = bce.compute(Tensor.of(new float[] {1, 0}, 2, 1), Ops.sigmoid(z), null);
 * }</pre>
 */
public final class BinaryCrossentropy extends Loss {
    private final boolean fromLogits;
    private final double labelSmoothing;

    /** Keras defaults: {@code from_logits=False, label_smoothing=0}. */
    public BinaryCrossentropy() {
        this(false, 0.0);
    }

    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing) {
        this("binary_crossentropy", fromLogits, labelSmoothing);
    }

    public BinaryCrossentropy(String name, boolean fromLogits, double labelSmoothing) {
        super(name);
        checkLabelSmoothing(labelSmoothing);
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
    }

    public boolean fromLogits() {
        return fromLogits;
    }

    public double labelSmoothing() {
        return labelSmoothing;
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] t = squeezeOrExpandToSameRank(yTrue, yPred);
        Tensor y = t[0];
        if (labelSmoothing > 0) {
            // Both factors are Python doubles in Keras, cast to float32 by torch.
            float keep = (float) (1.0 - labelSmoothing), add = (float) (0.5 * labelSmoothing);
            y = LossMath.smoothLabels(y, keep, add);
        }
        return LossMath.meanLast(Ops.binaryCrossentropy(y, t[1], fromLogits));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("from_logits", fromLogits);
        c.put("label_smoothing", labelSmoothing);
        c.put("axis", -1);
        return c;
    }
}
