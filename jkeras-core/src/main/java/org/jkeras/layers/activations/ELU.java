package org.jkeras.layers.activations;

import org.jkeras.layers.LayerConfig;
import org.jkeras.tensor.UnaryOp;

/**
 * Keras's {@code ELU(alpha=1.0)}: {@code x} for {@code x > 0}, else {@code alpha · (exp(x) - 1)}. Keras 3 leaves
 * {@code alpha} out of the config (so it is lost on save); jkeras writes it, which Keras reads back, and reads it
 * when present (Keras 2 files).
 *
 * <pre>{@code
 * Layer elu = new ELU().alpha(0.5);
 * }</pre>
 */
public class ELU extends SingleParameterActivation {
    public ELU() {
        super(UnaryOp.ELU, "alpha", 1.0);
    }

    /** Keras's {@code alpha} (default 1.0). */
    public ELU alpha(double alpha) {
        setParameter(alpha);
        return this;
    }

    public double alpha() {
        return parameter();
    }

    public static ELU fromConfig(LayerConfig c) {
        return new ELU().alpha(c.number("alpha", 1.0));
    }
}
