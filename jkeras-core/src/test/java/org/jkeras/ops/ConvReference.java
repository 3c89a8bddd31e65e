package org.jkeras.ops;

import java.util.Arrays;
import org.jkeras.tensor.Tensor;

/**
 * Direct loops for convolution, transposed convolution and pooling on channels-last tensors, with TensorFlow's
 * padding rules spelled out independently of the library: the reference the ops and layers are compared with.
 *
 * <pre>{@code
 * Tensor ref = ConvReference.naiveConv(x, kernel, bias, new int[] {1, 1}, "same", new int[] {1, 1}, 1);
 * }</pre>
 */
public final class ConvReference {
    private ConvReference() {}

    // ------------------------------------------------------------------ independent reference loops

    /** Leading pad of one axis, TensorFlow's rule. */
    private static int pad(String padding, int in, int k, int s, int d) {
        int dk = (k - 1) * d + 1;
        if (padding.equals("causal")) {
            return dk - 1;
        }
        if (padding.equals("valid")) {
            return 0;
        }
        int out = (int) Math.ceil(in / (double) s);
        return Math.max((out - 1) * s + dk - in, 0) / 2;
    }

    private static int outLen(String padding, int in, int k, int s, int d) {
        int dk = (k - 1) * d + 1;
        return padding.equals("valid") ? (in - dk) / s + 1 : (int) Math.ceil(in / (double) s);
    }

    /** Pads a shape's spatial part to 3 axes: [n, s..., c] -> [n, 1.., s..., c]. */
    private static int[] as3d(int[] shape) {
        int r = shape.length - 2;
        int[] o = new int[5];
        o[0] = shape[0];
        o[4] = shape[r + 1];
        for (int a = 0; a < 3; a++) o[1 + a] = a < 3 - r ? 1 : shape[1 + a - (3 - r)];
        return o;
    }

    private static int[] lift(int[] v, int fill) {
        int[] o = new int[3];
        for (int a = 0; a < 3; a++) o[a] = a < 3 - v.length ? fill : v[a - (3 - v.length)];
        return o;
    }

    /** Direct channels-last grouped convolution with bias (may be null). */
    public static Tensor naiveConv(Tensor x, Tensor w, Tensor b, int[] strides, String padding, int[] dil, int groups) {
        int r = x.rank() - 2;
        int[] xs = as3d(x.shape()), ws = as3d(w.shape());  // ws: [k0, k1, k2, cg, cout] in the same slots
        int[] k = lift(Arrays.copyOf(w.shape(), r), 1), s = lift(strides, 1), d = lift(dil, 1);
        int cg = w.shape()[r], cout = w.shape()[r + 1], opg = cout / groups;
        int[] o = new int[3], p = new int[3];
        for (int a = 0; a < 3; a++) {
            o[a] = outLen(padding, xs[1 + a], k[a], s[a], d[a]);
            p[a] = pad(padding, xs[1 + a], k[a], s[a], d[a]);
        }
        if (padding.equals("causal")) {
            o[2] = (int) Math.ceil(xs[3] / (double) s[2]);
        }
        int n = xs[0], cin = xs[4];
        float[] out = new float[n * o[0] * o[1] * o[2] * cout];
        float[] xd = x.toArray(), wd = w.toArray();
        int idx = 0;
        for (int b0 = 0; b0 < n; b0++)
            for (int i0 = 0; i0 < o[0]; i0++)
                for (int i1 = 0; i1 < o[1]; i1++)
                    for (int i2 = 0; i2 < o[2]; i2++)
                        for (int co = 0; co < cout; co++) {
                            int gi = co / opg;
                            double acc = b == null ? 0 : b.toArray()[co];
                            for (int a = 0; a < k[0]; a++)
                                for (int bb = 0; bb < k[1]; bb++)
                                    for (int c = 0; c < k[2]; c++) {
                                        int p0 = i0 * s[0] - p[0] + a * d[0], p1 = i1 * s[1] - p[1] + bb * d[1],
                                                p2 = i2 * s[2] - p[2] + c * d[2];
                                        if (p0 < 0 || p0 >= xs[1] || p1 < 0 || p1 >= xs[2] || p2 < 0 || p2 >= xs[3]) continue;
                                        for (int cc = 0; cc < cg; cc++) {
                                            float xv = xd[(((b0 * xs[1] + p0) * xs[2] + p1) * xs[3] + p2) * cin + gi * cg + cc];
                                            float wv = wd[((((a * k[1]) + bb) * k[2] + c) * cg + cc) * cout + co];
                                            acc += xv * wv;
                                        }
                                    }
                            out[idx++] = (float) acc;
                        }
        int[] os = new int[r + 2];
        os[0] = n;
        for (int a = 0; a < r; a++) os[1 + a] = o[3 - r + a];
        os[r + 1] = cout;
        return Tensor.of(out, os);
    }

