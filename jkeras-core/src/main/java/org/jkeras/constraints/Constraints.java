package org.jkeras.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The constraint registry, Keras 3's {@code keras.constraints.get} for strings: {@code "max_norm"}/{@code "MaxNorm"},
 * {@code "min_max_norm"}/{@code "MinMaxNorm"}, {@code "non_neg"}/{@code "NonNeg"}, {@code "unit_norm"}/{@code "UnitNorm"},
 * each with Keras's defaults.
 *
 * <pre>{@code
 * Constraint c = Constraints.get("non_neg");
 * }</pre>
 */
public final class Constraints {
    private Constraints() {}

    private static final Map<String, Supplier<Constraint>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put("max_norm", MaxNorm::new);
        REGISTRY.put("MaxNorm", MaxNorm::new);
        REGISTRY.put("min_max_norm", MinMaxNorm::new);
        REGISTRY.put("MinMaxNorm", MinMaxNorm::new);
        REGISTRY.put("non_neg", NonNeg::new);
        REGISTRY.put("NonNeg", NonNeg::new);
        REGISTRY.put("unit_norm", UnitNorm::new);
        REGISTRY.put("UnitNorm", UnitNorm::new);
    }

    /**
     * A new constraint for {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Constraint get(String name) {
        Supplier<Constraint> s = name == null ? null : REGISTRY.get(name);
        if (s == null) {
            throw new IllegalArgumentException("Could not interpret constraint identifier: constraint="
                    + (name == null ? "null" : "'" + name + "'") + ". Valid names: "
                    + String.join(", ", REGISTRY.keySet()) + "; or pass a Constraint such as new MaxNorm(3.0).");
        }
        return s.get();
    }
}
