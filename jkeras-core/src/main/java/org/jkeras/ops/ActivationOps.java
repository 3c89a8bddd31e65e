package org.jkeras.ops;

import java.util.Arrays;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.tensor.Shapes;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.Workspace;

/**
 * Differentiable activations with arguments, behind the activation layers: Keras's general
 * {@code activations.relu(x, negative_slope, max_value, threshold)}, {@code PReLU}'s learned slope, and softmax over
 * several axes with a mask.
 *
 * <pre>{@code
 * Tensor y = ActivationOps.relu(x, 0.1, 6.0, 0.5);
 * Tensor p = ActivationOps.prelu(x, alpha);                     // alpha broadcast to x's trailing axes
 * Tensor s = ActivationOps.softmax(x, new int[] {1, 2}, mask);  // mask may be null
 * }</pre>
 */
public final class ActivationOps {
    /** Keras's {@code _large_negative_number} for float32: what masked logits become. */
    static final float LARGE_NEGATIVE = -1e9f;

    private ActivationOps() {}

    /**
     * Keras's {@code relu}: {@code x} where {@code x > threshold} (any {@code x >= 0} when the threshold is 0),
     * else 0; clipped to {@code [0, maxValue]} when {@code maxValue} is not null; minus
     * {@code negativeSlope · relu(threshold - x)}.
     */
    public static Tensor relu(Tensor x, double negativeSlope, Double maxValue, double threshold) {
        float slope = (float) negativeSlope, t = (float) threshold;
        boolean clip = maxValue != null;
        float max = clip ? maxValue.floatValue() : Float.POSITIVE_INFINITY;
        float[] d = x.buffer();
        int o = x.offset(), n = x.size();
        float[] out = Workspace.floats(n);
        for (int i = 0; i < n; i++) {
            float v = d[o + i];
            float pos = v > t ? v : 0f;
            if (clip) {
                pos = Math.min(Math.max(pos, 0f), max);
            }
            out[i] = v < t ? pos - slope * (t - v) : pos;
        }
        Tensor y = Tensor.of(out, x.shape());
        GradientTape.record("relu", y, new Tensor[] {x}, (g, grads) -> {
            float[] gd = g.buffer();
            int go = g.offset();
            float[] gx = Workspace.floats(n);
            for (int i = 0; i < n; i++) {
                float v = d[o + i];
                float dpos = v > t && (!clip || (v >= 0f && v <= max)) ? 1f : 0f;
                gx[i] = gd[go + i] * (v < t ? dpos + slope : dpos);
            }
            grads.add(0, Tensor.of(gx, x.shape()));
        });
        return y;
    }

    /**
     * PReLU: {@code x} where {@code x > 0}, else {@code alpha · x}, with {@code alpha} broadcast to {@code x} from the
     * trailing axes (shape {@code x.shape[1:]} with 1 on the shared axes).
     */
    public static Tensor prelu(Tensor x, Tensor alpha) {
        int[] s = x.shape();
        int[] as = alpha.shape();
        int[] full = new int[s.length];
        Arrays.fill(full, 1);
        if (as.length > s.length) {
            throw new IllegalArgumentException("prelu: alpha of shape " + Arrays.toString(as) + " does not broadcast to "
                    + Arrays.toString(s) + ".");
        }
        System.arraycopy(as, 0, full, s.length - as.length, as.length);
        for (int i = 0; i < s.length; i++) {
            if (full[i] != 1 && full[i] != s[i]) {
                throw new IllegalArgumentException("prelu: alpha of shape " + Arrays.toString(as) + " does not broadcast "
                        + "to " + Arrays.toString(s) + ".");
            }
        }
        int[] ast = Shapes.broadcastStrides(full, s);
        int n = x.size();
        float[] d = x.buffer(), a = alpha.buffer();
        int o = x.offset(), ao = alpha.offset();
        float[] out = Workspace.floats(n);
        int rank = s.length;
        int inner = rank == 0 ? 1 : s[rank - 1], innerStride = rank == 0 ? 0 : ast[rank - 1];
        int[] idx = new int[Math.max(rank, 1)];
        // rows of the last axis; p is alpha's offset at the start of each row (an odometer over the leading axes)
        for (int i = 0, p = 0; i < n; i += inner) {
            for (int k = 0, q = p; k < inner; k++, q += innerStride) {
                float v = d[o + i + k];
                out[i + k] = v > 0f ? v : a[ao + q] * v;
            }
            p = nextRow(idx, s, ast, p);
        }
        Tensor y = Tensor.of(out, s);
        GradientTape.record("prelu", y, new Tensor[] {x, alpha}, (g, grads) -> {
            float[] gd = g.buffer();
            int go = g.offset();
            boolean wantX = grads.wants(0), wantA = grads.wants(1);
            float[] gx = wantX ? Workspace.floats(n) : null;
            float[] ga = wantA ? new float[alpha.size()] : null;
            int[] j = new int[Math.max(rank, 1)];
            for (int i = 0, p = 0; i < n; i += inner) {
                for (int k = 0, q = p; k < inner; k++, q += innerStride) {
                    float v = d[o + i + k], gv = gd[go + i + k];
                    if (wantX) {
                        gx[i + k] = v > 0f ? gv : gv * a[ao + q];
                    }
                    if (wantA && v <= 0f) {
                        ga[q] += gv * v;
                    }
                }
                p = nextRow(j, s, ast, p);
            }
            if (wantX) {
                grads.add(0, Tensor.of(gx, s));
            }
            if (wantA) {
                grads.add(1, Tensor.of(ga, as));
            }
        });
        return y;
    }

