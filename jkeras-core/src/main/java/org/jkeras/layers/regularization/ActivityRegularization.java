package org.jkeras.layers.regularization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.regularizers.L1L2;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code ActivityRegularization}: the identity, whose call adds {@code (l1·Σ|x| + l2·Σx²) / batch} to the
 * model's losses (through the base layer's activity regularizer, as Keras).
 *
 * <pre>{@code
 * Layer reg = new ActivityRegularization(0.0, 1e-3);
 * }</pre>
 */
public class ActivityRegularization extends Layer {
    private final double l1, l2;

    public ActivityRegularization(double l1, double l2) {
        if (!(l1 >= 0) || !(l2 >= 0)) {
            throw new IllegalArgumentException("ActivityRegularization: l1 and l2 must be >= 0; received: l1=" + l1
                    + ", l2=" + l2 + ".");
        }
        this.l1 = l1;
        this.l2 = l2;
        activityRegularizer(new L1L2(l1, l2));
    }

    public double l1() {
        return l1;
    }

    public double l2() {
        return l2;
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
        return List.of(inputs.get(0));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.remove("activity_regularizer");
        c.put("l1", l1);
        c.put("l2", l2);
        return c;
    }

    public static ActivityRegularization fromConfig(LayerConfig c) {
        return new ActivityRegularization(c.number("l1", 0), c.number("l2", 0));
    }
}
