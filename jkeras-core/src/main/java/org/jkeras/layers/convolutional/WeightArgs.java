package org.jkeras.layers.convolutional;

import java.util.Map;
import org.jkeras.constraints.Constraint;
import org.jkeras.initializers.Initializer;
import org.jkeras.initializers.Initializers;
import org.jkeras.layers.LayerConfig;
import org.jkeras.regularizers.Regularizer;

/**
 * The initializer, regularizer and constraint of one weight (Keras's {@code <prefix>_initializer},
 * {@code <prefix>_regularizer}, {@code <prefix>_constraint}), with their config keys.
 *
 * <pre>{@code
 * WeightArgs kernel = new WeightArgs("kernel", "glorot_uniform");
 * kernel.putConfig(config);   // kernel_initializer, kernel_regularizer, kernel_constraint
 * }</pre>
 */
final class WeightArgs {
    final String prefix;
    Initializer initializer;
    Regularizer regularizer;
    Constraint constraint;

    WeightArgs(String prefix, String initializer) {
        this.prefix = prefix;
        this.initializer = Initializers.get(initializer);
    }

    void putInitializer(Map<String, Object> c) {
        c.put(prefix + "_initializer", initializer);
    }

    void putRegularizer(Map<String, Object> c) {
        c.put(prefix + "_regularizer", regularizer == null ? null : regularizer.serialize());
    }

    void putConstraint(Map<String, Object> c) {
        c.put(prefix + "_constraint", constraint == null ? null : constraint.serialize());
    }

    void read(LayerConfig c, String dflt) {
        initializer = c.initializer(prefix + "_initializer", dflt);
        regularizer = c.regularizer(prefix + "_regularizer");
        constraint = c.constraint(prefix + "_constraint");
    }
}
