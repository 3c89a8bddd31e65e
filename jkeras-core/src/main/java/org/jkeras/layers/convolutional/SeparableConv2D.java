package org.jkeras.layers.convolutional;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code SeparableConv2D} (see {@link SeparableConv}): depthwise then pointwise convolution.
 *
 * <pre>{@code
 * SeparableConv2D s = new SeparableConv2D(32, 3, "relu").padding("same");
 * }</pre>
 */
public class SeparableConv2D extends SeparableConv<SeparableConv2D> {
    public SeparableConv2D(int filters, int kernelSize) {
        this(filters, new int[] {kernelSize}, null);
    }

    public SeparableConv2D(int filters, int kernelSize, String activation) {
        this(filters, new int[] {kernelSize}, activation);
    }

    /** {@code kernelSize} has one entry per spatial axis (or one for all); {@code activation} a Keras name or null. */
    public SeparableConv2D(int filters, int[] kernelSize, String activation) {
        super(2, filters, kernelSize, activation);
    }

    /** Keras's {@code from_config}. */
    public static SeparableConv2D fromConfig(LayerConfig c) {
        return read(new SeparableConv2D(c.integer("filters"), c.ints("kernel_size", 2, null), activationName(c)), c);
    }
}
