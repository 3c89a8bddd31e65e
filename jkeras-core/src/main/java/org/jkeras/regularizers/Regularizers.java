package org.jkeras.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The regularizer registry, Keras 3's {@code keras.regularizers.get} for strings: class names and their snake_case
 * forms ({@code "L1"}, {@code "l1"}, {@code "L2"}, {@code "l2"}, {@code "L1L2"}, {@code "l1_l2"},
 * {@code "OrthogonalRegularizer"}, {@code "orthogonal_regularizer"}), each with Keras's default factors.
 *
 * <pre>{@code
 * Regularizer r = Regularizers.get("l2");          // L2(0.01)
 * }</pre>
 */
public final class Regularizers {
    private Regularizers() {}

    private static final Map<String, Supplier<Regularizer>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put("l1", L1::new);
        REGISTRY.put("L1", L1::new);
        REGISTRY.put("l2", L2::new);
        REGISTRY.put("L2", L2::new);
        REGISTRY.put("l1_l2", L1L2::new);
        REGISTRY.put("l1l2", L1L2::new);
        REGISTRY.put("L1L2", L1L2::new);
        REGISTRY.put("orthogonal_regularizer", OrthogonalRegularizer::new);
        REGISTRY.put("OrthogonalRegularizer", OrthogonalRegularizer::new);
    }

    /**
     * A new regularizer for {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Regularizer get(String name) {
        Supplier<Regularizer> s = name == null ? null : REGISTRY.get(name);
        if (s == null) {
            throw new IllegalArgumentException("Could not interpret regularizer identifier: regularizer="
                    + (name == null ? "null" : "'" + name + "'") + ". Valid names: "
                    + String.join(", ", REGISTRY.keySet()) + "; or pass a Regularizer such as new L2(1e-4).");
        }
        return s.get();
    }
}
