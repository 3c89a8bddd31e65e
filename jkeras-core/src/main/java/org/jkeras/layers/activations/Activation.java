package org.jkeras.layers.activations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.activations.ActivationFunction;
import org.jkeras.activations.Activations;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Activation} layer: applies a named activation to its input.
 *
 * <pre>{@code
 * Layer relu = new Activation("relu");
 * }</pre>
 */
public class Activation extends Layer {
    private final ActivationFunction activation;

    public Activation(String activation) {
        this.activation = Activations.get(activation);
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
        return List.of(activation.apply(inputs.get(0)));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("activation", activation.name());
        return c;
    }

    public static Activation fromConfig(LayerConfig c) {
        return new Activation(c.string("activation", "linear"));
    }
}
