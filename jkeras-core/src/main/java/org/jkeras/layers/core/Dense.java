package org.jkeras.layers.core;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.activations.ActivationFunction;
import org.jkeras.activations.Activations;
import org.jkeras.autodiff.Variable;
import org.jkeras.constraints.Constraint;
import org.jkeras.constraints.Constraints;
import org.jkeras.initializers.Initializer;
import org.jkeras.initializers.Initializers;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.InputSpec;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.layers.Shapes;
import org.jkeras.ops.Ops;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.regularizers.Regularizers;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.UnaryOp;

/**
 * Keras's {@code Dense}: {@code activation(input · kernel + bias)} over the last axis of the input.
 * Elementwise activations run fused with the matrix product in one kernel; softmax follows it.
 *
 * <pre>{@code
 * Layer hidden = new Dense(64, "relu").inputDim(784);
 * Dense out = new Dense(10, "softmax").kernelInitializer("he_normal");
 * }</pre>
 */
public class Dense extends Layer {
    private final int units;
    private final ActivationFunction activation;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.get("glorot_uniform");
    private Initializer biasInitializer = Initializers.get("zeros");
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;
    private Variable kernel;
    private Variable bias;

    /** A Dense layer with no activation (linear). */
    public Dense(int units) {
        this(units, null);
    }

    /** A Dense layer with a Keras activation name ({@code "relu"}, {@code "softmax"}, ...; null = linear). */
    public Dense(int units, String activation) {
        if (units <= 0) {
            throw new IllegalArgumentException("Received an invalid value for `units`, expected a positive integer. Received: units="
                    + units + ".");
        }
        this.units = units;
        this.activation = Activations.get(activation);
        setInputSpec(InputSpec.minNdim(2));
    }

    /** Keras's {@code use_bias} (default true). */
    public Dense useBias(boolean useBias) {
        requireUnbuilt("use_bias");
        this.useBias = useBias;
        return this;
    }

    /** Keras's {@code kernel_initializer} by name (default {@code glorot_uniform}). */
    public Dense kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    public Dense kernelInitializer(Initializer initializer) {
        requireUnbuilt("kernel_initializer");
        this.kernelInitializer = initializer;
        return this;
    }

    /** Keras's {@code kernel_regularizer} (default none): its penalty on the kernel joins {@link #losses()}. */
    public Dense kernelRegularizer(Regularizer regularizer) {
        requireUnbuilt("kernel_regularizer");
        this.kernelRegularizer = regularizer;
        return this;
    }

    /** {@code kernel_regularizer} by name, e.g. {@code "l2"} (see {@link Regularizers#get}). */
    public Dense kernelRegularizer(String name) {
        return kernelRegularizer(Regularizers.get(name));
    }

    /** Keras's {@code bias_regularizer} (default none). */
    public Dense biasRegularizer(Regularizer regularizer) {
        requireUnbuilt("bias_regularizer");
        this.biasRegularizer = regularizer;
        return this;
    }

    public Dense biasRegularizer(String name) {
        return biasRegularizer(Regularizers.get(name));
    }

    /** Keras's {@code kernel_constraint} (default none), applied by {@link #applyConstraints()}. */
    public Dense kernelConstraint(Constraint constraint) {
        requireUnbuilt("kernel_constraint");
        this.kernelConstraint = constraint;
        return this;
    }

    /** {@code kernel_constraint} by name, e.g. {@code "max_norm"} (see {@link Constraints#get}). */
    public Dense kernelConstraint(String name) {
        return kernelConstraint(Constraints.get(name));
    }

    /** Keras's {@code bias_constraint} (default none). */
    public Dense biasConstraint(Constraint constraint) {
        requireUnbuilt("bias_constraint");
        this.biasConstraint = constraint;
        return this;
    }

    public Dense biasConstraint(String name) {
        return biasConstraint(Constraints.get(name));
    }

    /** Keras's {@code bias_initializer} by name (default {@code zeros}). */
    public Dense biasInitializer(String name) {
        return biasInitializer(Initializers.get(name));
    }

