package org.jkeras.ops;

import java.util.Arrays;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.tensor.Elementwise;
import org.jkeras.tensor.Gemm;
import org.jkeras.tensor.Reductions;
import org.jkeras.tensor.Shapes;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.Workspace;
import org.jkeras.tensor.UnaryKernels;
import org.jkeras.tensor.UnaryOp;

/**
 * The differentiable functional ops, Keras's {@code keras.ops}: each computes its result with the tensor
 * kernels and, when a {@link GradientTape} is recording and an input is tracked, records its backward rule.
 * Backward rules use tensor methods only, so they are never themselves recorded.
 *
 * <pre>{@code
 * Tensor h = Ops.dense(x, kernel, bias, UnaryOp.RELU, 0f);   // fused matmul + bias + relu
 * Tensor p = Ops.softmax(Ops.matmul(h, w2), -1);
 * Tensor loss = Ops.mean(Ops.square(Ops.subtract(p, y)), new int[0], false);
 * }</pre>
 */
public final class Ops {
    private Ops() {}

    // ------------------------------------------------------------------ broadcasting binary ops

    public static Tensor add(Tensor a, Tensor b) {
        Tensor out = a.add(b);
        GradientTape.record("add", out, new Tensor[] {a, b}, (g, grads) -> {
            grads.add(0, g);
            grads.add(1, g);
        });
        return out;
    }

    public static Tensor subtract(Tensor a, Tensor b) {
        Tensor out = a.sub(b);
        GradientTape.record("subtract", out, new Tensor[] {a, b}, (g, grads) -> {
            grads.add(0, g);
            if (grads.wants(1)) {
                grads.add(1, g.scale(-1f));
            }
        });
        return out;
    }

    public static Tensor multiply(Tensor a, Tensor b) {
        Tensor out = a.mul(b);
        GradientTape.record("multiply", out, new Tensor[] {a, b}, (g, grads) -> {
            if (grads.wants(0)) {
                grads.add(0, g.mul(b));
            }
            if (grads.wants(1)) {
                grads.add(1, g.mul(a));
            }
        });
        return out;
    }

    public static Tensor divide(Tensor a, Tensor b) {
        Tensor out = a.div(b);
        GradientTape.record("divide", out, new Tensor[] {a, b}, (g, grads) -> {
            if (grads.wants(0)) {
                grads.add(0, g.div(b));
            }
            if (grads.wants(1)) {
                grads.add(1, g.mul(out).div(b).scale(-1f));
            }
        });
        return out;
    }

    /** Elementwise maximum; the gradient goes to {@code a} where {@code a >= b}, else to {@code b}. */
    public static Tensor maximum(Tensor a, Tensor b) {
        return select("maximum", a, b, Elementwise.MAX);
    }

    /** Elementwise minimum; the gradient goes to {@code a} where {@code a <= b}, else to {@code b}. */
    public static Tensor minimum(Tensor a, Tensor b) {
        return select("minimum", a, b, Elementwise.MIN);
    }

    private static Tensor select(String name, Tensor a, Tensor b, int op) {
        Tensor out = Elementwise.binary(a, b, op);
        GradientTape.record(name, out, new Tensor[] {a, b}, (g, grads) -> {
            // mask = 1 where the output came from a
            Tensor fromA = Elementwise.binary(a, b, Elementwise.SUB);
            float[] m = fromA.buffer();
            for (int i = 0; i < m.length; i++) {
                m[i] = op == Elementwise.MAX ? (m[i] >= 0 ? 1f : 0f) : (m[i] <= 0 ? 1f : 0f);
            }
            if (grads.wants(0)) {
                grads.add(0, g.mul(fromA));
            }
            if (grads.wants(1)) {
                grads.add(1, g.sub(g.mul(fromA)));
            }
        });
        return out;
    }

    /** {@code x · factor} for a constant factor. */
    public static Tensor scale(Tensor x, float factor) {
        Tensor out = x.scale(factor);
        GradientTape.record("scale", out, new Tensor[] {x}, (g, grads) -> grads.add(0, g.scale(factor)));
        return out;
    }

    /** {@code x + c} for a constant c. */
    public static Tensor addScalar(Tensor x, float c) {
        Tensor out = x.add(Tensor.scalar(c));
        GradientTape.record("add_scalar", out, new Tensor[] {x}, (g, grads) -> grads.add(0, g));
        return out;
    }

    // ------------------------------------------------------------------ unary ops and activations

