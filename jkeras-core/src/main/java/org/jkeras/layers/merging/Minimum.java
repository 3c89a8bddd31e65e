package org.jkeras.layers.merging;

import java.util.List;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Minimum} merging layer: the elementwise minimum of its inputs.
 *
 * <pre>{@code
 * KerasTensor a = Input.of(8), b = Input.of(8);
 * KerasTensor y = new Minimum().apply(a, b);      // (None, 8)
 * }</pre>
 */
public class Minimum extends Merge {
    public Minimum() {
        super(1, Integer.MAX_VALUE);
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return foldLeft(inputs, Ops::minimum);
    }

    public static Minimum fromConfig(LayerConfig c) {
        return new Minimum();
    }
}
