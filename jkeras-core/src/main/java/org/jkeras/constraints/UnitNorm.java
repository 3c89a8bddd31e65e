package org.jkeras.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code UnitNorm}: each slice along {@code axis} (default 0) divided by {@code 1e-7 + its L2 norm}.
 *
 * <pre>{@code
 * Dense d = new Dense(8).kernelConstraint(new UnitNorm());
 * }</pre>
 */
public final class UnitNorm extends Constraint {
    private final int axis;

    /** Keras default: {@code axis=0}. */
    public UnitNorm() {
        this(0);
    }

    public UnitNorm(int axis) {
        this.axis = axis;
    }

    @Override
    public Tensor apply(Tensor w) {
        return rescaleNorms(w, axis, n -> 1.0);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("axis", axis);
        return c;
    }
}
