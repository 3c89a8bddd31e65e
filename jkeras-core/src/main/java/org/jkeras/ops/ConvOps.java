package org.jkeras.ops;

import java.util.Arrays;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.tensor.ConvGeometry;
import org.jkeras.tensor.Layouts;
import org.jkeras.tensor.PoolKernels;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.UnaryOp;
import org.jkeras.tensor.Workspace;

/**
 * Keras's convolution and pooling ops ({@code keras.ops.conv}, {@code conv_transpose}, {@code depthwise_conv},
 * {@code separable_conv}, {@code max_pool}, {@code average_pool}), differentiable, over 1 to 3 spatial axes.
 * Kernels use Keras's layouts: {@code (k..., in/groups, filters)} for a convolution, {@code (k..., filters, in)}
 * for a transposed one, {@code (k..., in, depth_multiplier)} for a depthwise one. A {@code channels_first}
 * input is moved to channels-last, computed there and moved back. Bias and activation are fused into the
 * convolution; pass a null bias and {@link UnaryOp#LINEAR} for a bare convolution.
 *
 * <pre>{@code
 * ConvSpec s = ConvSpec.of(new int[] {1, 1}, "valid", new int[] {1, 1}, 1, "channels_last");
 * Tensor h = ConvOps.conv(images, kernel, bias, s, UnaryOp.RELU, 0f);              // [n, 26, 26, 32]
 * Tensor p = ConvOps.maxPool(h, new int[] {2, 2}, new int[] {2, 2}, "valid", false);  // [n, 13, 13, 32]
 * }</pre>
 */
public final class ConvOps {
    private ConvOps() {}

    /** {@code act(conv(x, kernel) + bias)}; {@code bias} may be null. */
    public static Tensor conv(Tensor x, Tensor kernel, Tensor bias, ConvSpec spec, UnaryOp act, float param) {
        checkRank("conv", x, spec);
        if (spec.channelsFirst()) {
            return toChannelsFirst(ConvKernel.conv(toChannelsLast(x), kernel, bias, spec, act, param));
        }
        return ConvKernel.conv(x, kernel, bias, spec, act, param);
    }

    /**
     * The transposed convolution (the gradient of {@link #conv} with respect to its input, as Keras's
     * {@code conv_transpose}); {@code outputPadding} null is Keras's {@code None}.
     */
    public static Tensor convTranspose(Tensor x, Tensor kernel, Tensor bias, ConvSpec spec, int[] outputPadding,
                                       UnaryOp act, float param) {
        checkRank("conv_transpose", x, spec);
        if (spec.channelsFirst()) {
            return toChannelsFirst(ConvKernel.convTranspose(toChannelsLast(x), kernel, bias, spec, outputPadding, act, param));
        }
        return ConvKernel.convTranspose(x, kernel, bias, spec, outputPadding, act, param);
    }

    /**
     * Depthwise convolution: each input channel convolved with its own {@code depth_multiplier} filters; the kernel
     * is {@code (k..., in, multiplier)}, the output has {@code in · multiplier} channels ({@code c·multiplier + m}).
     */
    public static Tensor depthwiseConv(Tensor x, Tensor kernel, Tensor bias, ConvSpec spec, UnaryOp act, float param) {
        checkRank("depthwise_conv", x, spec);
        int[] ws = kernel.shape();
        int rank = ws.length - 2;
        int channels = x.shape()[spec.channelsFirst() ? 1 : x.rank() - 1];
        if (rank < 1 || ws[rank] != channels) {
            throw new IllegalArgumentException("depthwise_conv: the input has " + channels + " channels but the kernel "
                    + Arrays.toString(ws) + " expects " + (rank < 1 ? "?" : ws[rank]) + " (kernel_size..., in, multiplier).");
        }
        int[] grouped = ws.clone();
        grouped[rank] = 1;
        grouped[rank + 1] = ws[rank] * ws[rank + 1];
        ConvSpec s = new ConvSpec(spec.strides(), spec.padding(), spec.dilation(), channels, spec.channelsFirst());
        return conv(x, Ops.reshape(kernel, grouped), bias, s, act, param);
    }

    /**
     * Separable convolution: {@link #depthwiseConv} (strides, padding and dilation of {@code spec}), then a
     * 1×1 convolution with {@code pointwise} {@code (1..., in·multiplier, filters)}, bias and activation.
     */
    public static Tensor separableConv(Tensor x, Tensor depthwise, Tensor pointwise, Tensor bias, ConvSpec spec,
                                       UnaryOp act, float param) {
        Tensor d = depthwiseConv(x, depthwise, null, spec, UnaryOp.LINEAR, 0f);
        return conv(d, pointwise, bias, spec.pointwise(), act, param);
    }

