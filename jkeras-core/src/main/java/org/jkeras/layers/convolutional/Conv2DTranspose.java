package org.jkeras.layers.convolutional;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code Conv2DTranspose}: a 2-D transposed convolution (see {@link ConvTranspose}), kernel
 * {@code (kernel_size..., filters, in_channels)}.
 *
 * <pre>{@code
 * Conv2DTranspose up = new Conv2DTranspose(8, 3).strides(2).padding("same");
 * }</pre>
 */
public class Conv2DTranspose extends ConvTranspose<Conv2DTranspose> {
    public Conv2DTranspose(int filters, int kernelSize) {
        this(filters, new int[] {kernelSize}, null);
    }

    public Conv2DTranspose(int filters, int kernelSize, String activation) {
        this(filters, new int[] {kernelSize}, activation);
    }

    /** {@code kernelSize} has one entry per spatial axis (or one for all); {@code activation} a Keras name or null. */
    public Conv2DTranspose(int filters, int[] kernelSize, String activation) {
        super(2, filters, kernelSize, activation);
    }

    /** Keras's {@code from_config}. */
    public static Conv2DTranspose fromConfig(LayerConfig c) {
        return read(new Conv2DTranspose(c.integer("filters"), c.ints("kernel_size", 2, null), activationName(c)), c);
    }
}
