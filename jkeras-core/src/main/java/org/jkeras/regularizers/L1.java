package org.jkeras.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code L1}: {@code l1 · Σ|x|} (default {@code l1 = 0.01}).
 *
 * <pre>{@code
 * Dense d = new Dense(8).kernelRegularizer(new L1(1e-4));
 * }</pre>
 */
public final class L1 extends Regularizer {
    private final double l1;

    /** Keras default: {@code l1=0.01}. */
    public L1() {
        this(0.01);
    }

    public L1(double l1) {
        this.l1 = checkFactor("l1", l1);
    }

    public double l1() {
        return l1;
    }

    @Override
    public Tensor apply(Tensor x) {
        return Ops.scale(Ops.sum(Ops.abs(x), new int[0], false), (float) l1);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("l1", l1);
        return c;
    }
}
