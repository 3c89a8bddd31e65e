package org.jkeras.layers.activations;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.layers.Layer;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.UnaryOp;

/**
 * Keras's {@code ReLU} layer: {@code max(x, 0)}, optionally capped at {@code maxValue}, or leaky with
 * {@code negativeSlope}. Keras's {@code threshold} is supported at its default 0 only.
 *
 * <pre>{@code
 * Layer relu = new ReLU();                 // max(x, 0)
 * Layer relu6 = new ReLU(6.0, 0.0, 0.0);   // min(max(x, 0), 6)
 * }</pre>
 */
public class ReLU extends Layer {
    private final Double maxValue;
    private final double negativeSlope;
    private final double threshold;

    /** Keras defaults: max_value=None, negative_slope=0, threshold=0. */
    public ReLU() {
        this(null, 0.0, 0.0);
    }

    /**
     * Keras's arguments; {@code maxValue} may be null (no cap).
     *
     * @throws IllegalArgumentException for a negative value, or for a combination jkeras does not compute yet
     */
    public ReLU(Double maxValue, double negativeSlope, double threshold) {
        if (maxValue != null && maxValue < 0) {
            throw new IllegalArgumentException("max_value of a ReLU layer cannot be negative; received: max_value=" + maxValue + ".");
        }
        if (negativeSlope < 0) {
            throw new IllegalArgumentException("negative_slope of a ReLU layer cannot be negative; received: negative_slope="
                    + negativeSlope + ".");
        }
        if (threshold != 0 || (negativeSlope != 0 && maxValue != null)) {
            throw new IllegalArgumentException("ReLU with threshold=" + threshold + ", negative_slope=" + negativeSlope
                    + ", max_value=" + maxValue + " is not supported by jkeras yet: supported are threshold=0 with either "
                    + "negative_slope or max_value. Use an Activation layer or a custom layer instead.");
        }
        this.maxValue = maxValue;
        this.negativeSlope = negativeSlope;
        this.threshold = threshold;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        if (negativeSlope != 0) {
            return Ops.unary(UnaryOp.LEAKY_RELU, input, (float) negativeSlope);
        }
        if (maxValue != null) {
            return Ops.clip(input, 0f, maxValue.floatValue());
        }
        return Ops.relu(input);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("max_value", maxValue);
        c.put("negative_slope", negativeSlope);
        c.put("threshold", threshold);
        return c;
    }
}
