package org.jkeras.ops;

import java.util.Arrays;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.tensor.Shapes;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.Workspace;

/**
 * Differentiable ops that move values without arithmetic, behind the reshaping layers: zero padding and cropping
 * of any axes ({@code pad} / {@code crop}, each the other's backward rule), axis permutation ({@code permute},
 * Keras's {@code ops.transpose(x, axes)}) and element repetition along an axis ({@code repeat}, Keras's
 * {@code ops.repeat}; its backward sums the copies). Loops run on primitive arrays with one
 * {@code System.arraycopy} per contiguous run.
 *
 * <pre>{@code
 * Tensor p = ShapeOps.pad(x, new int[][] {{0, 0}, {1, 1}, {2, 2}, {0, 0}});   // ZeroPadding2D((1, 2))
 * Tensor c = ShapeOps.crop(p, new int[][] {{0, 0}, {1, 1}, {2, 2}, {0, 0}}); // == x
 * Tensor t = ShapeOps.permute(x, 0, 2, 1, 3);
 * Tensor u = ShapeOps.repeat(x, 1, 2);                                     // each row twice
 * }</pre>
 */
public final class ShapeOps {
    private ShapeOps() {}

    /** Zero-pads axis {@code i} by {@code pads[i][0]} before and {@code pads[i][1]} after (one pair per axis). */
    public static Tensor pad(Tensor x, int[][] pads) {
        int[] s = x.shape();
        checkPairs(pads, s, "pad");
        int[] os = new int[s.length];
        int[] start = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            if (pads[i][0] < 0 || pads[i][1] < 0) {
                throw new IllegalArgumentException("pad: padding must not be negative; received " + Arrays.deepToString(pads) + ".");
            }
            os[i] = s[i] + pads[i][0] + pads[i][1];
            start[i] = pads[i][0];
        }
        float[] out = Workspace.floats(Shapes.size(os));
        Arrays.fill(out, 0f);
        copyBox(x.buffer(), x.offset(), s, new int[s.length], out, 0, os, start, s);
        Tensor y = Tensor.of(out, os);
        GradientTape.record("pad", y, new Tensor[] {x}, (g, grads) -> grads.add(0, cropRaw(g, start, s)));
        return y;
    }

    /** Removes {@code crops[i][0]} leading and {@code crops[i][1]} trailing entries of axis {@code i}. */
    public static Tensor crop(Tensor x, int[][] crops) {
        int[] s = x.shape();
        checkPairs(crops, s, "crop");
        int[] os = new int[s.length];
        int[] start = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            os[i] = s[i] - crops[i][0] - crops[i][1];
            start[i] = crops[i][0];
            if (crops[i][0] < 0 || crops[i][1] < 0 || os[i] <= 0) {
                throw new IllegalArgumentException("crop: cropping " + Arrays.deepToString(crops) + " must be "
                        + "non-negative and leave at least one entry of every axis of shape " + Arrays.toString(s) + ".");
            }
        }
        Tensor y = cropRaw(x, start, os);
        int[][] pads = new int[s.length][];
        for (int i = 0; i < s.length; i++) {
            pads[i] = new int[] {crops[i][0], crops[i][1]};
        }
        GradientTape.record("crop", y, new Tensor[] {x}, (g, grads) -> {
            float[] gx = Workspace.floats(Shapes.size(s));
            Arrays.fill(gx, 0f);
            copyBox(g.buffer(), g.offset(), os, new int[s.length], gx, 0, s, start, os);
            grads.add(0, Tensor.of(gx, s));
        });
        return y;
    }

    private static Tensor cropRaw(Tensor x, int[] start, int[] box) {
        float[] out = Workspace.floats(Shapes.size(box));
        copyBox(x.buffer(), x.offset(), x.shape(), start, out, 0, box, new int[box.length], box);
        return Tensor.of(out, box);
    }

    private static void checkPairs(int[][] pairs, int[] shape, String op) {
        if (pairs.length != shape.length) {
            throw new IllegalArgumentException(op + ": expected one (before, after) pair per axis of shape "
                    + Arrays.toString(shape) + "; received " + pairs.length + " pairs.");
        }
    }

    /**
     * Copies the box of extent {@code box} at {@code srcStart} of {@code src} (shape {@code ss}) to {@code dstStart}
     * of {@code dst} (shape {@code ds}): an odometer over the leading axes, one arraycopy per last-axis run.
     */
    static void copyBox(float[] src, int so, int[] ss, int[] srcStart, float[] dst, int dOff, int[] ds, int[] dstStart,
            int[] box) {
        int rank = box.length;
        if (Shapes.size(box) == 0) {
            return;
        }
        if (rank == 0) {
            dst[dOff] = src[so];
            return;
        }
        int[] sst = Shapes.strides(ss), dst2 = Shapes.strides(ds);
        int run = box[rank - 1];
        int sBase = so, dBase = dOff;
        for (int i = 0; i < rank; i++) {
            sBase += srcStart[i] * sst[i];
            dBase += dstStart[i] * dst2[i];
        }
        int[] idx = new int[rank];
        int sp = sBase, dp = dBase;
        while (true) {
            System.arraycopy(src, sp, dst, dp, run);
            int a = rank - 2;
            while (a >= 0) {
                idx[a]++;
                sp += sst[a];
                dp += dst2[a];
                if (idx[a] < box[a]) {
                    break;
                }
                sp -= idx[a] * sst[a];
                dp -= idx[a] * dst2[a];
                idx[a] = 0;
                a--;
            }
            if (a < 0) {
                return;
            }
        }
    }

    /** Reorders the axes: output axis {@code i} is input axis {@code perm[i]} (every axis, batch included). */
    public static Tensor permute(Tensor x, int... perm) {
        int[] s = x.shape();
        int rank = s.length;
        if (perm.length != rank) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(perm) + " must name each of the " + rank
                    + " axes of shape " + Arrays.toString(s) + " once.");
        }
        boolean[] seen = new boolean[rank];
        boolean identity = true;
        for (int i = 0; i < rank; i++) {
            if (perm[i] < 0 || perm[i] >= rank || seen[perm[i]]) {
                throw new IllegalArgumentException("permute: " + Arrays.toString(perm) + " must name each of the "
                        + rank + " axes of shape " + Arrays.toString(s) + " once.");
            }
            seen[perm[i]] = true;
            identity &= perm[i] == i;
        }
        if (identity) {
            return x;
        }
        int[] os = new int[rank];
        int[] inv = new int[rank];
        for (int i = 0; i < rank; i++) {
            os[i] = s[perm[i]];
            inv[perm[i]] = i;
        }
        Tensor y = Tensor.of(permuteRaw(x.buffer(), x.offset(), s, perm), os);
        GradientTape.record("permute", y, new Tensor[] {x},
                (g, grads) -> grads.add(0, Tensor.of(permuteRaw(g.buffer(), g.offset(), os, inv), s)));
        return y;
    }

    private static float[] permuteRaw(float[] d, int off, int[] s, int[] perm) {
        int rank = s.length;
        int n = Shapes.size(s);
        float[] out = Workspace.floats(n);
        if (n == 0) {
            return out;
        }
        int[] st = Shapes.strides(s);
        int[] os = new int[rank], ost = new int[rank];
        for (int i = 0; i < rank; i++) {
            os[i] = s[perm[i]];
            ost[i] = st[perm[i]]; // input stride of output axis i
        }
        int inner = os[rank - 1], innerStride = ost[rank - 1];
        int[] idx = new int[rank];
        int p = off;
        for (int o = 0; o < n; o += inner) {
            if (innerStride == 1) {
                System.arraycopy(d, p, out, o, inner);
            } else {
                for (int k = 0, q = p; k < inner; k++, q += innerStride) {
                    out[o + k] = d[q];
                }
            }
            int a = rank - 2;
            while (a >= 0) {
                idx[a]++;
                p += ost[a];
                if (idx[a] < os[a]) {
                    break;
                }
                p -= idx[a] * ost[a];
                idx[a] = 0;
                a--;
            }
        }
        return out;
    }

    /**
     * Repeats each entry of {@code axis} {@code times} times in place ({@code [a, b]} → {@code [a, a, b, b]}), as
     * Keras's {@code ops.repeat(x, times, axis)}; the backward rule sums each group of copies.
     */
    public static Tensor repeat(Tensor x, int axis, int times) {
        int[] s = x.shape();
        int ax = Shapes.axis(axis, s.length);
        if (times < 1) {
            throw new IllegalArgumentException("repeat: times must be at least 1; received " + times + ".");
        }
        if (times == 1) {
            return x;
        }
        int outer = 1, inner = 1;
        for (int i = 0; i < ax; i++) outer *= s[i];
        for (int i = ax + 1; i < s.length; i++) inner *= s[i];
        int mid = s[ax];
        int[] os = s.clone();
        os[ax] = mid * times;
        float[] d = x.buffer();
        int off = x.offset();
        float[] out = Workspace.floats(Shapes.size(os));
        for (int o = 0, q = 0; o < outer; o++) {
            for (int m = 0; m < mid; m++) {
                int src = off + (o * mid + m) * inner;
                for (int t = 0; t < times; t++, q += inner) {
                    System.arraycopy(d, src, out, q, inner);
                }
            }
        }
        Tensor y = Tensor.of(out, os);
        final int fOuter = outer, fInner = inner;
        GradientTape.record("repeat", y, new Tensor[] {x}, (g, grads) -> {
            float[] gd = g.buffer();
            int go = g.offset();
            float[] gx = Workspace.floats(Shapes.size(s));
            for (int o = 0, q = go; o < fOuter; o++) {
                for (int m = 0; m < mid; m++) {
                    int dst = (o * mid + m) * fInner;
                    System.arraycopy(gd, q, gx, dst, fInner);
                    q += fInner;
                    for (int t = 1; t < times; t++, q += fInner) {
                        for (int i = 0; i < fInner; i++) {
                            gx[dst + i] += gd[q + i];
                        }
                    }
                }
            }
            grads.add(0, Tensor.of(gx, s));
        });
        return y;
    }
}
