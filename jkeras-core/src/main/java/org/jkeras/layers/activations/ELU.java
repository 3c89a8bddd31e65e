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
 * Keras's {@code ELU(alpha=1.0)}: {@code x} for {@code x > 0}, else {@code alpha · (exp(x) - 1)}. Keras 3 leaves
 * {@code alpha} out of the config (so it is lost on save); jkeras writes it, which Keras reads back, and reads it
 * when present (Keras 2 files).
 *
 * <pre>{@code
 * Layer elu = new ELU().alpha(0.5);
 * }</pre>
 */
public class ELU extends Layer {
    private double alpha = 1.0;

    public ELU() {}

    /** Keras's {@code alpha} (default 1.0). */
    public ELU alpha(double alpha) {
        this.alpha = alpha;
        return this;
    }

    public double alpha() {
        return alpha;
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
        return List.of(Ops.unary(UnaryOp.ELU, inputs.get(0), (float) alpha));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("alpha", alpha);
        return c;
    }

    public static ELU fromConfig(LayerConfig c) {
        return new ELU().alpha(c.number("alpha", 1.0));
    }
}
