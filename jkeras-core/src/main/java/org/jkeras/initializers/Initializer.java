package org.jkeras.initializers;

import java.util.Map;
import org.jkeras.tensor.Tensor;

/**
 * Creates a variable's initial value from its shape and a seed, as Keras's initializers do. The same shape
 * and seed always give the same tensor.
 *
 * <pre>{@code
 * Tensor w = Initializers.get("glorot_uniform").init(new int[] {784, 32}, 42L);
 * }</pre>
 */
public interface Initializer {
    /** A new tensor of {@code shape}. */
    Tensor init(int[] shape, long seed);

    /** The Keras class name, e.g. {@code "GlorotUniform"}. */
    String className();

    /** The Keras config (arguments), e.g. {@code {seed: null}}. */
    Map<String, Object> getConfig();
}
