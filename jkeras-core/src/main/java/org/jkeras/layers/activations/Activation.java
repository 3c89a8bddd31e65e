package org.jkeras.layers.activations;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.activations.ActivationFunction;
import org.jkeras.activations.Activations;
import org.jkeras.layers.Layer;
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
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        return activation.apply(input);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("activation", activation.name());
        return c;
    }
}
