package org.jkeras.layers.regularization;

import java.util.List;
import java.util.SplittableRandom;
import org.jkeras.layers.Layer;
import org.jkeras.tensor.Seeds;

/**
 * The shared part of the noise layers (spatial dropout, Gaussian noise and dropout, alpha dropout): the Keras
 * {@code seed} argument and one random stream per layer, drawn from that seed or, without one, from the global
 * {@link Seeds} stream on first use; shape-preserving and mask-propagating.
 *
 * <pre>{@code
 * Layer noise = new GaussianNoise(0.1).seed(7);   // the same noise on every run
 * }</pre>
 */
public abstract class SeededNoise extends Layer {
    private Long seed;
    private SplittableRandom random;

    protected SeededNoise() {}

    /** Sets Keras's {@code seed} (default none). */
    protected final void setSeed(Long seed) {
        this.seed = seed;
        this.random = null;
    }

    /** The seed, or null. */
    public final Long seed() {
        return seed;
    }

    /** The layer's random stream. */
    protected final SplittableRandom random() {
        if (random == null) {
            random = new SplittableRandom(seed != null ? seed : Seeds.next());
        }
        return random;
    }

    /** Checks a Keras rate argument, with Keras's message. */
    protected static double checkRate(String arg, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `" + arg + "`. Expected a float "
                    + "value between 0 and 1. Received: " + arg + "=" + v + ".");
        }
        return v;
    }

    @Override
    protected boolean supportsMasking() {
        return true;
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        return List.of(inputShapes.get(0).clone());
    }
}
