package org.jkeras.layers.activations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.constraints.Constraint;
import org.jkeras.initializers.Initializer;
import org.jkeras.initializers.Initializers;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.InputSpec;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.ActivationOps;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code PReLU}: {@code x} for {@code x > 0}, else {@code alpha · x} with a learned {@code alpha} of shape
 * {@code input_shape[1:]}, one value shared along each of {@code sharedAxes} (e.g. {@code sharedAxes(1, 2)} for one
 * slope per channel of images).
 *
 * <pre>{@code
 * Layer prelu = new PReLU().sharedAxes(1, 2).alphaInitializer("constant");
 * }</pre>
 */
public class PReLU extends Layer {
    private Initializer alphaInitializer = Initializers.get("zeros");
    private Regularizer alphaRegularizer;
    private Constraint alphaConstraint;
    private int[] sharedAxes;
    private Variable alpha;

    public PReLU() {}

    /** Keras's {@code alpha_initializer} (default {@code "zeros"}). */
    public PReLU alphaInitializer(String name) {
        return alphaInitializer(Initializers.get(name));
    }

    public PReLU alphaInitializer(Initializer initializer) {
        requireUnbuilt("alpha_initializer");
        this.alphaInitializer = initializer;
        return this;
    }

    /** Keras's {@code alpha_regularizer} (default none). */
    public PReLU alphaRegularizer(Regularizer regularizer) {
        requireUnbuilt("alpha_regularizer");
        this.alphaRegularizer = regularizer;
        return this;
    }

    /** Keras's {@code alpha_constraint} (default none). */
    public PReLU alphaConstraint(Constraint constraint) {
        requireUnbuilt("alpha_constraint");
        this.alphaConstraint = constraint;
        return this;
    }

    /** Keras's {@code shared_axes} (default none): input axes (1 = first after the batch) sharing one alpha. */
    public PReLU sharedAxes(int... axes) {
        requireUnbuilt("shared_axes");
        for (int a : axes) {
            if (a < 1) {
                throw new IllegalArgumentException("shared_axes of layer '" + name() + "' must name non-batch axes (1 and "
                        + "above); received: shared_axes=" + Arrays.toString(axes) + ".");
            }
        }
        this.sharedAxes = axes.clone();
        return this;
    }

    public int[] sharedAxes() {
        return sharedAxes == null ? null : sharedAxes.clone();
    }

    /** The alpha variable (null before build). */
    public Variable alpha() {
        return alpha;
    }

    @Override
    protected boolean supportsMasking() {
        return true;
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0);
        int[] param = Arrays.copyOfRange(s, 1, s.length);
        if (sharedAxes != null) {
            for (int a : sharedAxes) {
                if (a >= s.length) {
                    throw new IllegalArgumentException("shared_axes " + Arrays.toString(sharedAxes) + " of layer '"
                            + name() + "' name an axis beyond the input shape " + org.jkeras.layers.Shapes.describe(s) + ".");
                }
                param[a - 1] = 1;
            }
        }
        InputSpec spec = InputSpec.ndim(s.length);
        for (int i = 1; i < s.length; i++) {
            if (param[i - 1] < 0) { // an unknown, unshared axis
                throw new IllegalArgumentException("PReLU layer '" + name() + "' needs every non-shared axis known; got "
                        + "input shape " + org.jkeras.layers.Shapes.describe(s) + ". Share the unknown axes with sharedAxes(...).");
            }
            boolean shared = false;
            if (sharedAxes != null) {
                for (int a : sharedAxes) {
                    shared |= a == i;
                }
            }
            if (!shared) {
                spec = spec.axis(i, s[i]);
            }
        }
        alpha = addWeight("alpha", param, alphaInitializer, true, alphaRegularizer, alphaConstraint);
        setInputSpec(spec);
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        return List.of(inputShapes.get(0).clone());
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        return List.of(ActivationOps.prelu(inputs.get(0), alpha.value()));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("alpha_initializer", alphaInitializer);
        c.put("alpha_regularizer", alphaRegularizer == null ? null : alphaRegularizer.serialize());
        c.put("alpha_constraint", alphaConstraint == null ? null : alphaConstraint.serialize());
        List<Object> axes = null;
        if (sharedAxes != null) {
            axes = new ArrayList<>();
            for (int a : sharedAxes) {
                axes.add(a);
            }
        }
        c.put("shared_axes", axes);
        return c;
    }

    public static PReLU fromConfig(LayerConfig c) {
        PReLU p = new PReLU().alphaInitializer(c.initializer("alpha_initializer", "zeros"))
                .alphaRegularizer(c.regularizer("alpha_regularizer")).alphaConstraint(c.constraint("alpha_constraint"));
        if (c.get("shared_axes") instanceof Number) {
            p.sharedAxes(c.integer("shared_axes"));
        } else if (c.has("shared_axes")) {
            p.sharedAxes(c.intList("shared_axes"));
        }
        return p;
    }
}
