package org.jkeras.layers.normalization;

import java.util.ArrayList;
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
import org.jkeras.ops.NormalizationOps;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code LayerNormalization}: per sample, mean and biased variance over {@code axis} (an axis or a list),
 * then {@code (x − mean)·rsqrt(var + epsilon)·gamma + beta}; with {@code rmsScaling}, {@code x·rsqrt(var +
 * epsilon)·gamma} (center ignored). gamma and beta have the shape of the normalized dimensions.
 *
 * <pre>{@code
 * Layer ln = new LayerNormalization();                       // axis -1, epsilon 1e-3
 * Layer ln2 = new LayerNormalization(1, 2, 3).epsilon(1e-6); // over H, W and C
 * }</pre>
 */
public class LayerNormalization extends Layer {
    private int[] axis;
    private boolean axisIsList;
    private double epsilon = 1e-3;
    private boolean center = true, scale = true, rmsScaling;
    private Initializer betaInitializer = Initializers.get("zeros"), gammaInitializer = Initializers.get("ones");
    private Regularizer betaRegularizer, gammaRegularizer;
    private Constraint betaConstraint, gammaConstraint;
    private Variable gamma, beta;

    /** Over the last axis. */
    public LayerNormalization() {
        this.axis = new int[] {-1};
    }

    /** Over one axis, or (several arguments) a list of axes, as Keras's {@code axis=[1, 2]}. */
    public LayerNormalization(int... axis) {
        if (axis.length == 0) {
            throw new IllegalArgumentException("LayerNormalization: axis must name at least one axis; received an "
                    + "empty list.");
        }
        this.axis = axis.clone();
        this.axisIsList = axis.length > 1;
    }

    public LayerNormalization epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    public LayerNormalization center(boolean center) {
        requireUnbuilt("center");
        this.center = center;
        return this;
    }

    public LayerNormalization scale(boolean scale) {
        requireUnbuilt("scale");
        this.scale = scale;
        return this;
    }

    /** Keras's {@code rms_scaling} (default false). */
    public LayerNormalization rmsScaling(boolean rmsScaling) {
        requireUnbuilt("rms_scaling");
        this.rmsScaling = rmsScaling;
        return this;
    }

    public LayerNormalization betaInitializer(Initializer i) {
        requireUnbuilt("beta_initializer");
        betaInitializer = i;
        return this;
    }

    public LayerNormalization gammaInitializer(Initializer i) {
        requireUnbuilt("gamma_initializer");
        gammaInitializer = i;
        return this;
    }

    public LayerNormalization betaRegularizer(Regularizer r) {
        requireUnbuilt("beta_regularizer");
        betaRegularizer = r;
        return this;
    }

    public LayerNormalization gammaRegularizer(Regularizer r) {
        requireUnbuilt("gamma_regularizer");
        gammaRegularizer = r;
        return this;
    }

    public LayerNormalization betaConstraint(Constraint c) {
        requireUnbuilt("beta_constraint");
        betaConstraint = c;
        return this;
    }

    public LayerNormalization gammaConstraint(Constraint c) {
        requireUnbuilt("gamma_constraint");
        gammaConstraint = c;
        return this;
    }

    private void requireUnbuilt(String what) {
        if (built()) {
            throw new IllegalStateException("Cannot change " + what + " of layer '" + name() + "' after it was built.");
        }
    }

    public Variable gamma() {
        return gamma;
    }

    public Variable beta() {
        return beta;
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0);
        int[] shape = new int[axis.length];
        for (int i = 0; i < axis.length; i++) {
            int ax = Axes.resolve(axis[i], s, "LayerNormalization", name());
            shape[i] = Axes.knownSize(s, ax, "LayerNormalization", name());
        }
        if (scale || rmsScaling) {
            gamma = addWeight("gamma", shape, gammaInitializer, true, gammaRegularizer, gammaConstraint);
        }
        if (center && !rmsScaling) {
            beta = addWeight("beta", shape, betaInitializer, true, betaRegularizer, betaConstraint);
        }
        axisIsList = true;   // Keras turns an int axis into a list when it builds
    }

    @Override
    protected boolean supportsMasking() {
        return true;
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        return List.of(inputShapes.get(0).clone());
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        return List.of(NormalizationOps.layerNorm(inputs.get(0), gamma != null ? gamma.value() : null,
                beta != null ? beta.value() : null, axis, (float) epsilon, rmsScaling));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        if (axisIsList) {
            List<Integer> l = new ArrayList<>();
            for (int a : axis) l.add(a);
            c.put("axis", l);
        } else {
            c.put("axis", axis[0]);
        }
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        c.put("rms_scaling", rmsScaling);
        c.put("beta_initializer", betaInitializer);
        c.put("gamma_initializer", gammaInitializer);
        c.put("beta_regularizer", betaRegularizer == null ? null : betaRegularizer.serialize());
        c.put("gamma_regularizer", gammaRegularizer == null ? null : gammaRegularizer.serialize());
        c.put("beta_constraint", betaConstraint == null ? null : betaConstraint.serialize());
        c.put("gamma_constraint", gammaConstraint == null ? null : gammaConstraint.serialize());
        return c;
    }

    public static LayerNormalization fromConfig(LayerConfig c) {
        LayerNormalization ln = new LayerNormalization(Axes.list(c, "axis", -1));
        ln.axisIsList = c.get("axis") instanceof List;
        ln.epsilon(c.number("epsilon", 1e-3));
        ln.center(c.bool("center", true));
        ln.scale(c.bool("scale", true));
        ln.rmsScaling(c.bool("rms_scaling", false));
        ln.betaInitializer(c.initializer("beta_initializer", "zeros"));
        ln.gammaInitializer(c.initializer("gamma_initializer", "ones"));
        ln.betaRegularizer(c.regularizer("beta_regularizer"));
        ln.gammaRegularizer(c.regularizer("gamma_regularizer"));
        ln.betaConstraint(c.constraint("beta_constraint"));
        ln.gammaConstraint(c.constraint("gamma_constraint"));
        return ln;
    }
}