    /** Any {@link UnaryOp} elementwise; {@code param} is alpha (ELU) or negative slope (leaky ReLU). */
    public static Tensor unary(UnaryOp op, Tensor x, float param) {
        Tensor y = UnaryKernels.forward(op, x, param);
        GradientTape.record(op.name().toLowerCase(java.util.Locale.ROOT), y, new Tensor[] {x}, (g, grads) -> {
            Tensor gx = Workspace.tensor(x.shape());
            UnaryKernels.backward(op, param, x.buffer(), x.offset(), y.buffer(), y.offset(),
                    g.buffer(), g.offset(), gx.buffer(), 0, x.size());
            grads.add(0, gx);
        });
        return y;
    }

    public static Tensor negative(Tensor x) {
        return unary(UnaryOp.NEG, x, 0f);
    }

    public static Tensor exp(Tensor x) {
        return unary(UnaryOp.EXP, x, 0f);
    }

    public static Tensor log(Tensor x) {
        return unary(UnaryOp.LOG, x, 0f);
    }

    public static Tensor sqrt(Tensor x) {
        return unary(UnaryOp.SQRT, x, 0f);
    }

    public static Tensor square(Tensor x) {
        return unary(UnaryOp.SQUARE, x, 0f);
    }

    public static Tensor abs(Tensor x) {
        return unary(UnaryOp.ABS, x, 0f);
    }

    public static Tensor relu(Tensor x) {
        return unary(UnaryOp.RELU, x, 0f);
    }

    public static Tensor sigmoid(Tensor x) {
        return unary(UnaryOp.SIGMOID, x, 0f);
    }

    public static Tensor tanh(Tensor x) {
        return unary(UnaryOp.TANH, x, 0f);
    }

    /** Keras's {@code softplus}: {@code log(1 + exp(x))}, computed stably. */
    public static Tensor softplus(Tensor x) {
        return unary(UnaryOp.SOFTPLUS, x, 0f);
    }

