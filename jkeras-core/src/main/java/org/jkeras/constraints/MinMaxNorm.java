package org.jkeras.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code MinMaxNorm}: moves each slice's L2 norm along {@code axis} towards {@code [min_value, max_value]}:
 * {@code desired = rate · clip(norms, min, max) + (1 - rate) · norms}, then {@code w · desired / (1e-7 + norms)}.
 *
 * <pre>{@code
 * Constraint c = new MinMaxNorm(0.5, 1.0, 1.0, 0);   // defaults are (0, 1, 1, 0)
 * }</pre>
 */
public final class MinMaxNorm extends Constraint {
    private final double minValue;
    private final double maxValue;
    private final double rate;
    private final int axis;

    /** Keras defaults: {@code min_value=0.0, max_value=1.0, rate=1.0, axis=0}. */
    public MinMaxNorm() {
        this(0.0, 1.0, 1.0, 0);
    }

    public MinMaxNorm(double minValue, double maxValue, double rate, int axis) {
        if (!(minValue <= maxValue)) {
            throw new IllegalArgumentException("MinMaxNorm: min_value must be <= max_value; received: min_value="
                    + minValue + ", max_value=" + maxValue + ".");
        }
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("MinMaxNorm: rate must be in [0, 1]; received: rate=" + rate + ".");
        }
        this.minValue = minValue;
        this.maxValue = maxValue;
        this.rate = rate;
        this.axis = axis;
    }

    @Override
    public Tensor apply(Tensor w) {
        float lo = (float) minValue, hi = (float) maxValue, r = (float) rate;
        return rescaleNorms(w, axis, n -> r * Math.min(Math.max((float) n, lo), hi) + (1 - r) * (float) n);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("min_value", minValue);
        c.put("max_value", maxValue);
        c.put("rate", rate);
        c.put("axis", axis);
        return c;
    }
}
