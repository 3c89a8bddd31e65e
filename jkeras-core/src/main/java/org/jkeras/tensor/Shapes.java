package org.jkeras.tensor;

import java.util.Arrays;

/**
 * Shape arithmetic shared by tensors and ops: sizes, strides, broadcasting and axis normalisation.
 *
 * <pre>{@code
 * int[] out = Shapes.broadcast(new int[] {32, 10}, new int[] {10});   // [32, 10]
 * }</pre>
 */
public final class Shapes {
    private Shapes() {}

    /** Number of elements of a shape (1 for a scalar shape {@code []}). */
    public static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Negative dimension in shape " + Arrays.toString(shape)
                        + ": every dimension must be >= 0.");
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " has " + n
                    + " elements, more than a Java array can hold (" + Integer.MAX_VALUE + ").");
        }
        return (int) n;
    }

    /** Row-major strides of a contiguous shape. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** The numpy broadcast of two shapes; throws naming both shapes when they are incompatible. */
    public static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("Shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " cannot be broadcast together: dimension " + i + " is " + da + " vs " + db
                        + "; each pair of trailing dimensions must be equal or 1.");
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /** Strides of {@code shape} seen as broadcast to {@code target} (0 where the dimension is repeated). */
    public static int[] broadcastStrides(int[] shape, int[] target) {
        int[] own = strides(shape);
        int[] out = new int[target.length];
        int lead = target.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            out[lead + i] = shape[i] == 1 && target[lead + i] != 1 ? 0 : own[i];
        }
        return out;
    }

    /** Normalises a possibly negative axis against a rank; throws with the valid range otherwise. */
    public static int axis(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("axis=" + axis + " is out of range for a tensor of rank " + rank
                    + "; expected an axis in [" + (-rank) + ", " + (rank - 1) + "].");
        }
        return a;
    }

    /** Resolves one {@code -1} entry of a reshape target against a size. */
    public static int[] resolveReshape(int[] target, int size, int[] from) {
        int[] out = target.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("Cannot reshape " + Arrays.toString(from) + " to "
                            + Arrays.toString(target) + ": only one dimension may be -1.");
                }
                unknown = i;
            } else {
                known *= out[i];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("Cannot reshape " + Arrays.toString(from) + " (" + size
                        + " elements) to " + Arrays.toString(target) + ".");
            }
            out[unknown] = (int) (size / known);
        }
        if (size(out) != size) {
            throw new IllegalArgumentException("Cannot reshape " + Arrays.toString(from) + " (" + size
                    + " elements) to " + Arrays.toString(target) + " (" + size(out) + " elements).");
        }
        return out;
    }
}
