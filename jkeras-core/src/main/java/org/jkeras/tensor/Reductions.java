package org.jkeras.tensor;

import java.util.Arrays;

/**
 * Reductions over any set of axes. The tensor is viewed as {@code [outer, reduced..., inner]} blocks so
 * each reduction is a loop over contiguous memory; sums accumulate in double for accuracy.
 *
 * <pre>{@code
 * Tensor colSums = Reductions.sum(x, new int[] {0}, false);
 * }</pre>
 */
public final class Reductions {
    private static final int SUM = 0, MEAN = 1, MAX = 2;

    private Reductions() {}

    public static Tensor sum(Tensor t, int[] axes, boolean keepDims) {
        return reduce(t, axes, keepDims, SUM);
    }

    public static Tensor mean(Tensor t, int[] axes, boolean keepDims) {
        return reduce(t, axes, keepDims, MEAN);
    }

    public static Tensor max(Tensor t, int[] axes, boolean keepDims) {
        return reduce(t, axes, keepDims, MAX);
    }

    /** The shape left after reducing {@code axes} (all when empty) of {@code shape}. */
    public static int[] reducedShape(int[] shape, int[] axes, boolean keepDims) {
        boolean[] red = mark(shape.length, axes);
        int[] out = new int[shape.length];
        int k = 0;
        for (int i = 0; i < shape.length; i++) {
            if (!red[i]) {
                out[k++] = shape[i];
            } else if (keepDims) {
                out[k++] = 1;
            }
        }
        return Arrays.copyOf(out, k);
    }

    private static boolean[] mark(int rank, int[] axes) {
        boolean[] red = new boolean[rank];
        if (axes == null || axes.length == 0) {
            Arrays.fill(red, true);
        } else {
            for (int a : axes) {
                red[Shapes.axis(a, rank)] = true;
            }
        }
        return red;
    }

    private static Tensor reduce(Tensor t, int[] axes, boolean keepDims, int kind) {
        int[] shape = t.shape();
        boolean[] red = mark(shape.length, axes);
        int[] outShape = reducedShape(shape, axes, keepDims);
        int outSize = Shapes.size(outShape);
        float[] out = new float[outSize];
        float[] d = t.buffer();
        int off = t.offset();
        int n = t.size();
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (red[i]) {
                count *= shape[i];
            }
        }
        if (n == 0) {
            if (kind == MAX) {
                throw new IllegalArgumentException("max over an empty axis of shape " + Arrays.toString(shape) + ".");
            }
            if (kind == MEAN) {
                Arrays.fill(out, Float.NaN);
            }
            return Tensor.of(out, outShape);
        }
        // Fast path: reduce a contiguous suffix (e.g. the last axis) or a prefix (e.g. the batch axis).
        int firstRed = -1, lastRed = -1;
        boolean contiguous = true;
        for (int i = 0; i < shape.length; i++) {
            if (red[i]) {
                if (firstRed < 0) {
                    firstRed = i;
                } else if (lastRed != i - 1) {
                    contiguous = false;
                }
                lastRed = i;
            }
        }
        if (contiguous && firstRed >= 0) {
            int outer = 1, mid = 1, inner = 1;
            for (int i = 0; i < firstRed; i++) outer *= shape[i];
            for (int i = firstRed; i <= lastRed; i++) mid *= shape[i];
            for (int i = lastRed + 1; i < shape.length; i++) inner *= shape[i];
            blockReduce(d, off, outer, mid, inner, out, kind);
        } else if (firstRed < 0) {
            System.arraycopy(d, off, out, 0, n);
            return Tensor.of(out, outShape);
        } else {
            generalReduce(d, off, shape, red, out, kind);
        }
        if (kind == MEAN) {
            float inv = (float) (1.0 / count);
            for (int i = 0; i < outSize; i++) out[i] *= inv;
        }
        return Tensor.of(out, outShape);
    }

    private static void blockReduce(float[] d, int off, int outer, int mid, int inner, float[] out, int kind) {
        if (inner == 1) {
            for (int o = 0; o < outer; o++) {
                int base = off + o * mid;
                if (kind == MAX) {
                    float m = d[base];
                    for (int j = 1; j < mid; j++) m = Math.max(m, d[base + j]);
                    out[o] = m;
                } else {
                    double s = 0;
                    for (int j = 0; j < mid; j++) s += d[base + j];
                    out[o] = (float) s;
                }
            }
            return;
        }
        double[] acc = kind == MAX ? null : new double[inner];
        for (int o = 0; o < outer; o++) {
            int ob = o * inner;
            if (kind == MAX) {
                System.arraycopy(d, off + o * mid * inner, out, ob, inner);
                for (int j = 1; j < mid; j++) {
                    int base = off + (o * mid + j) * inner;
                    for (int i = 0; i < inner; i++) out[ob + i] = Math.max(out[ob + i], d[base + i]);
                }
            } else {
                Arrays.fill(acc, 0);
                for (int j = 0; j < mid; j++) {
                    int base = off + (o * mid + j) * inner;
                    for (int i = 0; i < inner; i++) acc[i] += d[base + i];
                }
                for (int i = 0; i < inner; i++) out[ob + i] = (float) acc[i];
            }
        }
    }

    private static void generalReduce(float[] d, int off, int[] shape, boolean[] red, float[] out, int kind) {
        int rank = shape.length;
        int[] outStrides = new int[rank];
        int acc = 1;
        for (int i = rank - 1; i >= 0; i--) {
            if (!red[i]) {
                outStrides[i] = acc;
                acc *= shape[i];
            }
        }
        double[] sums = new double[out.length];
        boolean[] seen = new boolean[out.length];
        int[] idx = new int[rank];
        int n = Shapes.size(shape);
        int o = 0;
        for (int f = 0; f < n; f++) {
            float v = d[off + f];
            if (kind == MAX) {
                if (!seen[o] || v > out[o]) {
                    out[o] = v;
                    seen[o] = true;
                }
            } else {
                sums[o] += v;
            }
            for (int k = rank - 1; k >= 0; k--) {
                idx[k]++;
                o += outStrides[k];
                if (idx[k] < shape[k]) {
                    break;
                }
                o -= outStrides[k] * shape[k];
                idx[k] = 0;
            }
        }
        if (kind != MAX) {
            for (int i = 0; i < out.length; i++) out[i] = (float) sums[i];
        }
    }
}
