package org.jkeras.losses;

import java.util.Map;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code BinaryFocalCrossentropy}: the element-wise binary cross-entropy scaled by the focal factor
 * {@code (1 - p_t)^gamma}, {@code p_t = y·p + (1-y)·(1-p)}, optionally by the class-balancing weight
 * {@code y·alpha + (1-y)·(1-alpha)}, then averaged over the last axis. With {@code fromLogits} the output goes
 * through a sigmoid first (then the clipped probability form is used, as Keras does); label smoothing {@code s}
 * maps targets to {@code y·(1-s) + 0.5·s}.
 *
 * <pre>{@code
 * Loss focal = new BinaryFocalCrossentropy();                      // gamma 2, alpha 0.25, no balancing
 * Loss balanced = new BinaryFocalCrossentropy(true, 0.25, 2.0, false, 0.0);
 * Tensor l = focal.compute(labels, sigmoidOutput, null);
 * }</pre>
 */
public final class BinaryFocalCrossentropy extends Loss {
    private final boolean applyClassBalancing;
    private final double alpha;
    private final double gamma;
    private final boolean fromLogits;
    private final double labelSmoothing;

    /** Keras defaults: apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0. */
    public BinaryFocalCrossentropy() {
        this(false, 0.25, 2.0, false, 0.0);
    }

    public BinaryFocalCrossentropy(boolean applyClassBalancing, double alpha, double gamma, boolean fromLogits,
                                   double labelSmoothing) {
        this("binary_focal_crossentropy", applyClassBalancing, alpha, gamma, fromLogits, labelSmoothing);
    }

    public BinaryFocalCrossentropy(String name, boolean applyClassBalancing, double alpha, double gamma,
                                   boolean fromLogits, double labelSmoothing) {
        super(name);
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("BinaryFocalCrossentropy: gamma must be a finite float >= 0; received: "
                    + "gamma=" + gamma + ". Keras's default is 2.0.");
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("BinaryFocalCrossentropy: alpha must be a float in [0, 1]; received: "
                    + "alpha=" + alpha + ". Keras's default is 0.25.");
        }
        checkLabelSmoothing(labelSmoothing);
        this.applyClassBalancing = applyClassBalancing;
        this.alpha = alpha;
        this.gamma = gamma;
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] t = squeezeOrExpandToSameRank(yTrue, yPred);
        Tensor y = t[0];
        if (labelSmoothing > 0) {
            y = y.scale((float) (1.0 - labelSmoothing)).add(Tensor.scalar((float) (0.5 * labelSmoothing)));
        }
        Tensor p = fromLogits ? Ops.sigmoid(t[1]) : t[1];
        Tensor bce = Ops.binaryCrossentropy(y, p, false);
        Tensor oneMinusY = Tensor.scalar(1f).sub(y);
        Tensor pt = Ops.add(Ops.multiply(y, p), Ops.multiply(oneMinusY, Ops.addScalar(Ops.negative(p), 1f)));
        Tensor focal = Ops.multiply(Ops.power(Ops.addScalar(Ops.negative(pt), 1f), (float) gamma), bce);
        if (applyClassBalancing) {
            Tensor w = y.scale((float) alpha).add(oneMinusY.scale((float) (1.0 - alpha)));
            focal = Ops.multiply(w, focal);
        }
        return LossMath.meanLast(focal);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("apply_class_balancing", applyClassBalancing);
        c.put("alpha", alpha);
        c.put("gamma", gamma);
        c.put("from_logits", fromLogits);
        c.put("label_smoothing", labelSmoothing);
        c.put("axis", -1);
        return c;
    }
}
