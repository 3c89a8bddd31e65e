package org.jkeras.ops;

import java.util.Arrays;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.tensor.NormKernels;
import org.jkeras.tensor.Shapes;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.Workspace;

/**
 * The differentiable normalization ops of Keras 3: batch normalization (training and inference), layer
 * normalization (any axis list, {@code rms_scaling}), group normalization and L2 normalization. Each computes on
 * primitive arrays ({@link NormKernels}) and records its backward rule on the active {@link GradientTape}.
 *
 * <pre>{@code
 * float[] mean = new float[c], var = new float[c];
 * Tensor y = NormalizationOps.batchNormTraining(x, gamma, beta, -1, 1e-3f, mean, var);   // batch statistics
 * Tensor z = NormalizationOps.batchNormInference(x, movingMean, movingVar, gamma, beta, -1, 1e-3f);
 * Tensor l = NormalizationOps.layerNorm(x, gamma, beta, new int[] {-1}, 1e-3f, false);
 * }</pre>
 */
public final class NormalizationOps {
    private NormalizationOps() {}

    /**
     * Batch normalization with the batch's own statistics over every axis but {@code axis}: writes the batch mean
     * and biased variance (Keras's {@code ops.moments}) to {@code batchMean}/{@code batchVar} (length
     * {@code dim(axis)}) so the caller can update its moving statistics; the gradient flows through them.
     * {@code gamma}/{@code beta} (shape {@code [C]}) may be null.
     */
    public static Tensor batchNormTraining(Tensor x, Tensor gamma, Tensor beta, int axis, float epsilon,
            float[] batchMean, float[] batchVar) {
        int[] v = view(x, axis, gamma, beta);
        int outer = v[0], c = v[1], inner = v[2];
        if (batchMean.length != c || batchVar.length != c) {
            throw new IllegalArgumentException("batchNormTraining: statistics arrays need length " + c
                    + " (the size of axis " + axis + "); got " + batchMean.length + " and " + batchVar.length + ".");
        }
        NormKernels.batchMoments(x.buffer(), x.offset(), outer, c, inner, batchMean, batchVar);
        float[] mean = batchMean.clone();
        return batchNorm("batch_norm_training", x, mean, batchVar.clone(), gamma, beta, epsilon, v, true);
    }

    /**
     * Batch normalization with fixed statistics (the moving mean and variance, inference mode):
     * {@code (x − mean)·rsqrt(var + ε)·gamma + beta} per channel of {@code axis}.
     */
    public static Tensor batchNormInference(Tensor x, Tensor mean, Tensor variance, Tensor gamma, Tensor beta,
            int axis, float epsilon) {
        int[] v = view(x, axis, gamma, beta);
        checkVector("moving_mean", mean, v[1], axis);
        checkVector("moving_variance", variance, v[1], axis);
        return batchNorm("batch_norm_inference", x, mean.toArray(), variance.toArray(), gamma, beta, epsilon, v,
                false, mean, variance);
    }

    private static Tensor batchNorm(String op, Tensor x, float[] mean, float[] var, Tensor gamma, Tensor beta,
            float epsilon, int[] v, boolean batchStats) {
        return batchNorm(op, x, mean, var, gamma, beta, epsilon, v, batchStats, null, null);
    }

    private static Tensor batchNorm(String op, Tensor x, float[] mean, float[] var, Tensor gamma, Tensor beta,
            float epsilon, int[] v, boolean batchStats, Tensor meanIn, Tensor varIn) {
        int outer = v[0], c = v[1], inner = v[2];
        float[] g = gamma != null ? gamma.toArray() : null;
        float[] b = beta != null ? beta.toArray() : null;
        float[] invStd = new float[c];
        float[] y = Workspace.floats(x.size());
        NormKernels.batchNormForward(x.buffer(), x.offset(), y, 0, outer, c, inner, mean, var, epsilon, g, b, invStd);
        Tensor out = Tensor.of(y, x.shape());
        Tensor[] inputs = {x, gamma, beta, meanIn, varIn};
        GradientTape.record(op, out, inputs, (grad, grads) -> {
            float[] dx = grads.wants(0) ? Workspace.floats(x.size()) : null;
            float[] dGamma = grads.wants(1) ? new float[c] : null;
            float[] dBeta = grads.wants(2) ? new float[c] : null;
            float[] dMean = grads.wants(3) ? new float[c] : null;
            float[] dVar = grads.wants(4) ? new float[c] : null;
            NormKernels.batchNormBackward(x.buffer(), x.offset(), grad.buffer(), grad.offset(), outer, c, inner,
                    mean, invStd, g, batchStats, dx, dGamma, dBeta, dMean, dVar);
            if (dx != null) grads.add(0, Tensor.of(dx, x.shape()));
            if (dGamma != null) grads.add(1, Tensor.of(dGamma, c));
            if (dBeta != null) grads.add(2, Tensor.of(dBeta, c));
            if (dMean != null) grads.add(3, Tensor.of(dMean, meanIn.shape()));
            if (dVar != null) grads.add(4, Tensor.of(dVar, varIn.shape()));
        });
        return out;
    }

