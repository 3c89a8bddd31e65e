package org.jkeras.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code MaxNorm}: rescales each slice along {@code axis} (default 0: each column of a Dense kernel, the
 * weights into one unit) so its L2 norm is at most {@code max_value} (default 2):
 * {@code w · clip(norms, 0, max_value) / (1e-7 + norms)}.
 *
 * <pre>{@code
 * Dense d = new Dense(8).kernelConstraint(new MaxNorm(3.0));
 * }</pre>
 */
public final class MaxNorm extends Constraint {
    private final double maxValue;
    private final int axis;

    /** Keras defaults: {@code max_value=2, axis=0}. */
    public MaxNorm() {
        this(2.0, 0);
    }

    public MaxNorm(double maxValue) {
        this(maxValue, 0);
    }

    public MaxNorm(double maxValue, int axis) {
        if (!(maxValue >= 0) || Double.isInfinite(maxValue)) {
            throw new IllegalArgumentException("MaxNorm: max_value must be a finite number >= 0; received: max_value="
                    + maxValue + ".");
        }
        this.maxValue = maxValue;
        this.axis = axis;
    }

    @Override
    public Tensor apply(Tensor w) {
        float max = (float) maxValue;
        return rescaleNorms(w, axis, n -> Math.min(Math.max(n, 0), max));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("max_value", maxValue);
        c.put("axis", axis);
        return c;
    }
}
