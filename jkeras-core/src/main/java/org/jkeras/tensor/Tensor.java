package org.jkeras.tensor;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A float32 n-dimensional array, contiguous and row-major. The value type of the whole library.
 *
 * <p>A tensor is a view over a {@code float[]} starting at an offset: {@link #reshape} and {@link #slice}
 * (rows along axis 0) share storage with the original; every other operation returns a new tensor.
 * Operations broadcast like numpy.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 4}});
 * Tensor y = x.matmul(x).add(Tensor.scalar(1));      // [[8, 11], [16, 23]]
 * Tensor firstRow = x.slice(0, 1);                    // a view, shape [1, 2]
 * System.out.println(y.sum(new int[] {1}, false));    // [19.0, 39.0]
 * }</pre>
 */
public final class Tensor {
    private final float[] data;
    private final int offset;
    private final int[] shape;
    private final int size;

    private Tensor(float[] data, int offset, int[] shape) {
        this.data = data;
        this.offset = offset;
        this.shape = shape;
        this.size = Shapes.size(shape);
        if (offset < 0 || offset + size > data.length) {
            throw new IllegalArgumentException("Storage of " + data.length + " floats at offset " + offset
                    + " cannot hold shape " + Arrays.toString(shape) + " (" + size + " elements).");
        }
    }

    // ---------------------------------------------------------------- creation

    /** Wraps {@code data} (not copied) as a tensor of the given shape; the sizes must agree. */
    public static Tensor of(float[] data, int... shape) {
        if (data == null) {
            throw new IllegalArgumentException("data is null; pass a float[] holding the tensor's elements.");
        }
        int[] s = shape.clone();
        if (Shapes.size(s) != data.length) {
            throw new IllegalArgumentException("data has " + data.length + " elements but shape "
                    + Arrays.toString(shape) + " needs " + Shapes.size(s) + ".");
        }
        return new Tensor(data, 0, s);
    }

    /** A 1-D tensor holding a copy of {@code values}. */
    public static Tensor vector(float... values) {
        return new Tensor(values.clone(), 0, new int[] {values.length});
    }

