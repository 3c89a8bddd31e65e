package org.jkeras.layers.attention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jkeras.autodiff.Variable;
import org.jkeras.constraints.Constraint;
import org.jkeras.initializers.Initializer;
import org.jkeras.initializers.Initializers;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.layers.NestedVariables;
import org.jkeras.ops.ActivationOps;
import org.jkeras.ops.EinsumOps;
import org.jkeras.ops.Ops;
import org.jkeras.ops.ShapeOps;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.Seeds;

/**
 * Keras's {@code MultiHeadAttention} over sequences {@code [B, T, D]} (the default {@code attention_axes}): query,
 * key and value projected by Keras's EinsumDense layouts ({@code query/key} kernels {@code [D, heads, key_dim]},
 * {@code value} {@code [Dv, heads, value_dim]}, biases {@code [heads, dim]}, output kernel
 * {@code [heads, value_dim, output_dim]} and bias {@code [output_dim]}, saved under Keras's
 * {@code query_dense/key_dense/value_dense/output_dense} paths), the query scaled by {@code 1/sqrt(key_dim)},
 * softmax over the value axis with the combined mask, dropout on the scores in training.
 *
 * <p>Inputs: {@code [query, value]}, {@code [query, value, key]} or {@code [query, value, key, attention_mask]}
 * (the mask {@code [B, Tq, Tv]}, 1 = attend). The input masks of query, value and key (Keras's
 * {@code query_mask/value_mask/key_mask}) join the attention mask. Keras's call arguments
 * {@code use_causal_mask} and {@code return_attention_scores} are set on the layer here
 * ({@link #useCausalMask(boolean)}, {@link #returnAttentionScores(boolean)}); with the latter the layer has a second
 * output, the scores {@code [B, heads, Tq, Tv]} (before dropout, as Keras returns them).
 *
 * <pre>{@code
 * MultiHeadAttention mha = new MultiHeadAttention(4, 16).useCausalMask(true);
 * KerasTensor y = mha.apply(x, x);                       // self-attention, [B, T, D] -> [B, T, D]
 * }</pre>
 */
public class MultiHeadAttention extends Layer implements NestedVariables {
    private final int numHeads;
    private final int keyDim;
    private Integer valueDim;
    private double dropout;
    private boolean useBias = true;
    private Integer outputShape;
    private Long seed;
    private boolean useCausalMask;
    private boolean returnAttentionScores;
    private Initializer kernelInitializer = Initializers.get("glorot_uniform");
    private Initializer biasInitializer = Initializers.get("zeros");
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;
    private final Variable[] kernels = new Variable[4];
    private final Variable[] biases = new Variable[4];
    private SplittableRandom random;

    private static final String[] SUBLAYERS = {"query", "key", "value", "attention_output"};
    /** Keras's object-tree names of the four EinsumDense sub-layers in a {@code .keras} file. */
    public static final List<String> SAVED_GROUPS = List.of("query_dense", "key_dense", "value_dense", "output_dense");

    public MultiHeadAttention(int numHeads, int keyDim) {
        if (numHeads <= 0) {
            throw new IllegalArgumentException("MultiHeadAttention: num_heads must be a positive integer; received "
                    + "num_heads=" + numHeads + ".");
        }
        if (keyDim <= 0) {
            throw new IllegalArgumentException("MultiHeadAttention: key_dim (the size of each attention head for query "
                    + "and key) must be a positive integer; received key_dim=" + keyDim + ".");
        }
        this.numHeads = numHeads;
        this.keyDim = keyDim;
    }

    /** Keras's {@code value_dim} (default: key_dim), the size of each head for the value. */
    public MultiHeadAttention valueDim(int v) {
        requireUnbuilt("value_dim");
        if (v <= 0) {
            throw new IllegalArgumentException("MultiHeadAttention: value_dim must be positive; received " + v + ".");
        }
        this.valueDim = v;
        return this;
    }

