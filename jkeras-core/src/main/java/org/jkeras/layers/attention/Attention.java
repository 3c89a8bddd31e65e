package org.jkeras.layers.attention;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jkeras.autodiff.Variable;
import org.jkeras.initializers.Initializers;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Attention} (Luong-style): scores {@code query · keyᵀ} ({@code score_mode="dot"}, times the scalar
 * {@code scale} with {@code use_scale}) or {@code concat_score_weight · Σ tanh(scale · (q + k))}
 * ({@code "concat"}), masked positions lowered by 1e9 (the value mask, and {@code row >= column} with
 * {@link #useCausalMask(boolean)}), softmax over the value axis, dropout in training, {@code weights · value}, the
 * output zeroed where the query mask is 0. Inputs {@code [query, value]} or {@code [query, value, key]}, each
 * {@code [B, T, dim]}; the output mask is the query's.
 *
 * <pre>{@code
 * KerasTensor context = new Attention().useScale(true).apply(query, value);
 * }</pre>
 */
public class Attention extends Layer {
    private boolean useScale;
    private final String scoreMode;
    private double dropout;
    private Long seed;
    private boolean useCausalMask;
    private boolean returnAttentionScores;
    protected Variable scale;
    private Variable concatScoreWeight;
    private SplittableRandom random;

    /** Keras's defaults: {@code use_scale=False, score_mode="dot"}. */
    public Attention() {
        this("dot");
    }

    /** {@code score_mode} {@code "dot"} or {@code "concat"}. */
    public Attention(String scoreMode) {
        if (!"dot".equals(scoreMode) && !"concat".equals(scoreMode)) {
            throw new IllegalArgumentException("Invalid value for argument score_mode. Expected one of {'dot', 'concat'}. "
                    + "Received: score_mode=" + scoreMode);
        }
        this.scoreMode = scoreMode;
    }

    public Attention useScale(boolean b) {
        if (built()) {
            throw new IllegalStateException("Cannot change use_scale of layer '" + name() + "' after it was built.");
        }
        this.useScale = b;
        return this;
    }

    public Attention dropout(double rate) {
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException(className() + ": dropout must be in [0, 1); received " + rate + ".");
        }
        this.dropout = rate;
        return this;
    }

    public Attention seed(long s) {
        this.seed = s;
        this.random = null;
        return this;
    }

    /** Keras's call argument {@code use_causal_mask}. */
    public Attention useCausalMask(boolean b) {
        this.useCausalMask = b;
        return this;
    }

    /** Keras's call argument {@code return_attention_scores}: a second output, the weights {@code [B, Tq, Tv]}. */
    public Attention returnAttentionScores(boolean b) {
        if (built()) {
            throw new IllegalStateException("Cannot change return_attention_scores of '" + name() + "' after build.");
        }
        this.returnAttentionScores = b;
        return this;
    }

    public boolean useScale() {
        return useScale;
    }

    public String scoreMode() {
        return scoreMode;
    }

    public double dropout() {
        return dropout;
    }

    @Override
    protected int[] inputCount() {
        return new int[] {2, 3};
    }

    protected void checkShapes(List<int[]> shapes) {
        for (int i = 0; i < shapes.size(); i++) {
            if (shapes.get(i).length != 3) {
                throw new IllegalArgumentException("Input " + i + " of layer \"" + name() + "\" is incompatible with the "
                        + "layer: expected ndim=3 ([batch, timesteps, dim]), found ndim=" + shapes.get(i).length
                        + ". Full shape received: " + Arrays.toString(shapes.get(i)));
            }
        }
        int[] q = shapes.get(0), v = shapes.get(1), k = shapes.size() > 2 ? shapes.get(2) : v;
        if (q[2] >= 0 && k[2] >= 0 && q[2] != k[2]) {
            throw new IllegalArgumentException("Layer '" + name() + "': query and key must have the same last dimension; "
                    + "received query shape " + Arrays.toString(q) + " and key shape " + Arrays.toString(k) + ".");
        }
        if (k[1] >= 0 && v[1] >= 0 && k[1] != v[1]) {
            throw new IllegalArgumentException("Layer '" + name() + "': value and key must have the same number of "
                    + "timesteps; received value shape " + Arrays.toString(v) + " and key shape " + Arrays.toString(k) + ".");
        }
    }

    @Override
    protected void build(List<int[]> shapes) {
        checkShapes(shapes);
        if (useScale) {
            scale = addWeight("scale", new int[0], Initializers.get("ones"), true);
        }
        if ("concat".equals(scoreMode)) {
            concatScoreWeight = addWeight("concat_score_weight", new int[0], Initializers.get("ones"), true);
        }
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> shapes) {
        checkShapes(shapes);
        int[] q = shapes.get(0), v = shapes.get(1);
        int[] out = {q[0], q[1], v[2]};
        return returnAttentionScores ? List.of(out, new int[] {q[0], q[1], v[1]}) : List.of(out);
    }

    @Override
    public List<Tensor> computeMask(List<Tensor> inputs, List<Tensor> masks) {
        if (masks == null || masks.isEmpty() || masks.get(0) == null) {
            return null;
        }
        return returnAttentionScores ? Arrays.asList(masks.get(0), null) : List.of(masks.get(0));
    }

    /** The scores {@code [B, Tq, Tv]} of the query {@code [B, Tq, d]} against the key {@code [B, Tv, d]}. */
    protected Tensor scores(Tensor query, Tensor key) {
        if ("dot".equals(scoreMode)) {
            Tensor s = Ops.matmul(query, key, false, true);
            return scale == null ? s : Ops.multiply(s, scale.value());
        }
        Tensor sum = pairSum(query, key);
        if (scale != null) {
            sum = Ops.multiply(sum, scale.value());
        }
        return Ops.multiply(Ops.sum(Ops.tanh(sum), new int[] {-1}, false), concatScoreWeight.value());
    }

    /** {@code q[:, :, None, :] + k[:, None, :, :]}, {@code [B, Tq, Tv, d]}. */
    protected static Tensor pairSum(Tensor query, Tensor key) {
        int[] q = query.shape(), k = key.shape();
        return Ops.add(Ops.reshape(query, q[0], q[1], 1, q[2]), Ops.reshape(key, k[0], 1, k[1], k[2]));
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor q = inputs.get(0), v = inputs.get(1), k = inputs.size() > 2 ? inputs.get(2) : v;
        Tensor s = scores(q, k);
        int b = q.shape()[0], tq = q.shape()[1], tv = v.shape()[1];
        Tensor keep = AttentionMasks.combine(name(), b, tq, tv, null, ctx.mask(1), null, null, useCausalMask);
        if (keep != null) {
            float[] kd = keep.buffer();
            float[] pad = new float[kd.length];
            for (int i = 0; i < pad.length; i++) {
                pad[i] = kd[keep.offset() + i] > 0.5f ? 0f : -1.0e9f;
            }
            s = Ops.add(s, Tensor.of(pad, keep.shape()));
        }
        Tensor weights = Ops.softmax(s, -1);
        Tensor used = weights;
        if (ctx.training() && dropout > 0) {
            if (random == null) {
                random = new SplittableRandom(seed != null ? seed : Seeds.next());
            }
            used = Ops.dropout(weights, (float) dropout, random);
        }
        Tensor out = Ops.matmul(used, v);
        Tensor qm = ctx.mask(0);
        if (qm != null) {
            float[] m = qm.toArray();
            for (int i = 0; i < m.length; i++) {
                m[i] = m[i] > 0.5f ? 1f : 0f;
            }
            out = Ops.multiply(out, Tensor.of(m, b, tq, 1));
        }
        return returnAttentionScores ? List.of(out, weights) : List.of(out);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("use_scale", useScale);
        c.put("score_mode", scoreMode);
        c.put("dropout", dropout);
        c.put("seed", seed);
        return c;
    }

    public static Attention fromConfig(LayerConfig c) {
        Attention a = new Attention(c.string("score_mode", "dot"));
        a.useScale(c.bool("use_scale", false));
        a.dropout(c.number("dropout", 0));
        if (c.get("seed") != null) {
            a.seed((long) c.number("seed", 0));
        }
        return a;
    }
}
