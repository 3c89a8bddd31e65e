package org.jkeras.layers.activations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.ActivationOps;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.UnaryOp;

/**
 * Keras's {@code ReLU} layer, {@code activations.relu(x, negative_slope, max_value, threshold)}: {@code x} above
 * {@code threshold} (else 0), capped at {@code maxValue}, plus {@code negativeSlope · (x - threshold)} below the
 * threshold.
 *
 * <pre>{@code
 * Layer relu = new ReLU();                  // max(x, 0)
 * Layer relu6 = new ReLU().maxValue(6);     // min(max(x, 0), 6)
 * Layer leaky = new ReLU().negativeSlope(0.1).threshold(0.5);
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
        return this;
    }

    /** Keras's {@code negative_slope} (default 0); must not be negative. */
    public ReLU negativeSlope(double negativeSlope) {
        if (negativeSlope < 0) {
            throw new IllegalArgumentException("negative_slope of a ReLU layer cannot be negative; received: negative_slope="
                    + negativeSlope + ".");
        }
        this.negativeSlope = negativeSlope;
        return this;
    }

    /** Keras's {@code threshold} (default 0); must not be negative. */
    public ReLU threshold(double threshold) {
        if (!(threshold >= 0)) {
            throw new IllegalArgumentException("threshold of a ReLU layer cannot be None or a negative value. Received: "
                    + "threshold=" + threshold + ".");
        }
        this.threshold = threshold;
        return this;
    }

    /** The cap, or null. */
    public Double maxValue() {
        return maxValue;
    }

    public double negativeSlope() {
        return negativeSlope;
    }

    public double threshold() {
        return threshold;
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
        if (threshold == 0 && negativeSlope != 0 && maxValue == null) {
            return List.of(Ops.unary(UnaryOp.LEAKY_RELU, input, (float) negativeSlope));
        }
        if (threshold == 0 && negativeSlope == 0) {
            return List.of(maxValue == null ? Ops.relu(input) : Ops.clip(input, 0f, maxValue.floatValue()));
        }
        return List.of(ActivationOps.relu(input, negativeSlope, maxValue, threshold));
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
