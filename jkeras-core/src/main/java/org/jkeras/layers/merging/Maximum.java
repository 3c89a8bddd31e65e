package org.jkeras.layers.merging;

import java.util.List;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Maximum} merging layer: the elementwise maximum of its inputs.
 *
 * <pre>{@code
 * KerasTensor a = Input.of(8), b = Input.of(8);
 * KerasTensor y = new Maximum().apply(a, b);      // (None, 8)
 * }</pre>
 */
public class Maximum extends Merge {
    public Maximum() {
        super(1, Integer.MAX_VALUE);
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return foldLeft(inputs, Ops::maximum);
    }

    public static Maximum fromConfig(LayerConfig c) {
        return new Maximum();
    }
}
