package org.jkeras.ops;

import java.util.Arrays;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.tensor.ConvGeometry;
import org.jkeras.tensor.ConvKernels;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.UnaryKernels;
import org.jkeras.tensor.UnaryOp;
import org.jkeras.tensor.Workspace;

/**
 * The fused convolution ops on channels-last tensors: {@code act(conv(x, W) + b)} and its transpose, each one
 * im2col product plus one pass for bias and activation; backward rules as in {@link ConvKernels}.
 */
final class ConvKernel {
    private ConvKernel() {}

    /** Channels-last convolution; the kernel is Keras's {@code (k..., in/groups, out)}. */
    static Tensor conv(Tensor x, Tensor kernel, Tensor bias, ConvSpec s, UnaryOp act, float param) {
        int[] xs = x.shape(), ws = kernel.shape();
        int rank = xs.length - 2;
        if (ws.length != rank + 2 || rank < 1) {
            throw new IllegalArgumentException("conv: a " + Math.max(rank, 0) + "-D convolution of input "
                    + Arrays.toString(xs) + " needs a kernel of rank " + (rank + 2) + " (kernel_size..., in/groups, filters); got "
                    + Arrays.toString(ws) + ".");
        }
        int cout = ws[rank + 1];
        ConvGeometry g = ConvGeometry.of(xs, Arrays.copyOf(ws, rank), s.strides(), s.padding(), s.dilation(), s.groups(), cout);
        if (ws[rank] * s.groups() != xs[rank + 1]) {
            throw new IllegalArgumentException("conv: the input has " + xs[rank + 1] + " channels but the kernel "
                    + Arrays.toString(ws) + " with groups=" + s.groups() + " expects " + ws[rank] * s.groups()
                    + "; give an input with that many channels or a kernel whose axis " + rank + " is "
                    + xs[rank + 1] / Math.max(1, s.groups()) + ".");
        }
        checkBias(bias, cout);
        float[] col = ConvKernels.needsCol(g) ? Workspace.floats(g.rows() * g.cols()) : null;
        float[] y = Workspace.floats(g.rows() * cout);
        ConvKernels.forward(g, x.buffer(), x.offset(), kernel.buffer(), kernel.offset(), col, y);
        Epilogue e = new Epilogue(y, g.rows(), cout, bias, act, param);
        Tensor out = Tensor.of(y, g.outputShape());
        GradientTape.record("conv", out, new Tensor[] {x, kernel, bias}, (gy, grads) -> {
            float[] gz = e.backward(gy);
            if (grads.wants(1)) {
                float[] dw = Workspace.floats(kernel.size());
                ConvKernels.kernelGrad(g, x.buffer(), x.offset(), col, gz, 0, dw);
                grads.add(1, Tensor.of(dw, ws));
            }
            e.addBiasGrad(gz, grads);
            if (grads.wants(0)) {
                float[] dx = Workspace.floats(x.size());
                float[] dcol = ConvKernels.needsCol(g) ? Workspace.floats(g.rows() * g.cols()) : null;
                ConvKernels.inputGrad(g, gz, 0, kernel.buffer(), kernel.offset(), dcol, dx);
                grads.add(0, Tensor.of(dx, xs));
            }
        });
        return out;
    }

