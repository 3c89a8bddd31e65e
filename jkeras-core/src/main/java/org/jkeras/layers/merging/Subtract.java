package org.jkeras.layers.merging;

import java.util.List;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Subtract} merging layer: {@code inputs[0] - inputs[1]}, exactly two inputs.
 *
 * <pre>{@code
 * KerasTensor a = Input.of(8), b = Input.of(8);
 * KerasTensor y = new Subtract().apply(a, b);      // (None, 8)
 * }</pre>
 */
public class Subtract extends Merge {
    public Subtract() {
        super(2, 2);
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return Ops.subtract(inputs.get(0), inputs.get(1));
    }

    public static Subtract fromConfig(LayerConfig c) {
        return new Subtract();
    }
}