    private static int[] view(Tensor x, int axis, Tensor gamma, Tensor beta) {
        int[] s = x.shape();
        if (axis < -s.length || axis >= s.length) {
            throw new IllegalArgumentException("batch normalization: axis=" + axis + " is out of range for an input"
                    + " of rank " + s.length + " (shape " + Arrays.toString(s) + "); pass an axis in [" + (-s.length)
                    + ", " + (s.length - 1) + "], e.g. -1 for channels_last or 1 for channels_first.");
        }
        int ax = Shapes.axis(axis, s.length);
        int outer = 1, inner = 1;
        for (int i = 0; i < ax; i++) outer *= s[i];
        for (int i = ax + 1; i < s.length; i++) inner *= s[i];
        if (gamma != null) checkVector("gamma", gamma, s[ax], axis);
        if (beta != null) checkVector("beta", beta, s[ax], axis);
        return new int[] {outer, s[ax], inner};
    }

    private static void checkVector(String name, Tensor t, int c, int axis) {
        if (t.size() != c) {
            throw new IllegalArgumentException("normalization: " + name + " has shape " + Arrays.toString(t.shape())
                    + " but axis " + axis + " of the input has " + c + " entries; it must have shape [" + c + "].");
        }
    }

    // ------------------------------------------------------------------ layer and group normalization

