package org.jkeras.layers.core;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.layers.KerasTensor;
import org.jkeras.layers.Layer;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code InputLayer} ({@code keras.Input(shape=...)} in a Sequential model): declares the shape of
 * one sample and passes its input through.
 *
 * <pre>{@code
 * Sequential m = new Sequential(new InputLayer(4), new Dense(8, "relu"), new Dense(3, "softmax"));
 * }</pre>
 */
public class InputLayer extends Layer {
    private KerasTensor output;

    public InputLayer(int... shape) {
        inputShape(shape);
    }

    /** The symbolic tensor this input layer produces (Keras's {@code layer.output}); created on first use. */
    public KerasTensor output() {
        if (output == null) {
            output = addInputNode(declaredInputShape(), name());
        }
        return output;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        checkInput(input);
        return input;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("batch_shape", declaredInputShape());
        c.put("dtype", "float32");
        c.put("sparse", false);
        c.put("ragged", false);
        c.put("name", name());
        c.put("optional", false);
        return c;
    }
}
