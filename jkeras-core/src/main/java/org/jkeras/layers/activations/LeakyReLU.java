package org.jkeras.layers.activations;

import org.jkeras.layers.LayerConfig;
import org.jkeras.tensor.UnaryOp;

/**
 * Keras's {@code LeakyReLU(negative_slope=0.3)}: {@code x} for {@code x >= 0}, else {@code negative_slope · x}.
 * Keras 2's {@code alpha} key is read as {@code negative_slope}.
 *
 * <pre>{@code
 * Layer leaky = new LeakyReLU().negativeSlope(0.1);
 * }</pre>
 */
public class LeakyReLU extends SingleParameterActivation {
    public LeakyReLU() {
        super(UnaryOp.LEAKY_RELU, "negative_slope", 0.3);
    }

    /** Keras's {@code negative_slope} (default 0.3); must not be negative. */
    public LeakyReLU negativeSlope(double slope) {
        if (!(slope >= 0)) {
            throw new IllegalArgumentException("The negative_slope value of a Leaky ReLU layer cannot be None or "
                    + "negative value. Expected a float. Received: negative_slope=" + slope + ".");
        }
        setParameter(slope);
        return this;
    }

    public double negativeSlope() {
        return parameter();
    }

    public static LeakyReLU fromConfig(LayerConfig c) {
        double slope = c.has("negative_slope") ? c.number("negative_slope", 0.3) : c.number("alpha", 0.3);
        return new LeakyReLU().negativeSlope(slope);
    }
}
