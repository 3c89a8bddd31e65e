package org.jkeras.layers.attention;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.initializers.Initializers;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code AdditiveAttention} (Bahdanau-style): scores {@code Σ_d scale[d] · tanh(q[i, d] + k[j, d])}
 * ({@code use_scale} default true, {@code scale} a {@code [dim]} weight initialised glorot_uniform; without it the
 * plain sum), then as {@link Attention}: value mask, causal mask, softmax, dropout, weights · value.
 *
 * <pre>{@code
 * KerasTensor context = new AdditiveAttention().apply(query, value, key);
 * }</pre>
 */
public class AdditiveAttention extends Attention {
    /** Keras's defaults: {@code use_scale=True, dropout=0}. */
    public AdditiveAttention() {
        super("dot");
        useScale(true);
    }

    @Override
    protected void build(List<int[]> shapes) {
        checkShapes(shapes);
        if (useScale()) {
            int dim = shapes.get(0)[2];
            scale = addWeight("scale", new int[] {dim}, Initializers.get("glorot_uniform"), true);
        }
    }

    @Override
    protected Tensor scores(Tensor query, Tensor key) {
        Tensor t = Ops.tanh(pairSum(query, key));
        if (scale != null) {
            t = Ops.multiply(t, scale.value());
        }
        return Ops.sum(t, new int[] {-1}, false);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.remove("score_mode");
        return c;
    }

    public static AdditiveAttention fromConfig(LayerConfig c) {
        AdditiveAttention a = new AdditiveAttention();
        a.useScale(c.bool("use_scale", true));
        a.dropout(c.number("dropout", 0));
        if (c.get("seed") != null) {
            a.seed((long) c.number("seed", 0));
        }
        return a;
    }
}