    /**
     * {@code x^p} elementwise for a constant exponent (Keras's {@code ops.power(x, p)}); the gradient is
     * {@code p·x^(p-1)}, which is 0 at {@code x = 0} for {@code p > 1} (as torch.pow), so a focal factor
     * {@code (1 - p_t)^gamma} stays finite when {@code p_t = 1}.
     *
     * <pre>{@code
     * Tensor y = Ops.power(x, 2f);     // same values as Ops.square(x)
     * }</pre>
     */
    public static Tensor power(Tensor x, float p) {
        float[] d = x.buffer();
        int o = x.offset(), n = x.size();
        float[] out = Workspace.floats(n);
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.pow(d[o + i], p);
        }
        Tensor y = Tensor.of(out, x.shape());
        GradientTape.record("power", y, new Tensor[] {x}, (g, grads) -> {
            float[] gx = Workspace.floats(n);
            float[] gd = g.buffer();
            int go = g.offset();
            for (int i = 0; i < n; i++) {
                double v = d[o + i];
                double deriv = p == 0f ? 0.0 : p == 1f ? 1.0 : (v == 0.0 && p > 1f) ? 0.0 : p * Math.pow(v, p - 1.0);
                gx[i] = (float) (gd[go + i] * deriv);
            }
            grads.add(0, Tensor.of(gx, x.shape()));
        });
        return y;
    }

    /** Clips to {@code [lo, hi]}; the gradient passes where {@code lo <= x <= hi} (as torch.clamp). */
    public static Tensor clip(Tensor x, float lo, float hi) {
        float[] d = x.buffer();
        int o = x.offset(), n = x.size();
        float[] out = Workspace.floats(n);
        for (int i = 0; i < n; i++) {
            out[i] = Math.min(Math.max(d[o + i], lo), hi);
        }
        Tensor y = Tensor.of(out, x.shape());
        GradientTape.record("clip", y, new Tensor[] {x}, (g, grads) -> {
            float[] gx = Workspace.floats(n);
            float[] gd = g.buffer();
            int go = g.offset();
            for (int i = 0; i < n; i++) {
                float v = d[o + i];
                gx[i] = v >= lo && v <= hi ? gd[go + i] : 0f;
            }
            grads.add(0, Tensor.of(gx, x.shape()));
        });
        return y;
    }

    /** Softmax along {@code axis}, computed stably (max subtracted). */
    public static Tensor softmax(Tensor x, int axis) {
        int[] s = x.shape();
        int ax = Shapes.axis(axis, s.length);
        int outer = 1, mid = s[ax], inner = 1;
        for (int i = 0; i < ax; i++) outer *= s[i];
        for (int i = ax + 1; i < s.length; i++) inner *= s[i];
        float[] y = Workspace.floats(x.size());
        SoftmaxKernels.softmax(x.buffer(), x.offset(), y, 0, outer, mid, inner);
        Tensor out = Tensor.of(y, s);
        final int fo = outer, fm = mid, fi = inner;
        // Named "softmax" only over the last axis: the fused cross-entropy relies on that.
        GradientTape.record(ax == s.length - 1 ? "softmax" : "softmax_axis", out, new Tensor[] {x}, (g, grads) -> {
            float[] gx = Workspace.floats(y.length);
            SoftmaxKernels.softmaxBackward(y, 0, g.buffer(), g.offset(), gx, fo, fm, fi);
            grads.add(0, Tensor.of(gx, s));
        });
        return out;
    }

    /** log(softmax(x)) along {@code axis}, computed stably. */
    public static Tensor logSoftmax(Tensor x, int axis) {
        Tensor shifted = x.sub(x.max(new int[] {axis}, true));
        Tensor sumExp = UnaryKernels.forward(UnaryOp.EXP, shifted, 0f).sum(new int[] {axis}, true);
        Tensor out = shifted.sub(UnaryKernels.forward(UnaryOp.LOG, sumExp, 0f));
        GradientTape.record("log_softmax", out, new Tensor[] {x}, (g, grads) -> {
            Tensor sm = UnaryKernels.forward(UnaryOp.EXP, out, 0f);
            grads.add(0, g.sub(sm.mul(g.sum(new int[] {axis}, true))));
        });
        return out;
    }

    // ------------------------------------------------------------------ reductions

    /** Sum over {@code axes} (all axes when empty). */
    public static Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        Tensor out = Reductions.sum(x, axes, keepDims);
        int[] kept = Reductions.reducedShape(x.shape(), axes, true);
        GradientTape.record("sum", out, new Tensor[] {x}, (g, grads) ->
                grads.add(0, Tensor.zeros(x.shape()).add(g.reshape(kept))));
        return out;
    }

    /** Mean over {@code axes} (all axes when empty). */
    public static Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        Tensor out = Reductions.mean(x, axes, keepDims);
        int[] kept = Reductions.reducedShape(x.shape(), axes, true);
        float inv = out.size() == 0 ? 0f : (float) out.size() / Math.max(1, x.size());
        GradientTape.record("mean", out, new Tensor[] {x}, (g, grads) ->
                grads.add(0, Tensor.zeros(x.shape()).add(g.reshape(kept).scale(inv))));
        return out;
    }

    /** Maximum over {@code axes}; the gradient is shared equally among tied maxima. */
    public static Tensor max(Tensor x, int[] axes, boolean keepDims) {
        Tensor out = Reductions.max(x, axes, keepDims);
        int[] kept = Reductions.reducedShape(x.shape(), axes, true);
        GradientTape.record("max", out, new Tensor[] {x}, (g, grads) -> {
            Tensor mask = x.sub(out.reshape(kept));
            float[] m = mask.buffer();
            for (int i = 0; i < m.length; i++) {
                m[i] = m[i] == 0f ? 1f : 0f;
            }
            Tensor count = mask.sum(axes, true);
            grads.add(0, mask.div(count).mul(g.reshape(kept)));
        });
        return out;
    }

    // ------------------------------------------------------------------ shapes and products

    public static Tensor reshape(Tensor x, int... shape) {
        Tensor out = x.reshape(shape);
        int[] in = x.shape();
        GradientTape.record("reshape", out, new Tensor[] {x}, (g, grads) -> grads.add(0, g.reshape(in)));
        return out;
    }

    /** Swaps the last two axes. */
    public static Tensor transpose(Tensor x) {
        Tensor out = x.transpose();
        GradientTape.record("transpose", out, new Tensor[] {x}, (g, grads) -> grads.add(0, g.transpose()));
        return out;
    }

    public static Tensor matmul(Tensor a, Tensor b) {
        return matmul(a, b, false, false);
    }

    /** Matrix product (batched over leading axes) with optional transposes. */
    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        Tensor out = a.matmul(b, transA, transB);
        GradientTape.record("matmul", out, new Tensor[] {a, b}, (g, grads) -> {
            if (grads.wants(0)) {
                // d op(A) = G · op(B)ᵀ; dA is that, transposed back when A was transposed
                grads.add(0, transA ? b.matmul(g, transB, true) : g.matmul(b, false, !transB));
            }
            if (grads.wants(1)) {
                Tensor gb = transB ? g.matmul(a, true, transA) : a.matmul(g, !transA, false);
                grads.add(1, gb);
            }
        });
        return out;
    }

    /**
     * The fused Dense op {@code activation(x · kernel + bias)} over the last axis of {@code x}: one GEMM, then
     * bias and activation in one pass over the output. {@code bias} may be null.
     */
    public static Tensor dense(Tensor x, Tensor kernel, Tensor bias, UnaryOp activation, float param) {
        return DenseKernel.forward(x, kernel, bias, activation, param);
    }

    /**
     * Inverted dropout: zeroes each element with probability {@code rate} and scales the rest by
     * {@code 1 / (1 - rate)}, drawing from {@code random}.
     */
    public static Tensor dropout(Tensor x, float rate, java.util.random.RandomGenerator random) {
        if (rate <= 0f) {
            return x;
        }
        int n = x.size();
        float keep = 1f / (1f - rate);
        float[] mask = Workspace.floats(n);
        for (int i = 0; i < n; i++) {
            mask[i] = random.nextFloat() >= rate ? keep : 0f;
        }
        return multiply(x, Tensor.of(mask, x.shape()));
    }

    /** Joins tensors along {@code axis}; all other dimensions must match. */
    public static Tensor concatenate(Tensor[] xs, int axis) {
        int[] s0 = xs[0].shape();
        int ax = Shapes.axis(axis, s0.length);
        int outer = 1, inner = 1, total = 0;
        for (int i = 0; i < ax; i++) outer *= s0[i];
        for (int i = ax + 1; i < s0.length; i++) inner *= s0[i];
        int[] mids = new int[xs.length];
        for (int k = 0; k < xs.length; k++) {
            int[] s = xs[k].shape();
            if (s.length != s0.length) {
                throw new IllegalArgumentException("concatenate: input " + k + " has shape " + Arrays.toString(s)
                        + " but input 0 has shape " + Arrays.toString(s0) + "; ranks must match.");
            }
            for (int i = 0; i < s.length; i++) {
                if (i != ax && s[i] != s0[i]) {
                    throw new IllegalArgumentException("concatenate along axis " + axis + ": input " + k
                            + " has shape " + Arrays.toString(s) + " but input 0 has " + Arrays.toString(s0)
                            + "; every other dimension must match.");
                }
            }
            mids[k] = s[ax];
            total += s[ax];
        }
        int[] os = s0.clone();
        os[ax] = total;
        float[] out = Workspace.floats(Shapes.size(os));
        int rowOut = total * inner;
        int pos = 0;
        for (int k = 0; k < xs.length; k++) {
            int w = mids[k] * inner;
            float[] d = xs[k].buffer();
            int o = xs[k].offset();
            for (int r = 0; r < outer; r++) {
                System.arraycopy(d, o + r * w, out, r * rowOut + pos, w);
            }
            pos += w;
        }
        Tensor y = Tensor.of(out, os);
        final int fOuter = outer, fInner = inner;
        GradientTape.record("concatenate", y, xs, (g, grads) -> {
            int p = 0;
            for (int k = 0; k < xs.length; k++) {
                int w = mids[k] * fInner;
                if (grads.wants(k)) {
                    float[] gk = Workspace.floats(fOuter * w);
                    for (int r = 0; r < fOuter; r++) {
                        System.arraycopy(g.buffer(), g.offset() + r * rowOut + p, gk, r * w, w);
                    }
                    grads.add(k, Tensor.of(gk, xs[k].shape()));
                }
                p += w;
            }
        });
        return y;
    }

    /**
     * Keras's categorical cross-entropy on probabilities, per sample: {@code p / Σp}, clipped to
     * {@code [ε, 1-ε]} with ε = 1e-7, then {@code -Σ y·log p} over the last axis. When {@code probs} was
     * produced by {@link #softmax} on the recording tape, the softmax and the loss are fused: the gradient goes
     * straight to the logits in one O(classes) pass per row, with the same values as the unfused chain.
     */
    public static Tensor categoricalCrossentropy(Tensor yTrue, Tensor probs) {
        return CrossEntropy.categorical(yTrue, probs);
    }

    /** Categorical cross-entropy on logits (log-softmax, no clipping), per sample. */
    public static Tensor categoricalCrossentropyFromLogits(Tensor yTrue, Tensor logits) {
        return CrossEntropy.categoricalFromLogits(yTrue, logits);
    }

    /**
     * Keras's binary cross-entropy per element (not reduced): probabilities clipped to {@code [ε, 1-ε]}
     * (logs clamped at -100 as torch does), or the stable logits form when {@code fromLogits}.
     */
    public static Tensor binaryCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits) {
        return CrossEntropy.binary(yTrue, yPred, fromLogits);
    }
}
