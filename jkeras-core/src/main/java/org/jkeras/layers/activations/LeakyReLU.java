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
 * Keras's {@code LeakyReLU(negative_slope=0.3)}: {@code x} for {@code x >= 0}, else {@code negative_slope · x}.
 * Keras 2's {@code alpha} key is read as {@code negative_slope}.
 *
 * <pre>{@code
 * Layer leaky = new LeakyReLU().negativeSlope(0.1);
 * }</pre>
 */
public class LeakyReLU extends Layer {
    private double negativeSlope = 0.3;

    public LeakyReLU() {}

    /** Keras's {@code negative_slope} (default 0.3); must not be negative. */
    public LeakyReLU negativeSlope(double slope) {
        if (!(slope >= 0)) {
            throw new IllegalArgumentException("The negative_slope value of a Leaky ReLU layer cannot be None or "
                    + "negative value. Expected a float. Received: negative_slope=" + slope + ".");
        }
        this.negativeSlope = slope;
        return this;
    }

    public double negativeSlope() {
        return negativeSlope;
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
        return List.of(Ops.unary(UnaryOp.LEAKY_RELU, inputs.get(0), (float) negativeSlope));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("negative_slope", negativeSlope);
        return c;
    }

    public static LeakyReLU fromConfig(LayerConfig c) {
        double slope = c.has("negative_slope") ? c.number("negative_slope", 0.3) : c.number("alpha", 0.3);
        return new LeakyReLU().negativeSlope(slope);
    }
}
