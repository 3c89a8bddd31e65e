package org.jkeras.layers.reshaping;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code UpSampling1D(size=2)}: repeats each step {@code size} times, {@code (batch, steps, features)} to
 * {@code (batch, steps · size, features)}.
 *
 * <pre>{@code
 * Layer up = new UpSampling1D(3);
 * }</pre>
 */
public class UpSampling1D extends UpSampling {
    public UpSampling1D() {
        this(2);
    }

    public UpSampling1D(int size) {
        super(new int[] {size});
    }

    @Override
    Object sizeConfig() {
        return size()[0];
    }

    @Override
    boolean hasDataFormat() {
        return false;
    }

    public static UpSampling1D fromConfig(LayerConfig c) {
        return new UpSampling1D(c.integer("size", 2));
    }
}
