package org.jkeras.layers.convolutional;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code Conv3DTranspose}: a 3-D transposed convolution (see {@link ConvTranspose}), kernel
 * {@code (kernel_size..., filters, in_channels)}.
 *
 * <pre>{@code
 * Conv3DTranspose up = new Conv3DTranspose(8, 3).strides(2).padding("same");
 * }</pre>
 */
public class Conv3DTranspose extends ConvTranspose<Conv3DTranspose> {
    public Conv3DTranspose(int filters, int kernelSize) {
        this(filters, new int[] {kernelSize}, null);
    }

    public Conv3DTranspose(int filters, int kernelSize, String activation) {
        this(filters, new int[] {kernelSize}, activation);
    }

    /** {@code kernelSize} has one entry per spatial axis (or one for all); {@code activation} a Keras name or null. */
    public Conv3DTranspose(int filters, int[] kernelSize, String activation) {
        super(3, filters, kernelSize, activation);
    }

    /** Keras's {@code from_config}. */
    public static Conv3DTranspose fromConfig(LayerConfig c) {
        return read(new Conv3DTranspose(c.integer("filters"), c.ints("kernel_size", 3, null), activationName(c)), c);
    }
}
