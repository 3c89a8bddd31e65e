package org.jkeras.layers.reshaping;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code Cropping1D(cropping=(1, 1))}: drops steps at the start and end of {@code (batch, steps, features)}.
 *
 * <pre>{@code
 * Layer crop = new Cropping1D(2, 0);   // (None, 10, 4) -> (None, 8, 4)
 * }</pre>
 */
public class Cropping1D extends Cropping {
    public Cropping1D() {
        this(1);
    }

    public Cropping1D(int cropping) {
        this(cropping, cropping);
    }

    public Cropping1D(int start, int end) {
        super(new int[][] {{start, end}}, 1);
    }

    @Override
    Object croppingConfig() {
        return Spatial.list(cropping()[0]);
    }

    @Override
    boolean hasDataFormat() {
        return false;
    }

    public static Cropping1D fromConfig(LayerConfig c) {
        int[] p = c.ints("cropping", 2, new int[] {1, 1});
        return new Cropping1D(p[0], p[1]);
    }
}
