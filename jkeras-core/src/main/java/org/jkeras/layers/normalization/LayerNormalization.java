package org.jkeras.layers.normalization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.NormalizationOps;
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
public class LayerNormalization extends ScaleOffsetNormalization<LayerNormalization> {
    private int[] axis;
    private boolean axisIsList;
    private double epsilon = 1e-3;
    private boolean rmsScaling;

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

    /** Keras's {@code rms_scaling} (default false). */
    public LayerNormalization rmsScaling(boolean rmsScaling) {
        requireUnbuilt("rms_scaling");
        this.rmsScaling = rmsScaling;
        return this;
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
            addGamma(shape);
        }
        if (center && !rmsScaling) {
            addBeta(shape);
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
        return List.of(NormalizationOps.layerNorm(inputs.get(0), gammaValue(), betaValue(), axis, (float) epsilon, rmsScaling));
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
        putInitializers(c);
        putRegularizersAndConstraints(c);
        return c;
    }

    public static LayerNormalization fromConfig(LayerConfig c) {
        LayerNormalization ln = new LayerNormalization(Axes.list(c, "axis", -1));
        ln.axisIsList = c.get("axis") instanceof List;
        ln.epsilon(c.number("epsilon", 1e-3));
        ln.readCenterScale(c);
        ln.rmsScaling(c.bool("rms_scaling", false));
        ln.readInitializers(c);
        ln.readRegularizersAndConstraints(c);
        return ln;
    }
}
