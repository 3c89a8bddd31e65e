package org.jkeras.tensor;

import java.util.SplittableRandom;

/**
 * The process-wide seed source, Keras's {@code keras.utils.set_random_seed}: after {@link #setGlobalSeed},
 * every seeded draw of the library (weight initializers, dropout, shuffling) follows one reproducible stream.
 * Without it, seeds come from the clock.
 *
 * <pre>{@code
 * Seeds.setGlobalSeed(42);
 * Sequential model = ...;   // same initial weights on every run
 * }</pre>
 */
public final class Seeds {
    private static SplittableRandom stream = new SplittableRandom();

    private Seeds() {}

    /** Makes every later draw reproducible. */
    public static synchronized void setGlobalSeed(long seed) {
        stream = new SplittableRandom(seed);
    }

    /** The next seed of the global stream. */
    public static synchronized long next() {
        return stream.nextLong();
    }
}
