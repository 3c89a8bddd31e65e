package org.jkeras.ops;

import java.util.Arrays;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.tensor.Gemm;
import org.jkeras.tensor.GemmEpilogue;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.UnaryKernels;
import org.jkeras.tensor.UnaryOp;
import org.jkeras.tensor.Workspace;

/**
 * The fused Dense op: {@code y = act(x·W + b)} with one GEMM and one pass for bias and activation, and a
 * backward that produces {@code dW = xᵀ·dz}, {@code db = Σ dz} and {@code dx = dz·Wᵀ} with two GEMMs.
 */
final class DenseKernel {
    private DenseKernel() {}

    static Tensor forward(Tensor x, Tensor kernel, Tensor bias, UnaryOp act, float param) {
        int[] xs = x.shape(), ws = kernel.shape();
        if (ws.length != 2) {
            throw new IllegalArgumentException("dense kernel must be 2-D [inputDim, units]; got " + Arrays.toString(ws) + ".");
        }
        int k = ws[0], n = ws[1];
        if (xs.length == 0 || xs[xs.length - 1] != k) {
            throw new IllegalArgumentException("dense input's last dimension must be " + k + " (the kernel's input size); got input shape "
                    + Arrays.toString(xs) + ".");
        }
        if (bias != null && bias.size() != n) {
            throw new IllegalArgumentException("dense bias must have " + n + " elements; got shape " + Arrays.toString(bias.shape()) + ".");
        }
        int m = x.size() / Math.max(1, k);
        int[] os = xs.clone();
        os[os.length - 1] = n;
        float[] y = Workspace.floats(m * n);
        // Keep the pre-activation only when the derivative needs it (relu, sigmoid, tanh... derive from y).
        boolean needZ = act != UnaryOp.RELU && !act.derivativeFromOutput() && GradientTape.active() != null;
        float[] z;
        float[] b = bias == null ? null : bias.buffer();
        int bo = bias == null ? 0 : bias.offset();
        if (!needZ) {
            // Bias and activation in the GEMM's epilogue, per finished block on the thread that computed it.
            Gemm.sgemm(m, n, k, x.buffer(), x.offset(), kernel.buffer(), kernel.offset(), y, 0,
                    b == null && act == UnaryOp.LINEAR ? null : GemmEpilogue.biasActivation(b, bo, act, param));
            z = null;
        } else {
            Gemm.sgemm(m, n, k, x.buffer(), x.offset(), kernel.buffer(), kernel.offset(), y, 0,
                    b == null ? null : GemmEpilogue.biasActivation(b, bo, UnaryOp.LINEAR, 0f));
            z = Workspace.floats(y.length);
            System.arraycopy(y, 0, z, 0, y.length);
            UnaryKernels.apply(act, param, y, 0, y, 0, y.length);
        }
        Tensor out = Tensor.of(y, os);
        if (GradientTape.active() == null) {
            return out; // inference: nothing to record (and no closure or input array built per call)
        }
        GradientTape.record("dense", out, new Tensor[] {x, kernel, bias}, (g, grads) -> {
            float[] gz = Workspace.floats(m * n);
            UnaryKernels.backward(act, param, z, 0, y, 0, g.buffer(), g.offset(), gz, 0, m * n);
            if (grads.wants(1)) {
                float[] gw = Workspace.floats(k * n);
                Gemm.sgemm(true, false, k, n, m, x.buffer(), x.offset(), k, gz, 0, n, gw, 0, n, false);
                grads.add(1, Tensor.of(gw, k, n));
            }
            if (grads.wants(2)) {
                float[] gb = Workspace.zeros(n);
                for (int r = 0; r < m; r++) {
                    int base = r * n;
                    for (int j = 0; j < n; j++) gb[j] += gz[base + j];
                }
                grads.add(2, Tensor.of(gb, bias.shape()));
            }
            if (grads.wants(0)) {
                float[] gx = Workspace.floats(m * k);
                Gemm.sgemm(false, true, m, k, n, gz, 0, n, kernel.buffer(), kernel.offset(), n, gx, 0, k, false);
                grads.add(0, Tensor.of(gx, xs));
            }
        });
        return out;
    }
}
