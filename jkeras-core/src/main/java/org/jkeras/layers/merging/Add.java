package org.jkeras.layers.merging;

import java.util.List;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Add} merging layer: the elementwise sum of its inputs.
 *
 * <pre>{@code
 * KerasTensor a = Input.of(8), b = Input.of(8);
 * KerasTensor y = new Add().apply(a, b);      // (None, 8)
 * }</pre>
 */
public class Add extends Merge {
    public Add() {
        super(1, Integer.MAX_VALUE);
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return foldLeft(inputs, Ops::add);
    }

    public static Add fromConfig(LayerConfig c) {
        return new Add();
    }
}
