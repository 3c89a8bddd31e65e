package org.jkeras.layers.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.activations.ActivationFunction;
import org.jkeras.activations.Activations;
import org.jkeras.autodiff.Variable;
import org.jkeras.constraints.Constraint;
import org.jkeras.initializers.Initializer;
import org.jkeras.initializers.Initializers;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.InputSpec;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.EinsumOps;
import org.jkeras.ops.Ops;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code EinsumDense}: {@code activation(einsum(equation, input, kernel) + bias)}, the kernel's shape read
 * from the equation (input dims for contracted axes, {@code output_shape} for the others) and the bias over
 * {@code bias_axes} of the output, broadcast from its first bias axis to the end. Equations follow
 * {@link EinsumOps}: each input axis is kept or contracted, with an optional leading {@code ...}.
 *
 * <pre>{@code
 * EinsumDense heads = new EinsumDense("abc,cde->abde", null, 4, 16).biasAxes("de");   // [B, T, D] -> [B, T, 4, 16]
 * EinsumDense dense = new EinsumDense("ab,bc->ac", 64).biasAxes("c");               // a Dense(64)
 * }</pre>
 */
public class EinsumDense extends Layer {
    private final String equation;
    private final Integer[] outputShape;
    private ActivationFunction activation = Activations.get(null);
    private String biasAxes;
    private Initializer kernelInitializer = Initializers.get("glorot_uniform");
    private Initializer biasInitializer = Initializers.get("zeros");
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;
    private Variable kernel;
    private Variable bias;

    /**
     * An EinsumDense layer; {@code outputShape} is Keras's {@code output_shape} without the batch axis (null entries:
     * the size comes from the input).
     */
    public EinsumDense(String equation, Integer... outputShape) {
        if (equation == null || !equation.contains("->")) {
            throw new IllegalArgumentException("EinsumDense: invalid equation " + equation + "; expected the form "
                    + "[X],[Y]->[Z], e.g. 'abc,cde->abde'.");
        }
        this.equation = equation;
        this.outputShape = outputShape.clone();
        setInputSpec(InputSpec.minNdim(1));
    }

    /** Keras's {@code activation} by name (default linear). */
    public EinsumDense activation(String name) {
        requireUnbuilt("activation");
        this.activation = Activations.get(name);
        return this;
    }

    /** Keras's {@code bias_axes} (default none: no bias), output axes letters, e.g. {@code "de"}. */
    public EinsumDense biasAxes(String axes) {
        requireUnbuilt("bias_axes");
        this.biasAxes = axes;
        return this;
    }

    public EinsumDense kernelInitializer(Initializer initializer) {
        requireUnbuilt("kernel_initializer");
        this.kernelInitializer = initializer;
        return this;
    }

    public EinsumDense kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    public EinsumDense biasInitializer(Initializer initializer) {
        requireUnbuilt("bias_initializer");
        this.biasInitializer = initializer;
        return this;
    }

    public EinsumDense biasInitializer(String name) {
        return biasInitializer(Initializers.get(name));
    }

    public EinsumDense kernelRegularizer(Regularizer r) {
        requireUnbuilt("kernel_regularizer");
        this.kernelRegularizer = r;
        return this;
    }

    public EinsumDense biasRegularizer(Regularizer r) {
        requireUnbuilt("bias_regularizer");
        this.biasRegularizer = r;
        return this;
    }

    public EinsumDense kernelConstraint(Constraint c) {
        requireUnbuilt("kernel_constraint");
        this.kernelConstraint = c;
        return this;
    }

    public EinsumDense biasConstraint(Constraint c) {
        requireUnbuilt("bias_constraint");
        this.biasConstraint = c;
        return this;
    }

    public String equation() {
        return equation;
    }

    public String biasAxes() {
        return biasAxes;
    }

    /** The kernel (null before build). */
    public Variable kernel() {
        return kernel;
    }

    /** The bias (null before build or without bias axes). */
    public Variable bias() {
        return bias;
    }

