package org.jkeras.layers.convolutional;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code SeparableConv1D} (see {@link SeparableConv}): depthwise then pointwise convolution.
 *
 * <pre>{@code
 * SeparableConv1D s = new SeparableConv1D(32, 3, "relu").padding("same");
 * }</pre>
 */
public class SeparableConv1D extends SeparableConv<SeparableConv1D> {
    public SeparableConv1D(int filters, int kernelSize) {
        this(filters, new int[] {kernelSize}, null);
    }

    public SeparableConv1D(int filters, int kernelSize, String activation) {
        this(filters, new int[] {kernelSize}, activation);
    }

    /** {@code kernelSize} has one entry per spatial axis (or one for all); {@code activation} a Keras name or null. */
    public SeparableConv1D(int filters, int[] kernelSize, String activation) {
        super(1, filters, kernelSize, activation);
    }

    /** Keras's {@code from_config}. */
    public static SeparableConv1D fromConfig(LayerConfig c) {
        return read(new SeparableConv1D(c.integer("filters"), c.ints("kernel_size", 1, null), activationName(c)), c);
    }
}
