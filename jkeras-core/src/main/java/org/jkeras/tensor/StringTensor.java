package org.jkeras.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * A dense array of strings with a shape (Keras's {@code tf.string} tensors): the input of the text preprocessing
 * layers ({@code TextVectorization}, {@code StringLookup}, {@code Hashing}) and of a model whose first layer is one.
 * Row-major like {@link Tensor}; immutable.
 *
 * <pre>{@code
 * StringTensor lines = StringTensor.of("the cat sat", "a dog");          // shape [2]
 * StringTensor column = StringTensor.column(List.of("the cat", "a dog")); // shape [2, 1], as keras.Input((1,), dtype="string")
 * }</pre>
 */
public final class StringTensor {
    private final String[] data;
    private final int[] shape;

    private StringTensor(String[] data, int[] shape) {
        int n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("StringTensor: negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("StringTensor: " + data.length + " strings do not fill shape "
                    + Arrays.toString(shape) + " (" + n + " elements).");
        }
        for (int i = 0; i < data.length; i++) {
            if (data[i] == null) {
                throw new IllegalArgumentException("StringTensor: element " + i + " is null; use \"\" for an empty string.");
            }
        }
        this.data = data;
        this.shape = shape;
    }

    /** A tensor of {@code values} with {@code shape} (row-major). */
    public static StringTensor of(String[] values, int... shape) {
        return new StringTensor(values.clone(), shape.clone());
    }

    /** A rank-1 tensor of {@code values}. */
    public static StringTensor of(String... values) {
        return new StringTensor(values.clone(), new int[] {values.length});
    }

    /** A {@code [n, 1]} column of lines, the shape of {@code keras.Input(shape=(1,), dtype="string")}. */
    public static StringTensor column(List<String> lines) {
        return new StringTensor(lines.toArray(new String[0]), new int[] {lines.size(), 1});
    }

    /** A {@code [rows, cols]} tensor of tokens; every row must have the same length. */
    public static StringTensor of(String[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        String[] flat = new String[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("StringTensor: row " + i + " has " + rows[i].length
                        + " strings, row 0 has " + cols + "; rows must have equal lengths.");
            }
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        return new StringTensor(flat, new int[] {rows.length, cols});
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return data.length;
    }

    /** The {@code i}-th string in row-major order. */
    public String get(int i) {
        return data[i];
    }

    /** A copy of the strings in row-major order. */
    public String[] toArray() {
        return data.clone();
    }

    /** Rows {@code [from, to)} along axis 0. */
    public StringTensor slice(int from, int to) {
        if (shape.length == 0 || from < 0 || to > shape[0] || from > to) {
            throw new IllegalArgumentException("StringTensor.slice(" + from + ", " + to + ") outside shape "
                    + Arrays.toString(shape));
        }
        int per = shape[0] == 0 ? 0 : data.length / shape[0];
        int[] s = shape.clone();
        s[0] = to - from;
        return new StringTensor(Arrays.copyOfRange(data, from * per, to * per), s);
    }

    @Override
    public String toString() {
        return "StringTensor(shape=" + Arrays.toString(shape) + ", " + (data.length <= 8 ? Arrays.toString(data)
                : Arrays.toString(Arrays.copyOf(data, 8)) + "...") + ")";
    }
}
