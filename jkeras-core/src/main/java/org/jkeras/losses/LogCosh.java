package org.jkeras.losses;

import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code LogCosh}: per sample {@code mean(log(cosh(y_pred - y_true)))} over the last axis, computed
 * stably as {@code x + softplus(-2x) - log 2}.
 *
 * <pre>{@code
 * Loss lc = new LogCosh();                         // or Losses.get("log_cosh")
 * Tensor l = lc.compute(yTrue, yPred, null);
 * }</pre>
 */
public final class LogCosh extends Loss {
    private static final float LOG2 = (float) Math.log(2.0);

    /** Keras's default name {@code "log_cosh"}. */
    public LogCosh() {
        this("log_cosh");
    }

    public LogCosh(String name) {
        super(name);
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] t = squeezeOrExpandToSameRank(yTrue, yPred);
        Tensor x = Ops.subtract(t[1], t[0]);
        Tensor v = Ops.addScalar(Ops.add(x, Ops.softplus(Ops.scale(x, -2f))), -LOG2);
        return LossMath.meanLast(v);
    }
}