    /** Advances the odometer {@code idx} over all axes but the last; returns the broadcast operand's new offset. */
    private static int nextRow(int[] idx, int[] s, int[] st, int p) {
        for (int ax = s.length - 2; ax >= 0; ax--) {
            idx[ax]++;
            p += st[ax];
            if (idx[ax] < s[ax]) {
                return p;
            }
            p -= idx[ax] * st[ax];
            idx[ax] = 0;
        }
        return p;
    }

    /**
     * Softmax over {@code axes} (jointly when several), as Keras's {@code Softmax} layer: with a {@code mask}
     * (broadcast to {@code x} from the trailing axes; entries above 0.5 keep), masked logits become -1e9 and masked
     * outputs 0.
     */
    public static Tensor softmax(Tensor x, int[] axes, Tensor mask) {
        int rank = x.rank();
        Tensor keep = null;
        if (mask != null) {
            keep = binaryMask(mask, x.shape());
            // where(mask, x, -1e9): exact for 0/1 masks, gradient to x where kept
            float[] k = keep.buffer();
            float[] bias = new float[k.length];
            for (int i = 0; i < k.length; i++) {
                bias[i] = k[i] == 1f ? 0f : LARGE_NEGATIVE;
            }
            x = Ops.add(Ops.multiply(x, keep), Tensor.of(bias, keep.shape()));
        }
        Tensor out;
        if (axes.length == 1) {
            out = Ops.softmax(x, axes[0]);
        } else {
            out = jointSoftmax(x, axes, rank);
        }
        return keep == null ? out : Ops.multiply(out, keep);
    }

    private static Tensor jointSoftmax(Tensor x, int[] axes, int rank) {
        boolean[] reduced = new boolean[rank];
        for (int a : axes) {
            int ax = Shapes.axis(a, rank);
            if (reduced[ax]) {
                throw new IllegalArgumentException("softmax: axis " + a + " is given twice in " + Arrays.toString(axes) + ".");
            }
            reduced[ax] = true;
        }
        int[] perm = new int[rank];
        int k = 0;
        int[] s = x.shape();
        int kept = 1, joint = 1;
        for (int i = 0; i < rank; i++) {
            if (!reduced[i]) {
                perm[k++] = i;
                kept *= s[i];
            }
        }
        for (int i = 0; i < rank; i++) {
            if (reduced[i]) {
                perm[k++] = i;
                joint *= s[i];
            }
        }
        Tensor t = ShapeOps.permute(x, perm);
        int[] ts = t.shape();
        Tensor sm = Ops.reshape(Ops.softmax(Ops.reshape(t, kept, joint), -1), ts);
        int[] inv = new int[rank];
        for (int i = 0; i < rank; i++) {
            inv[perm[i]] = i;
        }
        return ShapeOps.permute(sm, inv);
    }

    private static Tensor binaryMask(Tensor mask, int[] shape) {
        int[] ms = mask.shape();
        if (ms.length > shape.length) {
            throw new IllegalArgumentException("The `mask` must be broadcastable to `inputs` and must not have more "
                    + "dimensions. Received: inputs.shape=" + Arrays.toString(shape) + ", mask.shape=" + Arrays.toString(ms));
        }
        for (int i = 1; i <= ms.length; i++) {
            int m = ms[ms.length - i], d = shape[shape.length - i];
            if (m != 1 && m != d) {
                throw new IllegalArgumentException("The `mask` must be broadcastable to `inputs`. Each mask dimension "
                        + "must be 1 or match the corresponding input dimension. Received: inputs.shape="
                        + Arrays.toString(shape) + ", mask.shape=" + Arrays.toString(ms));
            }
        }
        float[] src = mask.toArray();
        float[] b = new float[src.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = src[i] > 0.5f ? 1f : 0f;
        }
        return Tensor.of(b, ms);
    }
}