    /** Keras's {@code dropout} on the attention probabilities (default 0). */
    public MultiHeadAttention dropout(double rate) {
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException("MultiHeadAttention: dropout must be in [0, 1); received " + rate + ".");
        }
        this.dropout = rate;
        return this;
    }

    public MultiHeadAttention useBias(boolean b) {
        requireUnbuilt("use_bias");
        this.useBias = b;
        return this;
    }

    /** Keras's {@code output_shape}: the last output dimension (default: the query's last dimension). */
    public MultiHeadAttention outputShape(int dim) {
        requireUnbuilt("output_shape");
        if (dim <= 0) {
            throw new IllegalArgumentException("MultiHeadAttention: output_shape must be positive; received " + dim + ".");
        }
        this.outputShape = dim;
        return this;
    }

    public MultiHeadAttention seed(long s) {
        this.seed = s;
        this.random = null;
        return this;
    }

    /** Keras's call argument {@code use_causal_mask}: position i attends to positions {@code <= i} only. */
    public MultiHeadAttention useCausalMask(boolean b) {
        this.useCausalMask = b;
        return this;
    }

    /** Keras's call argument {@code return_attention_scores}: a second output with the scores. */
    public MultiHeadAttention returnAttentionScores(boolean b) {
        requireUnbuilt("return_attention_scores");
        this.returnAttentionScores = b;
        return this;
    }

    public MultiHeadAttention kernelInitializer(Initializer i) {
        requireUnbuilt("kernel_initializer");
        this.kernelInitializer = i;
        return this;
    }

    public MultiHeadAttention kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    public MultiHeadAttention biasInitializer(Initializer i) {
        requireUnbuilt("bias_initializer");
        this.biasInitializer = i;
        return this;
    }

    public MultiHeadAttention biasInitializer(String name) {
        return biasInitializer(Initializers.get(name));
    }

    public MultiHeadAttention kernelRegularizer(Regularizer r) {
        requireUnbuilt("kernel_regularizer");
        this.kernelRegularizer = r;
        return this;
    }

    public MultiHeadAttention biasRegularizer(Regularizer r) {
        requireUnbuilt("bias_regularizer");
        this.biasRegularizer = r;
        return this;
    }

    public MultiHeadAttention kernelConstraint(Constraint c) {
        requireUnbuilt("kernel_constraint");
        this.kernelConstraint = c;
        return this;
    }

    public MultiHeadAttention biasConstraint(Constraint c) {
        requireUnbuilt("bias_constraint");
        this.biasConstraint = c;
        return this;
    }

    public int numHeads() {
        return numHeads;
    }

    public int keyDim() {
        return keyDim;
    }

    public int valueDim() {
        return valueDim == null ? keyDim : valueDim;
    }

    public boolean useBias() {
        return useBias;
    }

    public boolean useCausalMask() {
        return useCausalMask;
    }

    public boolean returnAttentionScores() {
        return returnAttentionScores;
    }

    /** The kernel of sub-layer i (0 query, 1 key, 2 value, 3 attention_output); null before build. */
    public Variable kernel(int i) {
        return kernels[i];
    }

    /** The bias of sub-layer i, or null (before build, or without bias). */
    public Variable bias(int i) {
        return biases[i];
    }

    /** The variables of each saved sub-layer, in Keras's order (kernel, bias). */
    public List<List<Variable>> sublayerVariables() {
        List<List<Variable>> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            out.add(biases[i] == null ? List.of(kernels[i]) : List.of(kernels[i], biases[i]));
        }
        return out;
    }

    /**
     * Keras 3's {@code .keras} groups: {@code query_dense/vars} (kernel, bias), then {@code key_dense},
     * {@code value_dense}, {@code output_dense}.
     */
    @Override
    public Map<String, List<Variable>> variableGroups() {
        List<List<Variable>> subs = sublayerVariables();
        Map<String, List<Variable>> out = new LinkedHashMap<>();
        for (int i = 0; i < subs.size(); i++) {
            out.put(SAVED_GROUPS.get(i) + "/vars", subs.get(i));
        }
        return out;
    }

    @Override
    protected int[] inputCount() {
        return new int[] {2, 4};
    }

    private void checkShapes(List<int[]> shapes) {
        for (int i = 0; i < Math.min(shapes.size(), 3); i++) {
            if (shapes.get(i).length != 3) {
                throw new IllegalArgumentException("Input " + i + " of layer \"" + name() + "\" is incompatible with the "
                        + "layer: expected ndim=3 ([batch, timesteps, features]; jkeras's MultiHeadAttention supports the "
                        + "default attention_axes), found ndim=" + shapes.get(i).length + ". Full shape received: "
                        + Arrays.toString(shapes.get(i)));
            }
        }
        int[] v = shapes.get(1);
        int[] k = shapes.size() > 2 ? shapes.get(2) : v;
        if (k[1] >= 0 && v[1] >= 0 && k[1] != v[1]) {
            throw new IllegalArgumentException("All dimensions of `value` and `key`, except the last one, must be equal. "
                    + "Received: value_shape=" + Arrays.toString(v) + " and key_shape=" + Arrays.toString(k));
        }
    }

    @Override
    protected void build(List<int[]> shapes) {
        checkShapes(shapes);
        int dq = shapes.get(0)[2], dv = shapes.get(1)[2];
        int dk = shapes.size() > 2 ? shapes.get(2)[2] : dv;
        int out = outputShape != null ? outputShape : dq;
        int[][] kShapes = {{dq, numHeads, keyDim}, {dk, numHeads, keyDim}, {dv, numHeads, valueDim()},
            {numHeads, valueDim(), out}};
        int[][] bShapes = {{numHeads, keyDim}, {numHeads, keyDim}, {numHeads, valueDim()}, {out}};
        for (int i = 0; i < 4; i++) {
            kernels[i] = addWeight(SUBLAYERS[i] + "/kernel", kShapes[i], kernelInitializer, true, kernelRegularizer,
                    kernelConstraint);
            if (useBias) {
                biases[i] = addWeight(SUBLAYERS[i] + "/bias", bShapes[i], biasInitializer, true, biasRegularizer,
                        biasConstraint);
            }
        }
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> shapes) {
        checkShapes(shapes);
        int[] q = shapes.get(0);
        int[] out = {q[0], q[1], outputShape != null ? outputShape : q[2]};
        if (!returnAttentionScores) {
            return List.of(out);
        }
        return List.of(out, new int[] {q[0], numHeads, q[1], shapes.get(1)[1]});
    }

    @Override
    public List<Tensor> computeMask(List<Tensor> inputs, List<Tensor> masks) {
        if (masks == null || masks.isEmpty() || masks.get(0) == null) {
            return null;
        }
        return returnAttentionScores ? Arrays.asList(masks.get(0), null) : List.of(masks.get(0));
    }

    private Tensor project(int i, Tensor x) {
        Tensor y = EinsumOps.einsum(i == 3 ? "abcd,cde->abe" : "abc,cde->abde", x, kernels[i].value());
        return biases[i] == null ? y : Ops.add(y, biases[i].value());
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor query = inputs.get(0), value = inputs.get(1);
        Tensor key = inputs.size() > 2 ? inputs.get(2) : value;
        int b = query.shape()[0], tq = query.shape()[1], tv = value.shape()[1];
        Tensor mask = AttentionMasks.combine(name(), b, tq, tv, ctx.mask(0), ctx.mask(1),
                inputs.size() > 2 ? ctx.mask(2) : null, inputs.size() > 3 ? inputs.get(3) : null, useCausalMask);
        // [B, T, H, K] -> [B, H, T, K]
        Tensor q = ShapeOps.permute(project(0, query), 0, 2, 1, 3);
        Tensor k = ShapeOps.permute(project(1, key), 0, 2, 1, 3);
        Tensor v = ShapeOps.permute(project(2, value), 0, 2, 1, 3);
        q = Ops.scale(q, (float) (1.0 / Math.sqrt(keyDim)));
        Tensor scores = Ops.matmul(q, k, false, true);                      // [B, H, Tq, Tv]
        Tensor m4 = mask == null ? null : mask.reshape(mask.shape()[0], 1, tq, tv);
        Tensor probs = ActivationOps.softmax(scores, new int[] {-1}, m4);
        Tensor used = probs;
        if (ctx.training() && dropout > 0) {
            if (random == null) {
                random = new SplittableRandom(seed != null ? seed : Seeds.next());
            }
            used = Ops.dropout(probs, (float) dropout, random);
        }
        Tensor o = ShapeOps.permute(Ops.matmul(used, v), 0, 2, 1, 3);   // [B, Tq, H, V]
        Tensor y = project(3, o);
        return returnAttentionScores ? List.of(y, probs) : List.of(y);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("num_heads", numHeads);
        c.put("key_dim", keyDim);
        c.put("value_dim", valueDim());
        c.put("dropout", dropout);
        c.put("use_bias", useBias);
        c.put("output_shape", outputShape);
        c.put("attention_axes", built() ? List.of(1) : null);
        c.put("kernel_initializer", kernelInitializer);
        c.put("bias_initializer", biasInitializer);
        c.put("kernel_regularizer", kernelRegularizer == null ? null : kernelRegularizer.serialize());
        c.put("bias_regularizer", biasRegularizer == null ? null : biasRegularizer.serialize());
        c.put("kernel_constraint", kernelConstraint == null ? null : kernelConstraint.serialize());
        c.put("bias_constraint", biasConstraint == null ? null : biasConstraint.serialize());
        c.put("seed", seed);
        return c;
    }

    /** Reads Keras's config (Keras's {@code from_config}); refuses what jkeras does not compute. */
    public static MultiHeadAttention fromConfig(LayerConfig c) {
        MultiHeadAttention m = new MultiHeadAttention(c.integer("num_heads"), c.integer("key_dim"));
        if (c.get("value_dim") != null) {
            m.valueDim(c.integer("value_dim"));
        }
        m.dropout(c.number("dropout", 0));
        m.useBias(c.bool("use_bias", true));
        Object os = c.get("output_shape");
        if (os instanceof List<?> l && l.size() == 1) {
            os = l.get(0);
        }
        if (os instanceof Number n) {
            m.outputShape(n.intValue());
        } else if (os != null) {
            throw new IllegalArgumentException("MultiHeadAttention in " + c.where() + ": output_shape " + os + " is not "
                    + "supported; jkeras supports an integer (the last output dimension) or null.");
        }
        Object axes = c.get("attention_axes");
        if (axes instanceof Number n) {
            axes = List.of(n);
        }
        if (axes != null && !(axes instanceof List<?> l && l.size() == 1 && ((Number) l.get(0)).intValue() == 1)) {
            throw new IllegalArgumentException("MultiHeadAttention in " + c.where() + ": attention_axes " + axes + " is not "
                    + "supported; jkeras supports the default (None, i.e. [1] for [batch, timesteps, features] inputs).");
        }
        if (c.bool("use_gate", false)) {
            throw new IllegalArgumentException("MultiHeadAttention in " + c.where() + ": use_gate=true is not supported.");
        }
        c.requireNull("sliding_window");
        m.kernelInitializer(c.initializer("kernel_initializer", "glorot_uniform"));
        m.biasInitializer(c.initializer("bias_initializer", "zeros"));
        m.kernelRegularizer(c.regularizer("kernel_regularizer"));
        m.biasRegularizer(c.regularizer("bias_regularizer"));
        m.kernelConstraint(c.constraint("kernel_constraint"));
        m.biasConstraint(c.constraint("bias_constraint"));
        if (c.get("seed") != null) {
            m.seed((long) c.number("seed", 0));
        }
        return m;
    }
}
