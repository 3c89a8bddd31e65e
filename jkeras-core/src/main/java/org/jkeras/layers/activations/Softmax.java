package org.jkeras.layers.activations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.ActivationOps;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Softmax(axis=-1)} layer: softmax along {@code axis}, or jointly over several axes. With an input
 * mask (from the call's {@link CallContext}, broadcast from the trailing axes), masked positions take no
 * probability: their logits become -1e9 and their outputs 0, as Keras computes it.
 *
 * <pre>{@code
 * Layer sm = new Softmax();                 // last axis
 * Layer joint = new Softmax(1, 2);          // over axes 1 and 2 together
 * }</pre>
 */
public class Softmax extends Layer {
    private final int[] axes;

    /** Softmax over the last axis. */
    public Softmax() {
        this(-1);
    }

    /** Softmax over {@code axes} (negative counts from the end; several = jointly). */
    public Softmax(int... axes) {
        if (axes.length == 0) {
            throw new IllegalArgumentException("Softmax needs at least one axis; received axis=[].");
        }
        this.axes = axes.clone();
    }

    public int[] axes() {
        return axes.clone();
    }

    @Override
    protected boolean supportsMasking() {
        return true;
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int rank = inputShapes.get(0).length;
        for (int a : axes) {
            if (a >= rank || a < -rank) {
                throw new IllegalArgumentException("Softmax layer '" + name() + "': axis " + a + " is out of range for an "
                        + "input of rank " + rank + " (axis=" + Arrays.toString(axes) + ").");
            }
        }
        return List.of(inputShapes.get(0).clone());
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        computeOutputShape(inputShapes);
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        return List.of(ActivationOps.softmax(inputs.get(0), axes, ctx.mask(0)));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        if (axes.length == 1) {
            c.put("axis", axes[0]);
        } else {
            List<Object> l = new ArrayList<>();
            for (int a : axes) {
                l.add(a);
            }
            c.put("axis", l);
        }
        return c;
    }

    public static Softmax fromConfig(LayerConfig c) {
        Object a = c.get("axis");
        if (a == null) {
            return new Softmax();
        }
        return a instanceof Number ? new Softmax(c.integer("axis")) : new Softmax(c.intList("axis"));
    }
}
