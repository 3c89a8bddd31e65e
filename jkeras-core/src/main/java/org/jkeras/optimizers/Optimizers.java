package org.jkeras.optimizers;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The optimizer registry, Keras 3's {@code keras.optimizers.get} for strings: the class name, compared
 * case-insensitively ({@code "sgd"}, {@code "SGD"}, {@code "adam"}, {@code "AdamW"}, {@code "rmsprop"}, {@code "Adagrad"}, {@code "Adadelta"}, {@code "Adamax"},
 * {@code "Nadam"}, {@code "Ftrl"}, {@code "Lion"}), gives a
 * new optimizer with Keras's default hyper-parameters.
 *
 * <pre>{@code
 * Optimizer opt = Optimizers.get("adam");      // new Adam()
 * }</pre>
 */
public final class Optimizers {
    private Optimizers() {}

    private static final Map<String, Supplier<Optimizer>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put("sgd", SGD::new);
        REGISTRY.put("adam", Adam::new);
        REGISTRY.put("rmsprop", RMSprop::new);
        REGISTRY.put("adamw", AdamW::new);
        REGISTRY.put("adagrad", Adagrad::new);
        REGISTRY.put("adadelta", Adadelta::new);
        REGISTRY.put("adamax", Adamax::new);
        REGISTRY.put("nadam", Nadam::new);
        REGISTRY.put("ftrl", Ftrl::new);
        REGISTRY.put("lion", Lion::new);
    }

    /**
     * A new optimizer for {@code name} with Keras defaults.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Optimizer get(String name) {
        Supplier<Optimizer> s = name == null ? null : REGISTRY.get(name.toLowerCase(Locale.ROOT));
        if (s == null) {
            throw new IllegalArgumentException("Could not interpret optimizer identifier: optimizer="
                    + (name == null ? "null" : "'" + name + "'") + ". Valid names (case-insensitive): "
                    + String.join(", ", REGISTRY.keySet()) + "; or pass an optimizer object such as "
                    + "Adam.builder().learningRate(1e-3).build().");
        }
        return s.get();
    }
}
