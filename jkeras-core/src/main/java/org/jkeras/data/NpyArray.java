package org.jkeras.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.jkeras.tensor.Tensor;

/**
 * One array read from a {@code .npy} file, kept in its original dtype so that integer values survive
 * exactly (an int64 label above 2^24 does not fit a float32 without rounding).
 *
 * <p>Use {@link Npy#readArray} to get one; convert with {@link #toTensor()} (float32, like
 * {@code x.astype("float32")}), {@link #toLongArray()}, {@link #toIntArray()} or {@link #toDoubleArray()}.
 *
 * <pre>{@code
 * NpyArray labels = Npy.readNpzArrays(Path.of("data.npz")).get("y_sparse");
 * labels.dtype();                 // "<i4"
 * int[] y = labels.toIntArray();  // exact class ids
 * Tensor yf = labels.toTensor();  // the same values as float32, shape [50]
 * }</pre>
 */
public final class NpyArray {
    private final String dtype;
    private final int[] shape;
    private final byte[] data;

    NpyArray(String dtype, int[] shape, byte[] data) {
        this.dtype = dtype;
        this.shape = shape;
        this.data = data;
    }

    /**
     * The dtype as numpy spells it in the header, normalised to an explicit byte order
     * ({@code "<f4"}, {@code ">i8"}, {@code "|u1"}, {@code "|b1"}).
     */
    public String dtype() {
        return dtype;
    }

    /** The numpy dtype kind: {@code 'f'} float, {@code 'i'} signed int, {@code 'u'} unsigned int, {@code 'b'} bool. */
    public char kind() {
        return dtype.charAt(1);
    }

    /** Bytes per element (1, 2, 4 or 8). */
    public int itemSize() {
        return dtype.charAt(2) - '0';
    }

    /** A copy of the shape; {@code []} for a 0-d (scalar) array. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements (1 for a scalar). */
    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The values as a float32 tensor of the same shape (integers above 2^24 are rounded, as in numpy). */
    public Tensor toTensor() {
        float[] out = new float[size()];
        Npy.convert(data, 0, out.length, Npy.Dtype.parse(dtype, "array"), out, 0);
        return Tensor.of(out, shape);
    }

    /** The values as doubles (exact for every dtype except int64/uint64 beyond 2^53). */
    public double[] toDoubleArray() {
        int n = size();
        double[] out = new double[n];
        ByteBuffer b = buffer();
        for (int i = 0; i < n; i++) {
            out[i] = readDouble(b, i);
        }
        return out;
    }

    /**
     * The values as longs; exact for integer and bool dtypes. Float dtypes are rejected rather than
     * silently truncated, because a float array passed as integer labels is almost always a mistake.
     */
    public long[] toLongArray() {
        if (kind() == 'f') {
            throw new IllegalStateException("Cannot read dtype " + dtype + " as integers: the array holds floats. "
                    + "Use toTensor() or toDoubleArray(), or save the array with an integer dtype.");
        }
        int n = size();
        long[] out = new long[n];
        ByteBuffer b = buffer();
        for (int i = 0; i < n; i++) {
            out[i] = readLong(b, i);
        }
        return out;
    }

    /** The values as ints; exact for integer and bool dtypes whose values fit an int (checked). */
    public int[] toIntArray() {
        long[] l = toLongArray();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            if (l[i] < Integer.MIN_VALUE || l[i] > Integer.MAX_VALUE) {
                throw new ArithmeticException("Element " + i + " of the " + dtype + " array is " + l[i]
                        + ", which does not fit an int; use toLongArray().");
            }
            out[i] = (int) l[i];
        }
        return out;
    }

    private ByteBuffer buffer() {
        return ByteBuffer.wrap(data).order(dtype.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    private long readLong(ByteBuffer b, int i) {
        int size = itemSize();
        int at = i * size;
        boolean unsigned = kind() == 'u' || kind() == 'b';
        switch (size) {
            case 1:
                return unsigned ? (b.get(at) & 0xFFL) : b.get(at);
            case 2:
                return unsigned ? (b.getShort(at) & 0xFFFFL) : b.getShort(at);
            case 4:
                return unsigned ? (b.getInt(at) & 0xFFFFFFFFL) : b.getInt(at);
            default:
                return b.getLong(at); // uint64 above 2^63 wraps; such labels do not occur in practice
        }
    }

    private double readDouble(ByteBuffer b, int i) {
        if (kind() == 'f') {
            return itemSize() == 4 ? b.getFloat(i * 4) : b.getDouble(i * 8);
        }
        if (kind() == 'u' && itemSize() == 8) {
            long v = b.getLong(i * 8);
            return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
        }
        return readLong(b, i);
    }

    @Override
    public String toString() {
        return "NpyArray(dtype=" + dtype + ", shape=" + Arrays.toString(shape) + ")";
    }
}
