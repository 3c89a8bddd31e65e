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
 * An elementwise activation layer with one number argument (Keras's {@code ELU}'s {@code alpha},
 * {@code LeakyReLU}'s {@code negative_slope}): the shape-preserving, mask-passing call of its {@link UnaryOp} and
 * the argument's config key.
 *
 * <pre>{@code
 * Layer elu = new ELU().alpha(0.5);   // config {..., "alpha": 0.5}
 * }</pre>
 */
public abstract class SingleParameterActivation extends Layer {
    private final UnaryOp op;
    private final String key;
    private double parameter;

    /** {@code key}: the argument's config key; {@code initial}: its default. */
    protected SingleParameterActivation(UnaryOp op, String key, double initial) {
        this.op = op;
        this.key = key;
        this.parameter = initial;
    }

    protected final void setParameter(double v) {
        this.parameter = v;
    }

    protected final double parameter() {
        return parameter;
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
        return List.of(Ops.unary(op, inputs.get(0), (float) parameter));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put(key, parameter);
        return c;
    }
}
