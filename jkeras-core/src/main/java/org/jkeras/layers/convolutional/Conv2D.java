package org.jkeras.layers.convolutional;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code Conv2D}: a 2-D convolution over {@code [batch, rows, cols, channels]}
 * (channels_last) with a kernel {@code (kernel_size..., in / groups, filters)}.
 *
 * <pre>{@code
 * Conv2D c = new Conv2D(32, 3, "relu").padding("same");
 * }</pre>
 */
public class Conv2D extends Conv<Conv2D> {
    /** {@code filters} output channels, a kernel of {@code kernelSize} on every axis, no activation. */
    public Conv2D(int filters, int kernelSize) {
        this(filters, new int[] {kernelSize}, null);
    }

    /** {@code activation} is a Keras name ({@code "relu"}) or null for linear. */
    public Conv2D(int filters, int kernelSize, String activation) {
        this(filters, new int[] {kernelSize}, activation);
    }

    /** {@code kernelSize} has one entry per spatial axis (or one for all). */
    public Conv2D(int filters, int[] kernelSize, String activation) {
        super(2, filters, kernelSize, activation);
    }

    /** Keras's {@code from_config}. */
    public static Conv2D fromConfig(LayerConfig c) {
        return read(new Conv2D(c.integer("filters"), c.ints("kernel_size", 2, null), activationName(c)), c);
    }
}
