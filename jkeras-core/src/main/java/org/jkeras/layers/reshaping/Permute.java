package org.jkeras.layers.reshaping;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.InputSpec;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.ShapeOps;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Permute(dims)}: reorders the non-batch axes; {@code dims} is a permutation of {@code 1..n}
 * (output axis {@code i + 1} is input axis {@code dims[i]}).
 *
 * <pre>{@code
 * Layer swap = new Permute(2, 1);   // (None, 10, 64) -> (None, 64, 10)
 * }</pre>
 */
public class Permute extends Layer {
    private final int[] dims;

    public Permute(int... dims) {
        int[] sorted = dims.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] != i + 1) {
                throw new IllegalArgumentException("Invalid permutation argument `dims` for Permute Layer. The set of "
                        + "indices in `dims` must be consecutive and start from 1. Received dims=" + Arrays.toString(dims) + ".");
            }
        }
        if (dims.length == 0) {
            throw new IllegalArgumentException("Permute needs at least one axis in `dims`; received dims=[].");
        }
        this.dims = dims.clone();
        setInputSpec(InputSpec.ndim(dims.length + 1));
    }

    public int[] dims() {
        return dims.clone();
    }

    private int[] perm() {
        int[] p = new int[dims.length + 1];
        System.arraycopy(dims, 0, p, 1, dims.length);
        return p;
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        int[] out = new int[in.length];
        out[0] = in[0];
        for (int i = 0; i < dims.length; i++) {
            out[i + 1] = in[dims[i]];
        }
        return List.of(out);
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        return List.of(ShapeOps.permute(inputs.get(0), perm()));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("dims", Spatial.list(dims));
        return c;
    }

    public static Permute fromConfig(LayerConfig c) {
        return new Permute(c.intList("dims"));
    }
}
