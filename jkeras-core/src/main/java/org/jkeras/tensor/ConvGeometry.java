package org.jkeras.tensor;

import java.util.Arrays;
import java.util.Locale;

/**
 * The sizes of one convolution or pooling window over a channels-last batch, in a uniform 3-D form: a 1-D
 * problem is depth = height = 1, a 2-D problem depth = 1. Output sizes and leading pads follow Keras
 * (TensorFlow's rules): {@code valid} pads nothing, {@code same} gives {@code ceil(in / stride)} outputs with the
 * smaller half of the padding in front, {@code causal} (1-D only) pads {@code dilation·(k − 1)} in front.
 *
 * <pre>{@code
 * // 2-D: batch 8, 28×28×1 input, 3×3 kernel, 32 filters
 * ConvGeometry g = ConvGeometry.of(new int[] {8, 28, 28, 1}, new int[] {3, 3}, new int[] {1, 1},
 *         "valid", new int[] {1, 1}, 1, 32);
 * g.outputShape();   // [8, 26, 26, 32]
 * }</pre>
 */
public final class ConvGeometry {
    /** Batch, channels in/out and groups. */
    public final int batch, inChannels, outChannels, groups;
    /** Input, output and kernel sizes per axis (depth, height, width). */
    public final int[] in = new int[3], out = new int[3], kernel = new int[3];
    /** Strides, dilations and leading pads per axis (depth, height, width). */
    public final int[] stride = new int[3], dilation = new int[3], padLo = new int[3];
    /** The number of spatial axes of the original problem (1, 2 or 3). */
    public final int rank;

    private ConvGeometry(int rank, int batch, int inChannels, int outChannels, int groups) {
        this.rank = rank;
        this.batch = batch;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.groups = groups;
    }

    /**
     * A forward window: {@code inputShape} is channels-last {@code [batch, spatial..., channels]}; the other
     * arrays have one entry per spatial axis. {@code padding} is {@code valid}, {@code same} or {@code causal}.
     * Throws when the (dilated) kernel does not fit the padded input or when groups do not divide the channels.
     */
    public static ConvGeometry of(int[] inputShape, int[] kernelSize, int[] strides, String padding,
                                  int[] dilations, int groups, int outChannels) {
        int rank = inputShape.length - 2;
        if (rank < 1 || rank > 3) {
            throw new IllegalArgumentException("convolution input must be [batch, spatial..., channels] with 1 to 3"
                    + " spatial axes; got shape " + Arrays.toString(inputShape) + ".");
        }
        requireLength("kernel_size", kernelSize, rank);
        requireLength("strides", strides, rank);
        requireLength("dilation_rate", dilations, rank);
        int cin = inputShape[rank + 1];
        if (groups < 1 || cin % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("groups=" + groups + " must divide both the input channels (" + cin
                    + ") and the filters (" + outChannels + ").");
        }
        String p = padding.toLowerCase(Locale.ROOT);
        if (!p.equals("valid") && !p.equals("same") && !p.equals("causal")) {
            throw new IllegalArgumentException("padding must be 'valid', 'same' or 'causal'; got '" + padding + "'.");
        }
        if (p.equals("causal") && rank != 1) {
            throw new IllegalArgumentException("padding='causal' is only for 1-D convolutions; got " + rank
                    + " spatial axes.");
        }
        ConvGeometry g = new ConvGeometry(rank, inputShape[0], cin, outChannels, groups);
        int lead = 3 - rank;
        for (int a = 0; a < 3; a++) {
            boolean real = a >= lead;
            int s = real ? strides[a - lead] : 1, d = real ? dilations[a - lead] : 1, k = real ? kernelSize[a - lead] : 1;
            int n = real ? inputShape[1 + a - lead] : 1;
            if (s < 1 || d < 1 || k < 1) {
                throw new IllegalArgumentException("kernel_size, strides and dilation_rate must be positive; got kernel_size="
                        + Arrays.toString(kernelSize) + " strides=" + Arrays.toString(strides) + " dilation_rate="
                        + Arrays.toString(dilations) + ".");
            }
            int dk = (k - 1) * d + 1;
            g.in[a] = n;
            g.kernel[a] = k;
            g.stride[a] = s;
            g.dilation[a] = d;
            switch (p) {
                case "valid" -> {
                    if (n < dk) {
                        throw tooLarge(inputShape, kernelSize, dilations, padding);
                    }
                    g.out[a] = (n - dk) / s + 1;
                }
                case "same" -> {
                    g.out[a] = (n + s - 1) / s;
                    g.padLo[a] = Math.max((g.out[a] - 1) * s + dk - n, 0) / 2;
                }
                default -> {
                    g.padLo[a] = dk - 1;
                    g.out[a] = (n - 1) / s + 1;
                }
            }
            if (g.out[a] < 1) {
                throw tooLarge(inputShape, kernelSize, dilations, padding);
            }
        }
        return g;
    }