    /** The full output shape (batch first, -1 unknown) for an input shape, checking the equation against it. */
    private int[] fullOutputShape(int[] in) {
        EinsumOps.Equation e = EinsumOps.Equation.parse(equation, in.length);
        String out = e.output();
        int offset = Math.max(e.elided(), 1);
        if (outputShape.length != out.length() - offset) {
            throw new IllegalArgumentException("EinsumDense '" + name() + "': output_shape " + Arrays.toString(outputShape)
                    + " must give " + (out.length() - offset) + " sizes (the output spec '" + out + "' without its batch "
                    + (e.elided() > 0 ? "and '...' " : "") + "axes).");
        }
        int[] shape = new int[out.length()];
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            Integer given = i >= offset ? outputShape[i - offset] : null;
            int fromInput = e.input().indexOf(c) >= 0 ? in[e.input().indexOf(c)] : -1;
            if (given != null && fromInput >= 0 && given != fromInput) {
                throw new IllegalArgumentException("Input shape and output shape do not match at shared dimension '" + c
                        + "'. Input shape is " + fromInput + ", and output shape is " + given + ".");
            }
            if (given == null && e.input().indexOf(c) < 0) {
                throw new IllegalArgumentException("EinsumDense '" + name() + "': output axis '" + c + "' is not an input "
                        + "axis, so output_shape must give its size; received " + Arrays.toString(outputShape) + ".");
            }
            shape[i] = given != null ? given : fromInput;
        }
        return shape;
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        EinsumOps.Equation e = EinsumOps.Equation.parse(equation, in.length);
        int[] out = fullOutputShape(in);
        int[] k = new int[e.kernel().length()];
        for (int i = 0; i < k.length; i++) {
            char c = e.kernel().charAt(i);
            k[i] = e.input().indexOf(c) >= 0 ? in[e.input().indexOf(c)] : out[e.output().indexOf(c)];
            if (k[i] <= 0) {
                throw new IllegalArgumentException("EinsumDense '" + name() + "': kernel axis '" + c + "' needs a known "
                        + "size; input shape " + Arrays.toString(in) + ", output shape " + Arrays.toString(out) + ".");
            }
        }
        kernel = addWeight("kernel", k, kernelInitializer, true, kernelRegularizer, kernelConstraint);
        if (biasAxes != null && !biasAxes.isEmpty()) {
            int first = Integer.MAX_VALUE;
            for (char c : biasAxes.toCharArray()) {
                if (e.output().indexOf(c) < 0) {
                    throw new IllegalArgumentException("Bias dimension '" + c + "' was requested, but is not part of the "
                            + "output spec '" + e.output() + "'");
                }
                first = Math.min(first, e.output().indexOf(c));
            }
            int[] b = new int[e.output().length() - first];
            for (int i = 0; i < b.length; i++) {
                char c = e.output().charAt(first + i);
                b[i] = biasAxes.indexOf(c) >= 0 ? out[first + i] : 1;
            }
            bias = addWeight("bias", b, biasInitializer, true, biasRegularizer, biasConstraint);
        }
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        return List.of(fullOutputShape(inputShapes.get(0)));
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor y = EinsumOps.einsum(equation, inputs.get(0), kernel.value());
        if (bias != null) {
            y = Ops.add(y, bias.value());
        }
        return List.of(activation.apply(y));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        List<Object> os = new ArrayList<>(Arrays.asList((Object[]) outputShape));
        c.put("output_shape", os.size() == 1 && os.get(0) != null ? os.get(0) : os);
        c.put("equation", equation);
        c.put("activation", activation.name());
        c.put("bias_axes", biasAxes);
        c.put("kernel_initializer", kernelInitializer);
        c.put("bias_initializer", biasInitializer);
        c.put("kernel_regularizer", kernelRegularizer == null ? null : kernelRegularizer.serialize());
        c.put("bias_regularizer", biasRegularizer == null ? null : biasRegularizer.serialize());
        c.put("kernel_constraint", kernelConstraint == null ? null : kernelConstraint.serialize());
        c.put("bias_constraint", biasConstraint == null ? null : biasConstraint.serialize());
        c.put("quantization_config", null);
        return c;
    }

    /** Reads {@link #getConfig()}'s keys (Keras's {@code from_config}). */
    public static EinsumDense fromConfig(LayerConfig c) {
        c.requireNull("quantization_config", "lora_rank");
        EinsumDense d = new EinsumDense(c.string("equation", null), shapeOf(c.get("output_shape"), c));
        Object act = c.get("activation");
        if (act != null && !(act instanceof String)) {
            throw new IllegalArgumentException("Activation " + act + " in " + c.where() + " is not a built-in activation name.");
        }
        d.activation((String) act);
        d.biasAxes(c.string("bias_axes", null));
        d.kernelInitializer(c.initializer("kernel_initializer", "glorot_uniform"));
        d.biasInitializer(c.initializer("bias_initializer", "zeros"));
        d.kernelRegularizer(c.regularizer("kernel_regularizer"));
        d.biasRegularizer(c.regularizer("bias_regularizer"));
        d.kernelConstraint(c.constraint("kernel_constraint"));
        d.biasConstraint(c.constraint("bias_constraint"));
        return d;
    }

    static Integer[] shapeOf(Object v, LayerConfig c) {
        if (v instanceof Number n) {
            return new Integer[] {n.intValue()};
        }
        if (v instanceof List<?> l) {
            Integer[] out = new Integer[l.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = l.get(i) == null ? null : ((Number) l.get(i)).intValue();
            }
            return out;
        }
        throw new IllegalArgumentException("output_shape in " + c.where() + " must be an integer or a list of integers "
                + "and nulls; received " + v + ".");
    }
}
