package org.jkeras.layers.normalization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.InputSpec;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.NormalizationOps;
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
public class GroupNormalization extends ScaleOffsetNormalization<GroupNormalization> {
    private int groups;
    private int axis = -1;
    private double epsilon = 1e-3;

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
            addGamma(new int[] {c});
        }
        if (center) {
            addBeta(new int[] {c});
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
        return List.of(NormalizationOps.groupNorm(inputs.get(0), gammaValue(), betaValue(), groups, axis, (float) epsilon));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("groups", groups);
        c.put("axis", axis);
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        putInitializers(c);
        putRegularizersAndConstraints(c);
        return c;
    }

    public static GroupNormalization fromConfig(LayerConfig c) {
        GroupNormalization g = new GroupNormalization(c.integer("groups", 32));
        g.axis(Axes.single(c, "axis", -1));
        g.epsilon(c.number("epsilon", 1e-3));
        g.readCenterScale(c);
        g.readInitializers(c);
        g.readRegularizersAndConstraints(c);
        return g;
    }
}