    /** A 2-D tensor copied from a rectangular array. */
    public static Tensor of(float[][] rows) {
        int r = rows.length, c = r == 0 ? 0 : rows[0].length;
        float[] d = new float[r * c];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException("Row " + i + " has " + rows[i].length
                        + " values but row 0 has " + c + "; a 2-D tensor needs rows of equal length.");
            }
            System.arraycopy(rows[i], 0, d, i * c, c);
        }
        return new Tensor(d, 0, new int[] {r, c});
    }

    /** A rank-0 tensor. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, 0, new int[0]);
    }

    public static Tensor zeros(int... shape) {
        return new Tensor(new float[Shapes.size(shape)], 0, shape.clone());
    }

    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    public static Tensor full(float value, int... shape) {
        float[] d = new float[Shapes.size(shape)];
        Arrays.fill(d, value);
        return new Tensor(d, 0, shape.clone());
    }

    /** Normal samples with the given mean and standard deviation, reproducible for a seed. */
    public static Tensor randomNormal(long seed, float mean, float stddev, int... shape) {
        Random r = new Random(seed);
        float[] d = new float[Shapes.size(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (mean + stddev * r.nextGaussian());
        }
        return new Tensor(d, 0, shape.clone());
    }

    /** Uniform samples in {@code [low, high)}, reproducible for a seed. */
    public static Tensor randomUniform(long seed, float low, float high, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[Shapes.size(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (low + (high - low) * r.nextDouble());
        }
        return new Tensor(d, 0, shape.clone());
    }

    /** A tensor of the same shape whose elements are copied. */
    public Tensor copy() {
        return new Tensor(toArray(), 0, shape.clone());
    }

    // ---------------------------------------------------------------- shape and storage

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** The size of one dimension; negative indices count from the end. */
    public int dim(int axis) {
        return shape[Shapes.axis(axis, shape.length)];
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return size;
    }

    /**
     * The backing array, shared, for kernels: elements live at {@code [offset(), offset() + size())}.
     * Writing to it changes this tensor and every view of the same storage.
     */
    public float[] buffer() {
        return data;
    }

    /** Index of the first element in {@link #buffer()}. */
    public int offset() {
        return offset;
    }

    /** A fresh copy of the elements in row-major order. */
    public float[] toArray() {
        return Arrays.copyOfRange(data, offset, offset + size);
    }

    /** True when this tensor is a view that begins at 0 and covers its whole backing array. */
    public boolean ownsBuffer() {
        return offset == 0 && size == data.length;
    }

    /** The element at a full index. */
    public float get(int... index) {
        return data[offset + flatIndex(index)];
    }

    /** Sets the element at a full index. */
    public void set(float value, int... index) {
        data[offset + flatIndex(index)] = value;
    }

    /** The only element of a one-element tensor (any rank). */
    public float item() {
        if (size != 1) {
            throw new IllegalStateException("item() needs a tensor with one element; this one has shape "
                    + Arrays.toString(shape) + ".");
        }
        return data[offset];
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("Index " + Arrays.toString(index) + " has " + index.length
                    + " coordinates; this tensor has rank " + shape.length + " (shape " + Arrays.toString(shape) + ").");
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("Index " + Arrays.toString(index) + " is out of bounds for shape "
                        + Arrays.toString(shape) + ".");
            }
            flat = flat * shape[i] + index[i];
        }
        return flat;
    }

    /** A view with a new shape over the same elements; one dimension may be -1. */
    public Tensor reshape(int... newShape) {
        return new Tensor(data, offset, Shapes.resolveReshape(newShape, size, shape));
    }

    /** Rows {@code [start, end)} along axis 0, as a view sharing storage (no copy). */
    public Tensor slice(int start, int end) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("Cannot slice a scalar tensor.");
        }
        if (start < 0 || end > shape[0] || start > end) {
            throw new IndexOutOfBoundsException("slice(" + start + ", " + end + ") is outside axis 0 of shape "
                    + Arrays.toString(shape) + "; expected 0 <= start <= end <= " + shape[0] + ".");
        }
        int row = shape[0] == 0 ? 0 : size / shape[0];
        int[] s = shape.clone();
        s[0] = end - start;
        return new Tensor(data, offset + start * row, s);
    }

    /** A new tensor holding rows {@code indices} of axis 0, in that order (a gather; used for shuffling). */
    public Tensor gatherRows(int[] indices) {
        return gatherRows(indices, 0, indices.length);
    }

    /** Rows {@code indices[from..to)} of axis 0 copied into a new tensor. */
    public Tensor gatherRows(int[] indices, int from, int to) {
        int row = shape[0] == 0 ? 0 : size / shape[0];
        int[] s = shape.clone();
        s[0] = to - from;
        float[] out = new float[(to - from) * row];
        for (int i = from; i < to; i++) {
            int r = indices[i];
            if (r < 0 || r >= shape[0]) {
                throw new IndexOutOfBoundsException("Row index " + r + " is outside axis 0 of shape "
                        + Arrays.toString(shape) + ".");
            }
            System.arraycopy(data, offset + r * row, out, (i - from) * row, row);
        }
        return new Tensor(out, 0, s);
    }

    // ---------------------------------------------------------------- math (each returns a new tensor)

    public Tensor add(Tensor other) {
        return Elementwise.binary(this, other, Elementwise.ADD);
    }

    public Tensor sub(Tensor other) {
        return Elementwise.binary(this, other, Elementwise.SUB);
    }

    public Tensor mul(Tensor other) {
        return Elementwise.binary(this, other, Elementwise.MUL);
    }

    public Tensor div(Tensor other) {
        return Elementwise.binary(this, other, Elementwise.DIV);
    }

    /** Multiplies every element by {@code factor}. */
    public Tensor scale(float factor) {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = data[offset + i] * factor;
        }
        return new Tensor(out, 0, shape.clone());
    }

    /** Sum over {@code axes} (all axes when empty), keeping reduced axes as size 1 when {@code keepDims}. */
    public Tensor sum(int[] axes, boolean keepDims) {
        return Reductions.sum(this, axes, keepDims);
    }

    /** Mean over {@code axes} (all axes when empty). */
    public Tensor mean(int[] axes, boolean keepDims) {
        return Reductions.mean(this, axes, keepDims);
    }

    /** Maximum over {@code axes} (all axes when empty). */
    public Tensor max(int[] axes, boolean keepDims) {
        return Reductions.max(this, axes, keepDims);
    }

    /** Sum of all elements, accumulated in double. */
    public double sumAll() {
        double s = 0;
        for (int i = 0; i < size; i++) {
            s += data[offset + i];
        }
        return s;
    }

    /** Index of the largest element along the last axis, for each leading position (first wins on ties). */
    public int[] argmaxLastAxis() {
        int c = shape.length == 0 ? 1 : shape[shape.length - 1];
        int rows = c == 0 ? 0 : size / c;
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            int base = offset + r * c, best = 0;
            float bv = data[base];
            for (int j = 1; j < c; j++) {
                if (data[base + j] > bv) {
                    bv = data[base + j];
                    best = j;
                }
            }
            out[r] = best;
        }
        return out;
    }

    /** Swaps the last two axes (a copy). */
    public Tensor transpose() {
        if (shape.length < 2) {
            throw new IllegalArgumentException("transpose() needs rank >= 2; got shape " + Arrays.toString(shape) + ".");
        }
        int r = shape[shape.length - 2], c = shape[shape.length - 1];
        int batch = r * c == 0 ? 0 : size / (r * c);
        float[] out = new float[size];
        for (int b = 0; b < batch; b++) {
            int src = offset + b * r * c, dst = b * r * c;
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    out[dst + j * r + i] = data[src + i * c + j];
                }
            }
        }
        int[] s = shape.clone();
        s[s.length - 2] = c;
        s[s.length - 1] = r;
        return new Tensor(out, 0, s);
    }

    /** Matrix product; 2-D, or batched over leading axes (which must match). */
    public Tensor matmul(Tensor other) {
        return matmul(other, false, false);
    }

    /**
     * Matrix product of the last two axes, optionally transposing either side; leading (batch) axes must be
     * equal, or one side may be 2-D and is then shared by every batch.
     */
    public Tensor matmul(Tensor other, boolean transA, boolean transB) {
        return MatMul.matmul(this, other, transA, transB);
    }

    // ---------------------------------------------------------------- comparison and printing

    /** True when shapes are equal and every pair of elements differs by at most {@code atol + rtol·|b|}. */
    public boolean allClose(Tensor other, double rtol, double atol) {
        if (!Arrays.equals(shape, other.shape)) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            double a = data[offset + i], b = other.data[other.offset + i];
            if (Double.isNaN(a) != Double.isNaN(b) || Math.abs(a - b) > atol + rtol * Math.abs(b)) {
                return false;
            }
        }
        return true;
    }

    /** numpy-like text: nested brackets, at most 6 values per axis shown with {@code ...} between. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (shape.length == 0) {
            return fmt(data[offset]);
        }
        print(sb, 0, offset, 1);
        return sb.toString();
    }

    private void print(StringBuilder sb, int axis, int base, int indent) {
        int n = shape[axis];
        int stride = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            stride *= shape[i];
        }
        sb.append('[');
        boolean elide = n > 6;
        for (int i = 0; i < n; i++) {
            if (elide && i == 3) {
                sb.append(axis == shape.length - 1 ? "..., " : "...,\n" + " ".repeat(indent));
                i = n - 3;
            }
            if (axis == shape.length - 1) {
                sb.append(fmt(data[base + i]));
            } else {
                print(sb, axis + 1, base + i * stride, indent + 1);
            }
            if (i < n - 1) {
                sb.append(axis == shape.length - 1 ? ", " : ",\n" + "\n".repeat(Math.max(0, shape.length - axis - 2))
                        + " ".repeat(indent));
            }
        }
        sb.append(']');
    }

    private static String fmt(float v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return String.format(java.util.Locale.ROOT, "%.1f", v);
        }
        String s = String.format(java.util.Locale.ROOT, "%.4g", v);
        return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }
}
