package org.jkeras.layers.merging;

import java.util.List;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Multiply} merging layer: the elementwise product of its inputs.
 *
 * <pre>{@code
 * KerasTensor a = Input.of(8), b = Input.of(8);
 * KerasTensor y = new Multiply().apply(a, b);      // (None, 8)
 * }</pre>
 */
public class Multiply extends Merge {
    public Multiply() {
        super(1, Integer.MAX_VALUE);
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return foldLeft(inputs, Ops::multiply);
    }

    public static Multiply fromConfig(LayerConfig c) {
        return new Multiply();
    }
}
