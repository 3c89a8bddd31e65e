package org.jkeras.layers.merging;

import java.util.List;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Average} merging layer: the elementwise mean of its inputs.
 *
 * <pre>{@code
 * KerasTensor a = Input.of(8), b = Input.of(8);
 * KerasTensor y = new Average().apply(a, b);      // (None, 8)
 * }</pre>
 */
public class Average extends Merge {
    public Average() {
        super(1, Integer.MAX_VALUE);
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return Ops.scale(foldLeft(inputs, Ops::add), 1f / inputs.size());
    }

    public static Average fromConfig(LayerConfig c) {
        return new Average();
    }
}
