package org.jkeras.layers.normalization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.NormalizationOps;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code UnitNormalization}: scales each sample to unit L2 norm along {@code axis} (an axis or a list),
 * {@code x·rsqrt(max(Σ x², 1e-24))} as Keras's {@code ops.normalize(x, order=2, epsilon=1e-12)}.
 *
 * <pre>{@code
 * Layer unit = new UnitNormalization();          // axis -1
 * }</pre>
 */
public class UnitNormalization extends Layer {
    private static final float EPSILON = 1e-12f;
    private final int[] axis;
    private final boolean axisIsList;

    public UnitNormalization() {
        this.axis = new int[] {-1};
        this.axisIsList = false;
    }

    public UnitNormalization(int... axis) {
        if (axis.length == 0) {
            throw new IllegalArgumentException("UnitNormalization: axis must name at least one axis; received an "
                    + "empty list.");
        }
        this.axis = axis.clone();
        this.axisIsList = axis.length > 1;
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        for (int a : axis) {
            Axes.resolve(a, inputShapes.get(0), "UnitNormalization", name());
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
        Tensor x = inputs.get(0);
        if (axis.length == 1) {
            return List.of(NormalizationOps.l2Normalize(x, axis[0], EPSILON));
        }
        Tensor sq = Ops.sum(Ops.square(x), axis, true);
        Tensor inv = Ops.power(Ops.maximum(sq, Tensor.scalar(EPSILON * EPSILON)), -0.5f);
        return List.of(Ops.multiply(x, inv));
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
        return c;
    }

    public static UnitNormalization fromConfig(LayerConfig c) {
        int[] ax = Axes.list(c, "axis", -1);
        return c.get("axis") instanceof List && ax.length == 1 ? new UnitNormalization(ax[0]) : new UnitNormalization(ax);
    }
}
