package org.jkeras.layers.reshaping;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code UpSampling3D(size=(2, 2, 2))}: repeats each entry of the three spatial axes of volumes.
 *
 * <pre>{@code
 * Layer up = new UpSampling3D(1, 2, 2);   // (None, 4, 4, 4, 2) -> (None, 4, 8, 8, 2)
 * }</pre>
 */
public class UpSampling3D extends UpSampling {
    public UpSampling3D() {
        this(2);
    }

    public UpSampling3D(int size) {
        this(size, size, size);
    }

    public UpSampling3D(int d1, int d2, int d3) {
        super(new int[] {d1, d2, d3});
    }

    /** Keras's {@code data_format} (default {@code "channels_last"}). */
    public UpSampling3D dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    public static UpSampling3D fromConfig(LayerConfig c) {
        int[] s = c.ints("size", 3, new int[] {2, 2, 2});
        return new UpSampling3D(s[0], s[1], s[2]).dataFormat(c.string("data_format", null));
    }
}