    /** Direct transposed convolution: every input position scatters kernel × value onto the output. */
    public static Tensor naiveConvTranspose(Tensor x, Tensor w, int[] strides, String padding, int[] dil, int[] outSpatial) {
        int r = x.rank() - 2;
        int[] xs = as3d(x.shape());
        int[] k = lift(Arrays.copyOf(w.shape(), r), 1), s = lift(strides, 1), d = lift(dil, 1), os3 = lift(outSpatial, 1);
        int filters = w.shape()[r], cin = w.shape()[r + 1], n = xs[0];
        int[] p = new int[3];
        for (int a = 0; a < 3; a++) {
            int dk = (k[a] - 1) * d[a] + 1;
            p[a] = padding.equals("same") ? Math.max((xs[1 + a] - 1) * s[a] + dk - os3[a], 0) / 2 : 0;
        }
        float[] out = new float[n * os3[0] * os3[1] * os3[2] * filters];
        float[] xd = x.toArray(), wd = w.toArray();
        for (int b0 = 0; b0 < n; b0++)
            for (int i0 = 0; i0 < xs[1]; i0++)
                for (int i1 = 0; i1 < xs[2]; i1++)
                    for (int i2 = 0; i2 < xs[3]; i2++)
                        for (int a = 0; a < k[0]; a++)
                            for (int bb = 0; bb < k[1]; bb++)
                                for (int c = 0; c < k[2]; c++) {
                                    int q0 = i0 * s[0] - p[0] + a * d[0], q1 = i1 * s[1] - p[1] + bb * d[1], q2 = i2 * s[2] - p[2] + c * d[2];
                                    if (q0 < 0 || q0 >= os3[0] || q1 < 0 || q1 >= os3[1] || q2 < 0 || q2 >= os3[2]) continue;
                                    for (int f = 0; f < filters; f++)
                                        for (int ci = 0; ci < cin; ci++) {
                                            out[(((b0 * os3[0] + q0) * os3[1] + q1) * os3[2] + q2) * filters + f] +=
                                                    xd[(((b0 * xs[1] + i0) * xs[2] + i1) * xs[3] + i2) * cin + ci]
                                                            * wd[((((a * k[1]) + bb) * k[2] + c) * filters + f) * cin + ci];
                                        }
                                }
        int[] shape = new int[r + 2];
        shape[0] = n;
        System.arraycopy(outSpatial, 0, shape, 1, r);
        shape[r + 1] = filters;
        return Tensor.of(out, shape);
    }

    /** Direct pooling: max or mean of the real positions of each window. */
    public static Tensor naivePool(boolean max, Tensor x, int[] pool, int[] strides, String padding) {
        int r = x.rank() - 2;
        int[] xs = as3d(x.shape()), k = lift(pool, 1), s = lift(strides, 1), o = new int[3], p = new int[3];
        for (int a = 0; a < 3; a++) {
            o[a] = outLen(padding, xs[1 + a], k[a], s[a], 1);
            p[a] = pad(padding, xs[1 + a], k[a], s[a], 1);
        }
        int c = xs[4];
        float[] xd = x.toArray(), out = new float[xs[0] * o[0] * o[1] * o[2] * c];
        int idx = 0;
        for (int b0 = 0; b0 < xs[0]; b0++)
            for (int i0 = 0; i0 < o[0]; i0++)
                for (int i1 = 0; i1 < o[1]; i1++)
                    for (int i2 = 0; i2 < o[2]; i2++)
                        for (int ch = 0; ch < c; ch++) {
                            double acc = max ? Double.NEGATIVE_INFINITY : 0;
                            int count = 0;
                            for (int a = 0; a < k[0]; a++)
                                for (int bb = 0; bb < k[1]; bb++)
                                    for (int cc = 0; cc < k[2]; cc++) {
                                        int q0 = i0 * s[0] - p[0] + a, q1 = i1 * s[1] - p[1] + bb, q2 = i2 * s[2] - p[2] + cc;
                                        if (q0 < 0 || q0 >= xs[1] || q1 < 0 || q1 >= xs[2] || q2 < 0 || q2 >= xs[3]) continue;
                                        float v = xd[(((b0 * xs[1] + q0) * xs[2] + q1) * xs[3] + q2) * c + ch];
                                        acc = max ? Math.max(acc, v) : acc + v;
                                        count++;
                                    }
                            out[idx++] = (float) (max ? acc : acc / count);
                        }
        int[] os = new int[r + 2];
        os[0] = xs[0];
        for (int a = 0; a < r; a++) os[1 + a] = o[3 - r + a];
        os[r + 1] = c;
        return Tensor.of(out, os);
    }

}
