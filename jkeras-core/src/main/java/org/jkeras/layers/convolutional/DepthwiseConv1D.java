package org.jkeras.layers.convolutional;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code DepthwiseConv1D} (see {@link DepthwiseConv}): kernel {@code (kernel_size..., in, depth_multiplier)}.
 *
 * <pre>{@code
 * DepthwiseConv1D d = new DepthwiseConv1D(3, "relu").depthMultiplier(2);
 * }</pre>
 */
public class DepthwiseConv1D extends DepthwiseConv<DepthwiseConv1D> {
    public DepthwiseConv1D(int kernelSize) {
        this(new int[] {kernelSize}, null);
    }

    public DepthwiseConv1D(int kernelSize, String activation) {
        this(new int[] {kernelSize}, activation);
    }

    /** {@code kernelSize} has one entry per spatial axis (or one for all); {@code activation} a Keras name or null. */
    public DepthwiseConv1D(int[] kernelSize, String activation) {
        super(1, kernelSize, activation);
    }

    /** Keras's {@code from_config}. */
    public static DepthwiseConv1D fromConfig(LayerConfig c) {
        return read(new DepthwiseConv1D(c.ints("kernel_size", 1, null), activationName(c)), c);
    }
}
