package org.jkeras.layers.normalization;

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
import org.jkeras.ops.NormalizationOps;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code GroupNormalization}: the channels of {@code axis} are split into {@code groups} groups; each
 * sample's group is normalized over its channels and every spatial position, then scaled and shifted per channel.
 * {@code groups = -1} means one group per channel (instance normalization); groups = 1 is layer normalization
 * over all non-batch axes.
 *
 * <pre>{@code
 * Layer gn = new GroupNormalization(8);             // axis -1, epsilon 1e-3
 * }</pre>
 */
public class GroupNormalization extends Layer {
    private int groups;
    private int axis = -1;
    private double epsilon = 1e-3;
    private boolean center = true, scale = true;
    private Initializer betaInitializer = Initializers.get("zeros"), gammaInitializer = Initializers.get("ones");
    private Regularizer betaRegularizer, gammaRegularizer;
    private Constraint betaConstraint, gammaConstraint;
    private Variable gamma, beta;

    /** Keras's default: 32 groups. */
    public GroupNormalization() {
        this(32);
    }

    public GroupNormalization(int groups) {
        if (groups == 0 || groups < -1) {
            throw new IllegalArgumentException("GroupNormalization: groups must be a positive number of groups or -1 "
                    + "(one per channel); received: groups=" + groups + ".");
        }
        this.groups = groups;
    }

    public GroupNormalization axis(int axis) {
        requireUnbuilt("axis");
        this.axis = axis;
        return this;
    }

    public GroupNormalization epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    public GroupNormalization center(boolean center) {
        requireUnbuilt("center");
        this.center = center;
        return this;
    }

    public GroupNormalization scale(boolean scale) {
        requireUnbuilt("scale");
        this.scale = scale;
        return this;
    }

    public GroupNormalization betaInitializer(Initializer i) {
        requireUnbuilt("beta_initializer");
        betaInitializer = i;
        return this;
    }

    public GroupNormalization gammaInitializer(Initializer i) {
        requireUnbuilt("gamma_initializer");
        gammaInitializer = i;
        return this;
    }

    public GroupNormalization betaRegularizer(Regularizer r) {
        requireUnbuilt("beta_regularizer");
        betaRegularizer = r;
        return this;
    }

    public GroupNormalization gammaRegularizer(Regularizer r) {
        requireUnbuilt("gamma_regularizer");
        gammaRegularizer = r;
        return this;
    }

    public GroupNormalization betaConstraint(Constraint c) {
        requireUnbuilt("beta_constraint");
        betaConstraint = c;
        return this;
    }

    public GroupNormalization gammaConstraint(Constraint c) {
        requireUnbuilt("gamma_constraint");
        gammaConstraint = c;
        return this;
    }

    private void requireUnbuilt(String what) {
        if (built()) {
            throw new IllegalStateException("Cannot change " + what + " of layer '" + name() + "' after it was built.");
        }
    }

    public int groups() {
        return groups;
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0);
        int ax = Axes.resolve(axis, s, "GroupNormalization", name());
        int c = Axes.knownSize(s, ax, "GroupNormalization", name());
        if (groups == -1) {
            groups = c;
        }
        try {
            NormalizationOps.checkGroups(groups, c);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Layer '" + name() + "': " + e.getMessage(), e);
        }
        setInputSpec(InputSpec.ndim(s.length).axis(ax, c));
        if (scale) {
            gamma = addWeight("gamma", new int[] {c}, gammaInitializer, true, gammaRegularizer, gammaConstraint);
        }
        if (center) {
            beta = addWeight("beta", new int[] {c}, betaInitializer, true, betaRegularizer, betaConstraint);
        }
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
        return List.of(NormalizationOps.groupNorm(inputs.get(0), gamma != null ? gamma.value() : null,
                beta != null ? beta.value() : null, groups, axis, (float) epsilon));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("groups", groups);
        c.put("axis", axis);
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        c.put("beta_initializer", betaInitializer);
        c.put("gamma_initializer", gammaInitializer);
        c.put("beta_regularizer", betaRegularizer == null ? null : betaRegularizer.serialize());
        c.put("gamma_regularizer", gammaRegularizer == null ? null : gammaRegularizer.serialize());
        c.put("beta_constraint", betaConstraint == null ? null : betaConstraint.serialize());
        c.put("gamma_constraint", gammaConstraint == null ? null : gammaConstraint.serialize());
        return c;
    }

    public static GroupNormalization fromConfig(LayerConfig c) {
        GroupNormalization g = new GroupNormalization(c.integer("groups", 32));
        g.axis(Axes.single(c, "axis", -1));
        g.epsilon(c.number("epsilon", 1e-3));
        g.center(c.bool("center", true));
        g.scale(c.bool("scale", true));
        g.betaInitializer(c.initializer("beta_initializer", "zeros"));
        g.gammaInitializer(c.initializer("gamma_initializer", "ones"));
        g.betaRegularizer(c.regularizer("beta_regularizer"));
        g.gammaRegularizer(c.regularizer("gamma_regularizer"));
        g.betaConstraint(c.constraint("beta_constraint"));
        g.gammaConstraint(c.constraint("gamma_constraint"));
        return g;
    }
}
