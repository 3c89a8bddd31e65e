package org.jkeras.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code L1L2}: {@code l1 · Σ|x| + l2 · Σx²} (defaults {@code l1 = l2 = 0}; a zero factor adds no term).
 *
 * <pre>{@code
 * Regularizer r = new L1L2(1e-5, 1e-4);
 * }</pre>
 */
public final class L1L2 extends Regularizer {
    private final double l1;
    private final double l2;

    /** Keras defaults: {@code l1=0.0, l2=0.0}. */
    public L1L2() {
        this(0.0, 0.0);
    }

    public L1L2(double l1, double l2) {
        this.l1 = checkFactor("l1", l1);
        this.l2 = checkFactor("l2", l2);
    }

    @Override
    public Tensor apply(Tensor x) {
        Tensor r = Tensor.scalar(0f);
        if (l1 != 0) {
            r = Ops.add(r, Ops.scale(Ops.sum(Ops.abs(x), new int[0], false), (float) l1));
        }
        if (l2 != 0) {
            r = Ops.add(r, Ops.scale(Ops.sum(Ops.square(x), new int[0], false), (float) l2));
        }
        return r;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("l1", l1);
        c.put("l2", l2);
        return c;
    }
}
