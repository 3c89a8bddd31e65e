package org.jkeras.layers.reshaping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.InputSpec;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.Ops;
import org.jkeras.ops.ShapeOps;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code RepeatVector(n)}: repeats each sample's vector {@code n} times, {@code (batch, features)} to
 * {@code (batch, n, features)}.
 *
 * <pre>{@code
 * Layer rep = new RepeatVector(3);   // (None, 32) -> (None, 3, 32)
 * }</pre>
 */
public class RepeatVector extends Layer {
    private final int n;

    public RepeatVector(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("Argument `n` of RepeatVector should be a positive integer. Received: n="
                    + n + ".");
        }
        this.n = n;
        setInputSpec(InputSpec.ndim(2));
    }

    public int n() {
        return n;
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        return List.of(new int[] {in[0], n, in[1]});
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        return List.of(ShapeOps.repeat(Ops.reshape(x, x.dim(0), 1, x.dim(1)), 1, n));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("n", n);
        return c;
    }

    public static RepeatVector fromConfig(LayerConfig c) {
        return new RepeatVector(c.integer("n"));
    }
}
