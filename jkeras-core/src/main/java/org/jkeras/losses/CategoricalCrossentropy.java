package org.jkeras.losses;

import java.util.Map;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code CategoricalCrossentropy} for one-hot (or soft) targets: per sample {@code -Σ y·log p} over the
 * last axis. On probabilities, {@code p} is renormalised to sum to 1 and clipped to {@code [1e-7, 1-1e-7]}
 * (Keras 3 torch backend numerics); with {@code fromLogits} a stable log-softmax is used. With label smoothing
 * {@code s}, targets become {@code y·(1-s) + s/classes}.
 *
 * <pre>{@code
 * Loss cce = new CategoricalCrossentropy();                    // from_logits=False, label_smoothing=0
 * Loss logits = new CategoricalCrossentropy(true, 0.1);        // from_logits=True, label_smoothing=0.1
 * Tensor l = cce.compute(oneHot, Ops.softmax(z, -1), null);
 * }</pre>
 */
public final class CategoricalCrossentropy extends Loss {
    private final boolean fromLogits;
    private final double labelSmoothing;

    /** Keras defaults: {@code from_logits=False, label_smoothing=0}. */
    public CategoricalCrossentropy() {
        this(false, 0.0);
    }

    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing) {
        this("categorical_crossentropy", fromLogits, labelSmoothing);
    }

    public CategoricalCrossentropy(String name, boolean fromLogits, double labelSmoothing) {
        super(name);
        this.fromLogits = fromLogits;
        checkLabelSmoothing(labelSmoothing);
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
        if (labelSmoothing > 0) {
            yTrue = smooth(yTrue, labelSmoothing, yPred.dim(yPred.rank() - 1));
        }
        return fromLogits ? Ops.categoricalCrossentropyFromLogits(yTrue, yPred)
                : Ops.categoricalCrossentropy(yTrue, yPred);
    }

    /**
     * {@code y·(1-s) + s/classes} in float32 as torch computes it: {@code 1-s} is a Python double cast to float;
     * {@code s/classes} divides a Python float by a float32 tensor, which torch evaluates as
     * {@code reciprocal(classes) * s}. Targets are constants, so this is not recorded on the tape.
     */
    static Tensor smooth(Tensor yTrue, double s, int classes) {
        float keep = (float) (1.0 - s);
        float add = (1f / (float) classes) * (float) s;
        return LossMath.smoothLabels(yTrue, keep, add);
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