    public Dense biasInitializer(Initializer initializer) {
        requireUnbuilt("bias_initializer");
        this.biasInitializer = initializer;
        return this;
    }

    public int units() {
        return units;
    }

    public ActivationFunction activation() {
        return activation;
    }

    /** The kernel initializer (Keras's {@code kernel_initializer}). */
    public Initializer kernelInitializer() {
        return kernelInitializer;
    }

    /** The bias initializer (Keras's {@code bias_initializer}). */
    public Initializer biasInitializer() {
        return biasInitializer;
    }

    public boolean useBias() {
        return useBias;
    }

    /** The kernel variable, {@code [inputDim, units]} (null before build). */
    public Variable kernel() {
        return kernel;
    }

    /** The bias variable, {@code [units]} (null before build or without bias). */
    public Variable bias() {
        return bias;
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        int[] inputShape = inputShapes.get(0);
        int inputDim = inputShape[inputShape.length - 1];
        if (inputDim <= 0) {
            throw new IllegalArgumentException("Dense layer '" + name() + "' needs a known last input dimension; got input shape "
                    + Shapes.describe(inputShape) + ".");
        }
        kernel = addWeight("kernel", new int[] {inputDim, units}, kernelInitializer, true, kernelRegularizer,
                kernelConstraint);
        if (useBias) {
            bias = addWeight("bias", new int[] {units}, biasInitializer, true, biasRegularizer, biasConstraint);
        }
        setInputSpec(InputSpec.minNdim(2).axis(-1, inputDim));
    }

    /** Keras's Dense has {@code supports_masking}: a timestep mask passes through to the next layer and the loss. */
    @Override
    protected boolean supportsMasking() {
        return true;
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] inputShape = inputShapes.get(0);
        int[] out = Arrays.copyOf(inputShape, inputShape.length);
        out[out.length - 1] = units;
        return List.of(out);
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor input = inputs.get(0);
        UnaryOp fused = activation.elementwise();
        Tensor b = bias == null ? null : bias.value();
        Tensor out = fused != null ? Ops.dense(input, kernel.value(), b, fused, activation.param())
                : activation.apply(Ops.dense(input, kernel.value(), b, UnaryOp.LINEAR, 0f));
        return List.of(out);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("units", units);
        c.put("activation", activation.name());
        c.put("use_bias", useBias);
        c.put("kernel_initializer", kernelInitializer);
        c.put("bias_initializer", biasInitializer);
        c.put("kernel_regularizer", kernelRegularizer == null ? null : kernelRegularizer.serialize());
        c.put("bias_regularizer", biasRegularizer == null ? null : biasRegularizer.serialize());
        c.put("kernel_constraint", kernelConstraint == null ? null : kernelConstraint.serialize());
        c.put("bias_constraint", biasConstraint == null ? null : biasConstraint.serialize());
        c.put("quantization_config", null);
        return c;
    }

    /** Reads {@link #getConfig()}'s keys back (Keras's {@code from_config}); the base keys are read by the caller. */
    public static Dense fromConfig(LayerConfig c) {
        c.requireNull("quantization_config", "lora_rank");
        Object act = c.get("activation");
        if (act != null && !(act instanceof String)) {
            throw new IllegalArgumentException("Activation " + act + " in " + c.where() + " is not a built-in "
                    + "activation name; jkeras supports names such as \"relu\" or \"softmax\".");
        }
        Dense d = new Dense(c.integer("units"), (String) act);
        d.useBias(c.bool("use_bias", true));
        d.kernelInitializer(c.initializer("kernel_initializer", "glorot_uniform"));
        d.biasInitializer(c.initializer("bias_initializer", "zeros"));
        d.kernelRegularizer(c.regularizer("kernel_regularizer"));
        d.biasRegularizer(c.regularizer("bias_regularizer"));
        d.kernelConstraint(c.constraint("kernel_constraint"));
        d.biasConstraint(c.constraint("bias_constraint"));
        return d;
    }
}