    /**
     * Keras's {@code ops.layer_normalization}: mean and biased variance over {@code axes}, then
     * {@code (x − mean)·rsqrt(var + ε)·gamma + beta}; with {@code rmsScaling}, {@code x·rsqrt(var + ε)·gamma}
     * (Keras 3 takes that variance about the mean too). {@code gamma}/{@code beta} have the shape of the input's
     * dimensions at {@code axes} (in sorted order) and may be null.
     */
    public static Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, int[] axes, float epsilon, boolean rmsScaling) {
        int[] s = x.shape();
        boolean[] reduced = new boolean[s.length];
        for (int a : axes) {
            if (a < -s.length || a >= s.length) {
                throw new IllegalArgumentException("LayerNormalization: axis " + a + " is out of range for an input"
                        + " of shape " + Arrays.toString(s) + "; axes must lie in [" + (-s.length) + ", "
                        + (s.length - 1) + "].");
            }
            reduced[Shapes.axis(a, s.length)] = true;
        }
        int[] v = fourView(s, reduced);
        if (v == null) {
            throw new IllegalArgumentException("LayerNormalization: axes " + Arrays.toString(axes) + " of an input of "
                    + "shape " + Arrays.toString(s) + " form more than two separate runs; reduce over at most two "
                    + "runs of adjacent axes (e.g. [-1], [1, 2, 3] or [1, 3]).");
        }
        Tensor xhat = grouped("layer_norm", x, v, epsilon, rmsScaling);
        int[] bshape = new int[s.length];
        for (int i = 0; i < s.length; i++) bshape[i] = reduced[i] ? s[i] : 1;
        return affine(xhat, gamma, beta, bshape);
    }

    /**
     * Keras's group normalization: the channels of {@code axis} split into {@code groups} groups; one mean and
     * variance per sample and group over that group's channels and every non-batch axis; then per-channel
     * {@code gamma}/{@code beta} (shape {@code [C]}, may be null).
     */
    public static Tensor groupNorm(Tensor x, Tensor gamma, Tensor beta, int groups, int axis, float epsilon) {
        int[] s = x.shape();
        if (axis < -s.length || axis >= s.length || Shapes.axis(axis, s.length) == 0) {
            throw new IllegalArgumentException("GroupNormalization: axis=" + axis + " is not a channel axis of an "
                    + "input of shape " + Arrays.toString(s) + "; pass a non-batch axis (-1 for channels_last).");
        }
        int ax = Shapes.axis(axis, s.length), c = s[ax];
        checkGroups(groups, c);
        int r1 = 1, post = 1;
        for (int i = 1; i < ax; i++) r1 *= s[i];
        for (int i = ax + 1; i < s.length; i++) post *= s[i];
        int[] v = {s[0], r1, groups, (c / groups) * post};
        Tensor xhat = grouped("group_norm", x, v, epsilon, false);
        int[] bshape = new int[s.length];
        Arrays.fill(bshape, 1);
        bshape[ax] = c;
        return affine(xhat, gamma, beta, bshape);
    }

    /** Checks that {@code groups} divides {@code channels}, with Keras's messages. */
    public static void checkGroups(int groups, int channels) {
        if (groups <= 0 || groups > channels) {
            throw new IllegalArgumentException("GroupNormalization: number of groups (" + groups + ") cannot be more "
                    + "than the number of channels (" + channels + ") nor below 1; pass groups between 1 and "
                    + channels + " that divides it (or -1 for one group per channel).");
        }
        if (channels % groups != 0) {
            throw new IllegalArgumentException("GroupNormalization: number of groups (" + groups + ") must divide "
                    + "the number of channels (" + channels + "); pick a divisor of " + channels + ".");
        }
    }

    /** The {@code [A, R1, K, R2]} view for a reduced-axis pattern of the form kept*, reduced*, kept*, reduced*. */
    static int[] fourView(int[] s, boolean[] reduced) {
        int[] v = {1, 1, 1, 1};
        int part = 0;
        for (int i = 0; i < s.length; i++) {
            int want = reduced[i] ? 1 : 0;
            while (part < 4 && part % 2 != want) part++;
            if (part == 4) return null;
            v[part] *= s[i];
        }
        return v;
    }

    private static Tensor grouped(String op, Tensor x, int[] v, float epsilon, boolean rms) {
        int a = v[0], r1 = v[1], k = v[2], r2 = v[3];
        float[] mean = new float[a * k], inv = new float[a * k];
        float[] y = Workspace.floats(x.size());
        NormKernels.groupNormForward(x.buffer(), x.offset(), y, a, r1, k, r2, epsilon, rms, mean, inv);
        Tensor out = Tensor.of(y, x.shape());
        GradientTape.record(op, out, new Tensor[] {x}, (g, grads) -> {
            float[] dx = Workspace.floats(x.size());
            NormKernels.groupNormBackward(x.buffer(), x.offset(), g.buffer(), g.offset(), dx, a, r1, k, r2, rms,
                    mean, inv);
            grads.add(0, Tensor.of(dx, x.shape()));
        });
        return out;
    }

    private static Tensor affine(Tensor xhat, Tensor gamma, Tensor beta, int[] bshape) {
        int n = Shapes.size(bshape);
        Tensor y = xhat;
        if (gamma != null) {
            checkParam("gamma", gamma, n, bshape);
            y = Ops.multiply(y, Ops.reshape(gamma, bshape));
        }
        if (beta != null) {
            checkParam("beta", beta, n, bshape);
            y = Ops.add(y, Ops.reshape(beta, bshape));
        }
        return y;
    }

    private static void checkParam(String name, Tensor t, int n, int[] bshape) {
        if (t.size() != n) {
            throw new IllegalArgumentException("normalization: " + name + " has shape " + Arrays.toString(t.shape())
                    + " (" + t.size() + " values) but the normalized axes need " + n + " values (broadcast shape "
                    + Arrays.toString(bshape) + ").");
        }
    }

    // ------------------------------------------------------------------ L2 normalization

    /**
     * Keras's {@code ops.normalize(x, axis, order=2, epsilon)}: {@code x·rsqrt(max(Σ x², ε²))} along
     * {@code axis} (UnitNormalization uses ε = 1e-12).
     */
    public static Tensor l2Normalize(Tensor x, int axis, float epsilon) {
        int[] s = x.shape();
        if (axis < -s.length || axis >= s.length) {
            throw new IllegalArgumentException("UnitNormalization: axis=" + axis + " is out of range for an input of "
                    + "shape " + Arrays.toString(s) + "; pass an axis in [" + (-s.length) + ", " + (s.length - 1) + "].");
        }
        int ax = Shapes.axis(axis, s.length);
        int outer = 1, inner = 1, n = s[ax];
        for (int i = 0; i < ax; i++) outer *= s[i];
        for (int i = ax + 1; i < s.length; i++) inner *= s[i];
        float[] inv = new float[outer * inner];
        boolean[] clamped = new boolean[outer * inner];
        float[] y = Workspace.floats(x.size());
        NormKernels.l2NormalizeForward(x.buffer(), x.offset(), y, outer, n, inner, epsilon, inv, clamped);
        Tensor out = Tensor.of(y, s);
        final int fo = outer, fi = inner;
        GradientTape.record("l2_normalize", out, new Tensor[] {x}, (g, grads) -> {
            float[] dx = Workspace.floats(x.size());
            NormKernels.l2NormalizeBackward(x.buffer(), x.offset(), g.buffer(), g.offset(), dx, fo, n, fi, inv,
                    clamped);
            grads.add(0, Tensor.of(dx, s));
        });
        return out;
    }
}