    /**
     * Channels-last transposed convolution; the kernel is Keras's {@code (k..., filters, in)}, and
     * {@code outputPadding} is null for Keras's {@code None}.
     */
    static Tensor convTranspose(Tensor x, Tensor kernel, Tensor bias, ConvSpec s, int[] outputPadding,
                                UnaryOp act, float param) {
        int[] xs = x.shape(), ws = kernel.shape();
        int rank = xs.length - 2;
        if (ws.length != rank + 2 || rank < 1 || rank > 3) {
            throw new IllegalArgumentException("conv_transpose: input " + Arrays.toString(xs) + " needs a kernel of rank "
                    + (rank + 2) + " (kernel_size..., filters, in_channels); got " + Arrays.toString(ws) + ".");
        }
        if (ws[rank + 1] != xs[rank + 1]) {
            throw new IllegalArgumentException("conv_transpose: the input has " + xs[rank + 1] + " channels but the kernel "
                    + Arrays.toString(ws) + " expects " + ws[rank + 1] + " (its last axis).");
        }
        if (s.groups() != 1 || s.padding().equals("causal")) {
            throw new IllegalArgumentException("conv_transpose supports groups=1 and padding 'valid' or 'same'; got " + s + ".");
        }
        int filters = ws[rank];
        checkBias(bias, filters);
        int[] os = new int[rank + 2];
        os[0] = xs[0];
        os[rank + 1] = filters;
        int[] spatial = Arrays.copyOfRange(xs, 1, rank + 1);
        for (int a = 0; a < rank; a++) {
            os[1 + a] = ConvGeometry.transposedLength(xs[1 + a], ws[a], s.strides()[a], s.dilation()[a], s.padding(),
                    outputPadding == null ? -1 : outputPadding[a]);
        }
        ConvGeometry g = ConvGeometry.transposed(os, spatial, Arrays.copyOf(ws, rank), s.strides(), s.padding(),
                s.dilation(), xs[rank + 1]);
        boolean needCol = ConvKernels.needsCol(g);
        float[] y = Workspace.floats(g.batch * g.inSpatial() * filters);
        float[] dcol = needCol ? Workspace.floats(g.rows() * g.cols()) : null;
        ConvKernels.inputGrad(g, x.buffer(), x.offset(), kernel.buffer(), kernel.offset(), dcol, y);
        Epilogue e = new Epilogue(y, g.batch * g.inSpatial(), filters, bias, act, param);
        Tensor out = Tensor.of(y, os);
        GradientTape.record("conv_transpose", out, new Tensor[] {x, kernel, bias}, (gy, grads) -> {
            float[] gz = e.backward(gy);
            e.addBiasGrad(gz, grads);
            float[] col = null;
            if (ConvKernels.needsCol(g) && (grads.wants(0) || grads.wants(1))) {
                col = Workspace.floats(g.rows() * g.cols());
                ConvKernels.im2col(g, gz, 0, col);
            }
            if (grads.wants(1)) {
                float[] dw = Workspace.floats(kernel.size());
                ConvKernels.kernelGrad(g, gz, 0, col, x.buffer(), x.offset(), dw);
                grads.add(1, Tensor.of(dw, ws));
            }
            if (grads.wants(0)) {
                float[] dx = Workspace.floats(x.size());
                if (col != null) {
                    ConvKernels.product(g, col, 0, kernel.buffer(), kernel.offset(), dx);
                } else {
                    ConvKernels.forward(g, gz, 0, kernel.buffer(), kernel.offset(), null, dx);
                }
                grads.add(0, Tensor.of(dx, xs));
            }
        });
        return out;
    }

    private static void checkBias(Tensor bias, int channels) {
        if (bias != null && bias.size() != channels) {
            throw new IllegalArgumentException("conv: the bias must have " + channels + " elements (one per filter); got shape "
                    + Arrays.toString(bias.shape()) + ".");
        }
    }

    /** Bias and activation applied in place to {@code [rows, channels]}, and their backward. */
    private static final class Epilogue {
        private final float[] y, z;
        private final int rows, channels;
        private final Tensor bias;
        private final UnaryOp act;
        private final float param;

        Epilogue(float[] y, int rows, int channels, Tensor bias, UnaryOp act, float param) {
            this.y = y;
            this.rows = rows;
            this.channels = channels;
            this.bias = bias;
            this.act = act;
            this.param = param;
            if (bias != null) {
                float[] b = bias.buffer();
                int bo = bias.offset();
                for (int r = 0; r < rows; r++) {
                    int base = r * channels;
                    for (int c = 0; c < channels; c++) y[base + c] += b[bo + c];
                }
            }
            boolean needZ = act != UnaryOp.RELU && act != UnaryOp.LINEAR && !act.derivativeFromOutput()
                    && GradientTape.active() != null;
            z = needZ ? Workspace.floats(rows * channels) : null;
            if (z != null) {
                System.arraycopy(y, 0, z, 0, rows * channels);
            }
            if (act != UnaryOp.LINEAR) {
                UnaryKernels.apply(act, param, y, 0, y, 0, rows * channels);
            }
        }

        /** The gradient at the pre-activation, from the gradient at the output. */
        float[] backward(Tensor gy) {
            int n = rows * channels;
            float[] gz = Workspace.floats(n);
            if (act == UnaryOp.LINEAR) {
                System.arraycopy(gy.buffer(), gy.offset(), gz, 0, n);
            } else {
                UnaryKernels.backward(act, param, z, 0, y, 0, gy.buffer(), gy.offset(), gz, 0, n);
            }
            return gz;
        }

        void addBiasGrad(float[] gz, org.jkeras.autodiff.Backward.Grads grads) {
            if (grads.wants(2)) {
                float[] db = Workspace.floats(channels);
                ConvKernels.biasGrad(gz, 0, rows, channels, db);
                grads.add(2, Tensor.of(db, bias.shape()));
            }
        }
    }
}
