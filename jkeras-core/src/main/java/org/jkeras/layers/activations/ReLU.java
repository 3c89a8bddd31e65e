package org.jkeras.layers.activations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.UnaryOp;

/**
 * Keras's {@code ReLU} layer: {@code max(x, 0)}, optionally capped at {@code maxValue}, or leaky with
 * {@code negativeSlope}. Keras's {@code threshold} is supported at its default 0 only.
 *
 * <pre>{@code
 * Layer relu = new ReLU();                  // max(x, 0)
 * Layer relu6 = new ReLU().maxValue(6);     // min(max(x, 0), 6)
 * }</pre>
 */
public class ReLU extends Layer {
    private Double maxValue;
    private double negativeSlope;
    private double threshold;

    /** Keras defaults: max_value=None, negative_slope=0, threshold=0. */
    public ReLU() {}

    /** Keras's {@code max_value} (default none: no cap); must not be negative. */
    public ReLU maxValue(double maxValue) {
        if (maxValue < 0) {
            throw new IllegalArgumentException("max_value of a ReLU layer cannot be negative; received: max_value=" + maxValue + ".");
        }
        this.maxValue = maxValue;
        return validate();
    }

    /** Keras's {@code negative_slope} (default 0); must not be negative. */
    public ReLU negativeSlope(double negativeSlope) {
        if (negativeSlope < 0) {
            throw new IllegalArgumentException("negative_slope of a ReLU layer cannot be negative; received: negative_slope="
                    + negativeSlope + ".");
        }
        this.negativeSlope = negativeSlope;
        return validate();
    }

    /** Keras's {@code threshold} (default 0). */
    public ReLU threshold(double threshold) {
        this.threshold = threshold;
        return validate();
    }

    private ReLU validate() {
        if (threshold != 0 || (negativeSlope != 0 && maxValue != null)) {
            throw new IllegalArgumentException("ReLU with threshold=" + threshold + ", negative_slope=" + negativeSlope
                    + ", max_value=" + maxValue + " is not supported by jkeras yet: supported are threshold=0 with either "
                    + "negative_slope or max_value. Use an Activation layer or a custom layer instead.");
        }
        return this;
    }

    @Override
    protected boolean supportsMasking() {
        return true;
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        return List.of(inputShapes.get(0).clone());
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor input = inputs.get(0);
        if (negativeSlope != 0) {
            return List.of(Ops.unary(UnaryOp.LEAKY_RELU, input, (float) negativeSlope));
        }
        if (maxValue != null) {
            return List.of(Ops.clip(input, 0f, maxValue.floatValue()));
        }
        return List.of(Ops.relu(input));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("max_value", maxValue);
        c.put("negative_slope", negativeSlope);
        c.put("threshold", threshold);
        return c;
    }

    public static ReLU fromConfig(LayerConfig c) {
        ReLU r = new ReLU();
        if (c.has("max_value")) {
            r.maxValue(c.number("max_value", 0));
        }
        return r.negativeSlope(c.number("negative_slope", 0)).threshold(c.number("threshold", 0));
    }
}
