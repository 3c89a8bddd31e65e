package org.jkeras.layers.convolutional;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code Conv1DTranspose}: a 1-D transposed convolution (see {@link ConvTranspose}), kernel
 * {@code (kernel_size..., filters, in_channels)}.
 *
 * <pre>{@code
 * Conv1DTranspose up = new Conv1DTranspose(8, 3).strides(2).padding("same");
 * }</pre>
 */
public class Conv1DTranspose extends ConvTranspose<Conv1DTranspose> {
    public Conv1DTranspose(int filters, int kernelSize) {
        this(filters, new int[] {kernelSize}, null);
    }

    public Conv1DTranspose(int filters, int kernelSize, String activation) {
        this(filters, new int[] {kernelSize}, activation);
    }

    /** {@code kernelSize} has one entry per spatial axis (or one for all); {@code activation} a Keras name or null. */
    public Conv1DTranspose(int filters, int[] kernelSize, String activation) {
        super(1, filters, kernelSize, activation);
    }

    /** Keras's {@code from_config}. */
    public static Conv1DTranspose fromConfig(LayerConfig c) {
        return read(new Conv1DTranspose(c.integer("filters"), c.ints("kernel_size", 1, null), activationName(c)), c);
    }
}
