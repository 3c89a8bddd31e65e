package org.jkeras.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code L2}: {@code l2 · Σx²} (default {@code l2 = 0.01}).
 *
 * <pre>{@code
 * Dense d = new Dense(8).kernelRegularizer(new L2(1e-4));
 * }</pre>
 */
public final class L2 extends Regularizer {
    private final double l2;

    /** Keras default: {@code l2=0.01}. */
    public L2() {
        this(0.01);
    }

    public L2(double l2) {
        this.l2 = checkFactor("l2", l2);
    }

    public double l2() {
        return l2;
    }

    @Override
    public Tensor apply(Tensor x) {
        return Ops.scale(Ops.sum(Ops.square(x), new int[0], false), (float) l2);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("l2", l2);
        return c;
    }
}
