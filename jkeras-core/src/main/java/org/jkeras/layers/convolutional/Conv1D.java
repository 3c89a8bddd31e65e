package org.jkeras.layers.convolutional;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code Conv1D}: a 1-D convolution over {@code [batch, steps, channels]}
 * (channels_last) with a kernel {@code (kernel_size..., in / groups, filters)}; padding may also be {@code "causal"}.
 *
 * <pre>{@code
 * Conv1D c = new Conv1D(32, 3, "relu").padding("same");
 * }</pre>
 */
public class Conv1D extends Conv<Conv1D> {
    /** {@code filters} output channels, a kernel of {@code kernelSize} on every axis, no activation. */
    public Conv1D(int filters, int kernelSize) {
        this(filters, new int[] {kernelSize}, null);
    }

    /** {@code activation} is a Keras name ({@code "relu"}) or null for linear. */
    public Conv1D(int filters, int kernelSize, String activation) {
        this(filters, new int[] {kernelSize}, activation);
    }

    /** {@code kernelSize} has one entry per spatial axis (or one for all). */
    public Conv1D(int filters, int[] kernelSize, String activation) {
        super(1, filters, kernelSize, activation);
    }

    @Override
    protected boolean allowsCausal() {
        return true;
    }
    /** Keras's {@code from_config}. */
    public static Conv1D fromConfig(LayerConfig c) {
        return read(new Conv1D(c.integer("filters"), c.ints("kernel_size", 1, null), activationName(c)), c);
    }
}
