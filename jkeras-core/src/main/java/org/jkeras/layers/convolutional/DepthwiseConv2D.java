package org.jkeras.layers.convolutional;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code DepthwiseConv2D} (see {@link DepthwiseConv}): kernel {@code (kernel_size..., in, depth_multiplier)}.
 *
 * <pre>{@code
 * DepthwiseConv2D d = new DepthwiseConv2D(3, "relu").depthMultiplier(2);
 * }</pre>
 */
public class DepthwiseConv2D extends DepthwiseConv<DepthwiseConv2D> {
    public DepthwiseConv2D(int kernelSize) {
        this(new int[] {kernelSize}, null);
    }

    public DepthwiseConv2D(int kernelSize, String activation) {
        this(new int[] {kernelSize}, activation);
    }

    /** {@code kernelSize} has one entry per spatial axis (or one for all); {@code activation} a Keras name or null. */
    public DepthwiseConv2D(int[] kernelSize, String activation) {
        super(2, kernelSize, activation);
    }

    /** Keras's {@code from_config}. */
    public static DepthwiseConv2D fromConfig(LayerConfig c) {
        return read(new DepthwiseConv2D(c.ints("kernel_size", 2, null), activationName(c)), c);
    }
}
