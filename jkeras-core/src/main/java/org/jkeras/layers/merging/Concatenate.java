package org.jkeras.layers.merging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Concatenate(axis=-1)}: joins its inputs along {@code axis}; every other dimension must match.
 *
 * <pre>{@code
 * KerasTensor a = Input.of("input_1", 3), b = Input.of("input_2", 5);
 * KerasTensor ab = new Concatenate().apply(a, b);         // (None, 8)
 * KerasTensor rows = new Concatenate(1).apply(a, a);      // (None, 6)
 * }</pre>
 */
public class Concatenate extends Merge {
    private final int axis;

    /** Concatenates along the last axis. */
    public Concatenate() {
        this(-1);
    }

    /** Concatenates along {@code axis} (negative counts from the end; the batch axis 0 is not allowed). */
    public Concatenate(int axis) {
        super(1, Integer.MAX_VALUE);
        this.axis = axis;
    }

    public int axis() {
        return axis;
    }

    @Override
    protected int[] mergeShape(List<int[]> shapes) {
        int rank = shapes.get(0).length;
        int ax = axis < 0 ? axis + rank : axis;
        if (ax <= 0 || ax >= rank) {
            throw incompatible(shapes, "axis=" + axis + " is out of range for rank " + rank
                    + " (the batch axis cannot be concatenated)");
        }
        int[] out = shapes.get(0).clone();
        out[ax] = 0;
        for (int[] s : shapes) {
            if (s.length != rank) {
                throw incompatible(shapes, "all inputs must have the same rank");
            }
            for (int i = 1; i < rank; i++) {
                if (i != ax && s[i] >= 0 && out[i] >= 0 && s[i] != out[i]) {
                    throw incompatible(shapes, "a Concatenate layer requires inputs with matching shapes except for "
                            + "the concatenation axis " + axis);
                }
                if (i != ax && out[i] < 0) {
                    out[i] = s[i];
                }
            }
            out[ax] = out[ax] < 0 || s[ax] < 0 ? -1 : out[ax] + s[ax];
        }
        out[0] = -1;
        return out;
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return inputs.size() == 1 ? inputs.get(0) : Ops.concatenate(inputs.toArray(new Tensor[0]), axis);
    }

    /** No output mask (jkeras does not combine masks along the concatenation axis yet). */
    @Override
    public List<Tensor> computeMask(List<Tensor> inputs, List<Tensor> masks) {
        return null;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("axis", axis);
        return c;
    }

    public static Concatenate fromConfig(LayerConfig c) {
        return new Concatenate(c.integer("axis", -1));
    }
}
