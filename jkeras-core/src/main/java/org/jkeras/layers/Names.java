package org.jkeras.layers;

import java.util.HashMap;
import java.util.Map;

/**
 * Keras's automatic names: the first layer named {@code dense}, the next {@code dense_1}, and so on, counted
 * per prefix for the whole process (Keras's {@code clear_session()} is {@link #reset()}).
 *
 * <pre>{@code
 * String n = Names.unique("dense");   // "dense", then "dense_1", ...
 * }</pre>
 */
public final class Names {
    private static final Map<String, Integer> COUNTS = new HashMap<>();

    private Names() {}

    /** The next unused name for {@code prefix}. */
    public static synchronized String unique(String prefix) {
        int n = COUNTS.merge(prefix, 1, Integer::sum) - 1;
        return n == 0 ? prefix : prefix + "_" + n;
    }

    /** Forgets all counters, as Keras's {@code keras.backend.clear_session()}. */
    public static synchronized void reset() {
        COUNTS.clear();
    }

    /**
     * Keras's {@code to_snake_case}: {@code "BatchNormalization"} to {@code "batch_normalization"}, {@code "Conv2D"}
     * to {@code "conv2d"}, {@code "Conv2DTranspose"} to {@code "conv2d_transpose"}, {@code "ReLU"} to {@code "re_lu"}.
     */
    public static String snake(String className) {
        return className.replaceAll("\\W+", "").replaceAll("(.)([A-Z][a-z]+)", "$1_$2").replaceAll("([a-z])([A-Z])", "$1_$2")
                .toLowerCase(java.util.Locale.ROOT);
    }
}
