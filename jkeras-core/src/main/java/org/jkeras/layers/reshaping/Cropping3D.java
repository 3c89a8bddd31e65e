package org.jkeras.layers.reshaping;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code Cropping3D}: drops entries at the start and end of each spatial axis of volumes
 * ({@code channels_last} by default, or {@code channels_first}).
 *
 * <pre>{@code
 * Layer crop = new Cropping3D(1, 1, 2);
 * }</pre>
 */
public class Cropping3D extends Cropping {
    /** Keras's default cropping (1 on every side). */
    public Cropping3D() {
        this(1);
    }

    public Cropping3D(int cropping) {
        this(cropping, cropping, cropping);
    }

    /** Symmetric cropping of each spatial axis. */
    public Cropping3D(int d1, int d2, int d3) {
        this(Spatial.symmetric(d1, d2, d3));
    }

    /** {@code (start, end)} per spatial axis. */
    public Cropping3D(int[][] cropping) {
        super(cropping, 3);
    }

    /** Keras's {@code data_format} (default {@code "channels_last"}). */
    public Cropping3D dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    @Override
    Object croppingConfig() {
        return Spatial.pairList(cropping());
    }

    public static Cropping3D fromConfig(LayerConfig c) {
        return new Cropping3D(c.pairs("cropping", 3, 1)).dataFormat(c.string("data_format", null));
    }
}
