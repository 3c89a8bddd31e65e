package org.jkeras.layers.reshaping;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code Cropping2D}: drops entries at the start and end of each spatial axis of images
 * ({@code channels_last} by default, or {@code channels_first}).
 *
 * <pre>{@code
 * Layer crop = new Cropping2D(2, 4);   // 2 rows off the top and bottom, 4 columns off each side
 * }</pre>
 */
public class Cropping2D extends Cropping {
    /** Keras's default cropping (0 on every side). */
    public Cropping2D() {
        this(0);
    }

    public Cropping2D(int cropping) {
        this(cropping, cropping);
    }

    /** Symmetric cropping of each spatial axis. */
    public Cropping2D(int height, int width) {
        this(Spatial.symmetric(height, width));
    }

    /** {@code (start, end)} per spatial axis. */
    public Cropping2D(int[][] cropping) {
        super(cropping, 2);
    }

    /** Keras's {@code data_format} (default {@code "channels_last"}). */
    public Cropping2D dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    @Override
    Object croppingConfig() {
        return Spatial.pairList(cropping());
    }

    public static Cropping2D fromConfig(LayerConfig c) {
        return new Cropping2D(c.pairs("cropping", 2, 0)).dataFormat(c.string("data_format", null));
    }
}
