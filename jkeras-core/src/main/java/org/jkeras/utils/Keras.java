package org.jkeras.utils;

import org.jkeras.layers.Names;
import org.jkeras.tensor.Seeds;

/**
 * Keras's global utilities under their Keras names: {@code keras.utils.set_random_seed} and
 * {@code keras.backend.clear_session}.
 *
 * <pre>{@code
 * Keras.setRandomSeed(42);   // same initial weights, dropout masks and shuffles on every run
 * Keras.clearSession();      // layer names start again at "dense", "dense_1", ...
 * }</pre>
 */
public final class Keras {
    private Keras() {}

    /**
     * Keras's {@code set_random_seed}: every later seeded draw of the library (weight initializers, dropout, the
     * shuffling of {@code fit}) follows one reproducible stream, so a whole run repeats exactly.
     */
    public static void setRandomSeed(long seed) {
        Seeds.setGlobalSeed(seed);
    }

    /** Keras's {@code clear_session}: forgets the automatic name counters ({@code dense}, {@code dense_1}, ...). */
    public static void clearSession() {
        Names.reset();
    }
}
