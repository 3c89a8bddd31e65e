package org.jkeras.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Constraint}: a projection applied to a weight after each optimizer update (not differentiated).
 * Attach one to a layer's weight (e.g. {@code Dense.kernelConstraint}); {@code Layer.applyConstraints()} writes
 * {@link #apply} of each constrained weight back into it.
 *
 * <pre>{@code
 * Constraint c = Constraints.get("max_norm");       // MaxNorm(2, axis 0)
 * c.applyTo(kernel);                                 // kernel = c.apply(kernel)
 * }</pre>
 */
public abstract class Constraint {
    /** Keras's {@code backend.epsilon()}. */
    static final float EPSILON = 1e-7f;

    /** The projected value of {@code w} (a new tensor). */
    public abstract Tensor apply(Tensor w);

    /** {@code variable = apply(variable)}, in place. */
    public final void applyTo(Variable variable) {
        variable.assign(apply(variable.value()));
    }

    public String className() {
        return getClass().getSimpleName();
    }

    /** The constructor arguments as Keras names them. */
    public abstract Map<String, Object> getConfig();

    /** Keras's serialized form: {@code {module, class_name, config, registered_name}}. */
    public Map<String, Object> serialize() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", "keras.constraints");
        m.put("class_name", className());
        m.put("config", getConfig());
        m.put("registered_name", null);
        return m;
    }

    /**
     * {@code w · f(norms)/(ε + norms)} with {@code norms} the L2 norms of {@code w} along {@code axis} (kept as a
     * size-1 axis) and {@code f} mapping each norm to its desired value.
     */
    static Tensor rescaleNorms(Tensor w, int axis, java.util.function.DoubleUnaryOperator desired) {
        int[] s = w.shape();
        if (s.length == 0) {
            throw new IllegalArgumentException("A norm constraint needs a weight of rank >= 1; received a scalar.");
        }
        int ax = axis < 0 ? axis + s.length : axis;
        if (ax < 0 || ax >= s.length) {
            throw new IllegalArgumentException("axis=" + axis + " is out of range for a weight of shape "
                    + java.util.Arrays.toString(s) + ".");
        }
        int outer = 1, mid = s[ax], inner = 1;
        for (int i = 0; i < ax; i++) outer *= s[i];
        for (int i = ax + 1; i < s.length; i++) inner *= s[i];
        float[] d = w.buffer();
        int o = w.offset();
        float[] out = new float[w.size()];
        for (int a = 0; a < outer; a++) {
            for (int c = 0; c < inner; c++) {
                double sq = 0;
                for (int m = 0; m < mid; m++) {
                    double v = d[o + (a * mid + m) * inner + c];
                    sq += v * v;
                }
                float norm = (float) Math.sqrt(sq);
                float f = (float) desired.applyAsDouble(norm) / (EPSILON + norm);
                for (int m = 0; m < mid; m++) {
                    int i = (a * mid + m) * inner + c;
                    out[i] = d[o + i] * f;
                }
            }
        }
        return Tensor.of(out, s);
    }

    @Override
    public String toString() {
        return className() + getConfig();
    }
}
