package org.jkeras.layers.reshaping;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code ZeroPadding2D(padding=(1, 1))}: rows of zeros at the top and bottom and columns at the left and
 * right of images.
 *
 * <pre>{@code
 * Layer pad = new ZeroPadding2D(1, 2);                         // 1 row above and below, 2 columns each side
 * Layer pad2 = new ZeroPadding2D(new int[][] {{0, 1}, {2, 0}});   // ((top, bottom), (left, right))
 * }</pre>
 */
public class ZeroPadding2D extends ZeroPadding {
    public ZeroPadding2D() {
        this(1);
    }

    public ZeroPadding2D(int padding) {
        this(padding, padding);
    }

    /** Symmetric: {@code height} rows above and below, {@code width} columns left and right. */
    public ZeroPadding2D(int height, int width) {
        this(Spatial.symmetric(height, width));
    }

    /** {@code ((top, bottom), (left, right))}. */
    public ZeroPadding2D(int[][] padding) {
        super(padding, 2);
    }

    /** Keras's {@code data_format} (default {@code "channels_last"}). */
    public ZeroPadding2D dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    @Override
    Object paddingConfig() {
        return Spatial.pairList(padding());
    }

    public static ZeroPadding2D fromConfig(LayerConfig c) {
        return new ZeroPadding2D(c.pairs("padding", 2, 1)).dataFormat(c.string("data_format", null));
    }
}