    /** Max pooling over windows of {@code poolSize}; padding {@code valid} or {@code same}. */
    public static Tensor maxPool(Tensor x, int[] poolSize, int[] strides, String padding, boolean channelsFirst) {
        return pool(true, x, poolSize, strides, padding, channelsFirst);
    }

    /** Average pooling; with {@code same} padding each window averages only its real (non-padding) inputs. */
    public static Tensor averagePool(Tensor x, int[] poolSize, int[] strides, String padding, boolean channelsFirst) {
        return pool(false, x, poolSize, strides, padding, channelsFirst);
    }

    private static Tensor pool(boolean max, Tensor x, int[] poolSize, int[] strides, String padding, boolean channelsFirst) {
        String name = max ? "max_pool" : "average_pool";
        String p = ConvSpec.padding(padding, false);
        int[] ones = new int[poolSize.length];
        Arrays.fill(ones, 1);
        checkRank(name, x, new ConvSpec(strides, p, ones, 1, channelsFirst));
        Tensor xl = channelsFirst ? toChannelsLast(x) : x;
        int[] xs = xl.shape();
        ConvGeometry g = ConvGeometry.of(xs, poolSize, strides, p, ones, 1, xs[xs.length - 1]);
        float[] y = Workspace.floats(g.rows() * g.outChannels);
        if (max) {
            PoolKernels.maxForward(g, xl.buffer(), xl.offset(), y);
        } else {
            PoolKernels.avgForward(g, xl.buffer(), xl.offset(), y);
        }
        Tensor out = Tensor.of(y, g.outputShape());
        GradientTape.record(name, out, new Tensor[] {xl}, (gy, grads) -> {
            float[] dx = Workspace.floats(xl.size());
            if (max) {
                PoolKernels.maxBackward(g, xl.buffer(), xl.offset(), gy.buffer(), gy.offset(), dx);
            } else {
                PoolKernels.avgBackward(g, gy.buffer(), gy.offset(), dx);
            }
            grads.add(0, Tensor.of(dx, xs));
        });
        return channelsFirst ? toChannelsFirst(out) : out;
    }

    /** {@code [batch, C, spatial...]} to {@code [batch, spatial..., C]}. */
    public static Tensor toChannelsLast(Tensor x) {
        return moveChannels(x, true);
    }

    /** {@code [batch, spatial..., C]} to {@code [batch, C, spatial...]}. */
    public static Tensor toChannelsFirst(Tensor x) {
        return moveChannels(x, false);
    }

    private static Tensor moveChannels(Tensor x, boolean toLast) {
        int[] s = x.shape();
        int r = s.length;
        if (r < 3) {
            throw new IllegalArgumentException("moving the channel axis needs [batch, ..., channels] of rank >= 3; got "
                    + Arrays.toString(s) + ".");
        }
        int c = toLast ? s[1] : s[r - 1], spatial = x.size() / Math.max(1, s[0] * c);
        int[] os = new int[r];
        os[0] = s[0];
        if (toLast) {
            System.arraycopy(s, 2, os, 1, r - 2);
            os[r - 1] = c;
        } else {
            os[1] = c;
            System.arraycopy(s, 1, os, 2, r - 2);
        }
        int rows = toLast ? c : spatial, cols = toLast ? spatial : c;
        float[] y = Workspace.floats(x.size());
        Layouts.transposeSamples(x.buffer(), x.offset(), y, s[0], rows, cols);
        Tensor out = Tensor.of(y, os);
        GradientTape.record(toLast ? "to_channels_last" : "to_channels_first", out, new Tensor[] {x}, (g, grads) -> {
            float[] gx = Workspace.floats(x.size());
            Layouts.transposeSamples(g.buffer(), g.offset(), gx, s[0], cols, rows);
            grads.add(0, Tensor.of(gx, s));
        });
        return out;
    }

    private static void checkRank(String op, Tensor x, ConvSpec spec) {
        int rank = spec.strides().length;
        if (x.rank() != rank + 2) {
            throw new IllegalArgumentException(op + ": a " + rank + "-D window needs an input of rank " + (rank + 2)
                    + " (batch, " + (spec.channelsFirst() ? "channels, spatial..." : "spatial..., channels") + "); got shape "
                    + Arrays.toString(x.shape()) + ".");
        }
    }
}
