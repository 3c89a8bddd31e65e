package org.jkeras.layers.convolutional;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code Conv3D}: a 3-D convolution over {@code [batch, depth, rows, cols, channels]}
 * (channels_last) with a kernel {@code (kernel_size..., in / groups, filters)}.
 *
 * <pre>{@code
 * Conv3D c = new Conv3D(32, 3, "relu").padding("same");
 * }</pre>
 */
public class Conv3D extends Conv<Conv3D> {
    /** {@code filters} output channels, a kernel of {@code kernelSize} on every axis, no activation. */
    public Conv3D(int filters, int kernelSize) {
        this(filters, new int[] {kernelSize}, null);
    }

    /** {@code activation} is a Keras name ({@code "relu"}) or null for linear. */
    public Conv3D(int filters, int kernelSize, String activation) {
        this(filters, new int[] {kernelSize}, activation);
    }

    /** {@code kernelSize} has one entry per spatial axis (or one for all). */
    public Conv3D(int filters, int[] kernelSize, String activation) {
        super(3, filters, kernelSize, activation);
    }

    /** Keras's {@code from_config}. */
    public static Conv3D fromConfig(LayerConfig c) {
        return read(new Conv3D(c.integer("filters"), c.ints("kernel_size", 3, null), activationName(c)), c);
    }
}
