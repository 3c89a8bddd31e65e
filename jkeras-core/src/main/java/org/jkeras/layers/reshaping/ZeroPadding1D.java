package org.jkeras.layers.reshaping;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code ZeroPadding1D(padding=1)}: zeros before and after the steps axis of {@code (batch, steps,
 * features)} ({@code (batch, features, steps)} with {@code channels_first}).
 *
 * <pre>{@code
 * Layer pad = new ZeroPadding1D(2, 1);   // (None, 5, 3) -> (None, 8, 3)
 * }</pre>
 */
public class ZeroPadding1D extends ZeroPadding {
    /** Keras's default: one zero on each side. */
    public ZeroPadding1D() {
        this(1);
    }

    public ZeroPadding1D(int padding) {
        this(padding, padding);
    }

    /** {@code left} zeros before and {@code right} after. */
    public ZeroPadding1D(int left, int right) {
        super(new int[][] {{left, right}}, 1);
    }

    /** Keras's {@code data_format} (default {@code "channels_last"}). */
    public ZeroPadding1D dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    @Override
    Object paddingConfig() {
        return Spatial.list(padding()[0]);
    }

    public static ZeroPadding1D fromConfig(LayerConfig c) {
        int[] p = c.ints("padding", 2, new int[] {1, 1});
        return new ZeroPadding1D(p[0], p[1]).dataFormat(c.string("data_format", null));
    }
}
