package org.jkeras.losses;

import java.util.Map;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Huber} loss (default name {@code "huber_loss"}, registered as {@code "huber"}): with
 * {@code e = y_pred - y_true}, per element {@code 0.5·e²} where {@code |e| <= delta}, else
 * {@code delta·|e| - 0.5·delta²}; averaged over the last axis. Computed as {@code 0.5·q² + delta·(|e| - q)} with
 * {@code q = min(|e|, delta)}, which has the same values and gradients.
 *
 * <pre>{@code
 * Loss h = new Huber(1.0);                          // delta = 1 (Keras default)
 * Tensor l = h.compute(Tensor.of(new float[] {0, 0}, 2, 1), Tensor.of(new float[] {0.5f, 3f}, 2, 1), null);
 * // per sample [0.125, 2.5] → 1.3125
 * }</pre>
 */
public final class Huber extends Loss {
    private final double delta;

    /** Keras defaults: {@code delta=1.0}, name {@code "huber_loss"}. */
    public Huber() {
        this(1.0);
    }

    public Huber(double delta) {
        this("huber_loss", delta);
    }

    public Huber(String name, double delta) {
        super(name);
        if (!(delta >= 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("Huber: delta must be a finite float >= 0; received: delta=" + delta
                    + ". Keras's default is 1.0.");
        }
        this.delta = delta;
    }

    public double delta() {
        return delta;
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] t = squeezeOrExpandToSameRank(yTrue, yPred);
        float d = (float) delta;
        Tensor a = Ops.abs(Ops.subtract(t[1], t[0]));
        Tensor q = Ops.minimum(a, Tensor.scalar(d));
        Tensor quadratic = Ops.scale(Ops.square(q), 0.5f);
        Tensor linear = Ops.scale(Ops.subtract(a, q), d);
        return LossMath.meanLast(Ops.add(quadratic, linear));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("delta", delta);
        return c;
    }
}
