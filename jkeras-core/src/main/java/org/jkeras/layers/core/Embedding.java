package org.jkeras.layers.core;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.constraints.Constraint;
import org.jkeras.initializers.Initializer;
import org.jkeras.initializers.Initializers;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.EmbeddingOps;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Embedding}: maps integer ids in {@code [0, input_dim)} to rows of a trainable
 * {@code embeddings [input_dim, output_dim]} table; the output is the input's shape plus {@code output_dim}. With
 * {@code mask_zero} id 0 is padding: the layer outputs a mask ({@code id != 0}) that recurrent layers, pooling and
 * losses honour. An id out of range is an error naming the id and {@code input_dim}. The gradient is non-zero only on
 * the looked-up rows.
 *
 * <pre>{@code
 * KerasTensor ids = Input.of("tokens", "int32", 20);
 * KerasTensor vectors = new Embedding(10000, 64).maskZero(true).apply(ids);   // [-1, 20, 64], masked where id 0
 * }</pre>
 */
public class Embedding extends Layer {
    private final int inputDim, outputDim;
    private boolean maskZero;
    private Initializer embeddingsInitializer = Initializers.get("random_uniform");
    private Regularizer embeddingsRegularizer;
    private Constraint embeddingsConstraint;
    private Variable embeddings;

    public Embedding(int inputDim, int outputDim) {
        if (inputDim <= 0 || outputDim <= 0) {
            throw new IllegalArgumentException("Both `input_dim` and `output_dim` should be positive, Received input_dim="
                    + inputDim + " and output_dim=" + outputDim);
        }
        this.inputDim = inputDim;
        this.outputDim = outputDim;
    }

    /** Keras's {@code mask_zero} (default false): id 0 is padding and masked. */
    public Embedding maskZero(boolean b) {
        this.maskZero = b;
        return this;
    }

    /** Keras's {@code embeddings_initializer} (default {@code uniform}, i.e. RandomUniform(-0.05, 0.05)). */
    public Embedding embeddingsInitializer(Initializer i) {
        requireUnbuilt("embeddings_initializer");
        this.embeddingsInitializer = i;
        return this;
    }

    public Embedding embeddingsInitializer(String name) {
        return embeddingsInitializer(Initializers.get(name));
    }

    /** Keras's {@code embeddings_regularizer} (default none). */
    public Embedding embeddingsRegularizer(Regularizer r) {
        requireUnbuilt("embeddings_regularizer");
        this.embeddingsRegularizer = r;
        return this;
    }

    /** Keras's {@code embeddings_constraint} (default none). */
    public Embedding embeddingsConstraint(Constraint c) {
        requireUnbuilt("embeddings_constraint");
        this.embeddingsConstraint = c;
        return this;
    }

    public int inputDim() {
        return inputDim;
    }

    public int outputDim() {
        return outputDim;
    }

    public boolean maskZero() {
        return maskZero;
    }

    /** The table variable {@code [input_dim, output_dim]} (null before build). */
    public Variable embeddings() {
        return embeddings;
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        embeddings = addWeight("embeddings", new int[] {inputDim, outputDim}, embeddingsInitializer, true,
                embeddingsRegularizer, embeddingsConstraint);
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0);
        int[] out = Arrays.copyOf(s, s.length + 1);
        out[s.length] = outputDim;
        return List.of(out);
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        return List.of(EmbeddingOps.lookup(embeddings.value(), inputs.get(0), "Embedding '" + name() + "'"));
    }

    /** With {@code mask_zero}: {@code ids != 0} (1 = keep), the input's shape; else no mask. */
    @Override
    public List<Tensor> computeMask(List<Tensor> inputs, List<Tensor> masks) {
        if (!maskZero) {
            return java.util.Collections.singletonList(null);
        }
        Tensor x = inputs.get(0);
        float[] d = x.buffer();
        float[] m = new float[x.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = d[x.offset() + i] != 0f ? 1f : 0f;
        }
        return List.of(Tensor.of(m, x.shape()));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("input_dim", inputDim);
        c.put("output_dim", outputDim);
        c.put("embeddings_initializer", embeddingsInitializer);
        c.put("embeddings_regularizer", embeddingsRegularizer == null ? null : embeddingsRegularizer.serialize());
        c.put("embeddings_constraint", embeddingsConstraint == null ? null : embeddingsConstraint.serialize());
        c.put("mask_zero", maskZero);
        c.put("quantization_config", null);
        return c;
    }

    /** Keras's {@code from_config}; Keras 2's {@code input_length} is accepted (the input shape carries it). */
    public static Embedding fromConfig(LayerConfig c) {
        c.requireNull("quantization_config", "lora_rank");
        Embedding e = new Embedding(c.integer("input_dim"), c.integer("output_dim"));
        e.embeddingsInitializer(c.initializer("embeddings_initializer", "random_uniform"));
        e.embeddingsRegularizer(c.regularizer("embeddings_regularizer"));
        e.embeddingsConstraint(c.constraint("embeddings_constraint"));
        e.maskZero(c.bool("mask_zero", false));
        return e;
    }
}
