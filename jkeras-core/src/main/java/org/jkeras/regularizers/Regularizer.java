package org.jkeras.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Regularizer}: a penalty on a weight (or a layer's output), computed with differentiable
 * {@link org.jkeras.ops.Ops} so that it adds to the loss and to the gradients. Attach one to a layer's weight
 * (e.g. {@code Dense.kernelRegularizer}); {@code Layer.losses()} then returns its current value.
 *
 * <pre>{@code
 * Regularizer r = Regularizers.get("l2");          // L2(0.01)
 * Tensor penalty = r.apply(kernel.value());        // 0.01 · Σ w²
 * }</pre>
 */
public abstract class Regularizer {
    /** The penalty for {@code x}, a scalar tensor. */
    public abstract Tensor apply(Tensor x);

    /** The Keras class name, e.g. {@code "L2"}. */
    public String className() {
        return getClass().getSimpleName();
    }

    /** The constructor arguments as Keras names them. */
    public abstract Map<String, Object> getConfig();

    /** Keras's serialized form: {@code {module, class_name, config, registered_name}}. */
    public Map<String, Object> serialize() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", "keras.regularizers");
        m.put("class_name", className());
        m.put("config", getConfig());
        m.put("registered_name", null);
        return m;
    }

    static double checkFactor(String argument, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("Value for argument " + argument + " should be a finite number >= 0; "
                    + "received: " + argument + "=" + value + ".");
        }
        return value;
    }

    @Override
    public String toString() {
        return className() + getConfig();
    }
}
