package org.jkeras.layers.reshaping;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code ZeroPadding3D(padding=((1, 1), (1, 1), (1, 1)))}: zeros before and after each of the three
 * spatial axes of volumes {@code (batch, d1, d2, d3, channels)}.
 *
 * <pre>{@code
 * Layer pad = new ZeroPadding3D(1, 0, 2);
 * }</pre>
 */
public class ZeroPadding3D extends ZeroPadding {
    public ZeroPadding3D() {
        this(1);
    }

    public ZeroPadding3D(int padding) {
        this(padding, padding, padding);
    }

    /** Symmetric padding of each spatial axis. */
    public ZeroPadding3D(int d1, int d2, int d3) {
        this(Spatial.symmetric(d1, d2, d3));
    }

    /** {@code ((before, after) × 3)}. */
    public ZeroPadding3D(int[][] padding) {
        super(padding, 3);
    }

    /** Keras's {@code data_format} (default {@code "channels_last"}). */
    public ZeroPadding3D dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    @Override
    Object paddingConfig() {
        return Spatial.pairList(padding());
    }

    public static ZeroPadding3D fromConfig(LayerConfig c) {
        return new ZeroPadding3D(c.pairs("padding", 3, 1)).dataFormat(c.string("data_format", null));
    }
}