    /**
     * The window of a transposed convolution seen from its output: the forward convolution that maps an
     * {@code outputShape} batch (channels-last, {@code filters} channels) onto the transposed op's input
     * ({@code inputChannels} channels) with TensorFlow's padding for that output size.
     */
    public static ConvGeometry transposed(int[] outputShape, int[] inputSpatial, int[] kernelSize, int[] strides,
                                          String padding, int[] dilations, int inputChannels) {
        int rank = outputShape.length - 2;
        ConvGeometry g = new ConvGeometry(rank, outputShape[0], outputShape[rank + 1], inputChannels, 1);
        String p = padding.toLowerCase(Locale.ROOT);
        int lead = 3 - rank;
        for (int a = 0; a < 3; a++) {
            boolean real = a >= lead;
            int s = real ? strides[a - lead] : 1, d = real ? dilations[a - lead] : 1, k = real ? kernelSize[a - lead] : 1;
            int dk = (k - 1) * d + 1;
            g.in[a] = real ? outputShape[1 + a - lead] : 1;
            g.out[a] = real ? inputSpatial[a - lead] : 1;
            g.kernel[a] = k;
            g.stride[a] = s;
            g.dilation[a] = d;
            g.padLo[a] = p.equals("same") ? Math.max((g.out[a] - 1) * s + dk - g.in[a], 0) / 2 : 0;
        }
        return g;
    }

    /**
     * Keras's length of a transposed convolution's output axis: {@code valid} {@code in·s + max(k − s, 0)},
     * {@code same} {@code in·s}; with an {@code outputPadding} (≥ 0) {@code (in − 1)·s + k − 2·pad + outputPadding}
     * where {@code pad} is 0 for valid and {@code k / 2} for same ({@code k} the dilated kernel).
     */
    public static int transposedLength(int in, int kernel, int stride, int dilation, String padding, int outputPadding) {
        int dk = (kernel - 1) * dilation + 1;
        boolean same = padding.equalsIgnoreCase("same");
        if (outputPadding < 0) {
            return same ? in * stride : in * stride + Math.max(dk - stride, 0);
        }
        int pad = same ? dk / 2 : 0;
        return (in - 1) * stride + dk - 2 * pad + outputPadding;
    }

    private static IllegalArgumentException tooLarge(int[] inputShape, int[] kernelSize, int[] dilations, String padding) {
        return new IllegalArgumentException("the kernel " + Arrays.toString(kernelSize) + " (dilation "
                + Arrays.toString(dilations) + ") is larger than the input " + Arrays.toString(inputShape)
                + " with padding='" + padding + "'; use a smaller kernel or dilation, a larger input, or padding='same'.");
    }

    private static void requireLength(String name, int[] v, int rank) {
        if (v == null || v.length != rank) {
            throw new IllegalArgumentException(name + " must have " + rank + " entries for a " + rank
                    + "-D window; got " + Arrays.toString(v) + ".");
        }
    }

    /** Positions in one output image. */
    public int outSpatial() {
        return out[0] * out[1] * out[2];
    }

    /** Positions in one input image. */
    public int inSpatial() {
        return in[0] * in[1] * in[2];
    }

    /** Kernel taps {@code kd·kh·kw}. */
    public int taps() {
        return kernel[0] * kernel[1] * kernel[2];
    }

    /** Rows of the im2col matrix: {@code batch · outSpatial}. */
    public int rows() {
        return batch * outSpatial();
    }

    /** Columns of the im2col matrix: {@code taps · inChannels} (each group's block is contiguous). */
    public int cols() {
        return taps() * inChannels;
    }

    /** The channels-last output shape, with the original number of spatial axes. */
    public int[] outputShape() {
        int[] s = new int[rank + 2];
        s[0] = batch;
        for (int a = 0; a < rank; a++) {
            s[1 + a] = out[3 - rank + a];
        }
        s[rank + 1] = outChannels;
        return s;
    }

    /** The channels-last input shape, with the original number of spatial axes. */
    public int[] inputShape() {
        int[] s = new int[rank + 2];
        s[0] = batch;
        for (int a = 0; a < rank; a++) {
            s[1 + a] = in[3 - rank + a];
        }
        s[rank + 1] = inChannels;
        return s;
    }
}
