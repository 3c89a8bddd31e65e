package org.jkeras.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.jkeras.tensor.Tensor;

/**
 * Converts between Spark rows and batch tensors: flat float-array columns to one {@code [rows, ...shape]} tensor
 * per model input, and a batch of model outputs back to one {@code float[]} per row. Each wrong row is refused
 * with the column named, the length expected and the length given.
 *
 * <pre>{@code
 * Tensor x = RowTensors.batch(rows, 0, n, columnIndex, "features", signature.inputShape(0));
 * float[] row3 = RowTensors.row(prediction, 3);
 * }</pre>
 */
public final class RowTensors {
    private RowTensors() {
    }

    /**
     * Rows {@code [from, to)} of one array column as a tensor of shape {@code [to - from, ...shape]}.
     *
     * @throws IllegalArgumentException for a null value or an array of the wrong length, naming the column
     */
    public static Tensor batch(List<Row> rows, int from, int to, int column, String columnName, int[] shape) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        float[] data = new float[(to - from) * size];
        for (int r = from; r < to; r++) {
            Row row = rows.get(r);
            if (row.isNullAt(column)) {
                throw new IllegalArgumentException("Column '" + columnName + "' is null in a row; expected an array "
                        + "of " + size + " floats (input shape " + Arrays.toString(shape) + "). Drop or fill "
                        + "null rows before predict.");
            }
            List<Object> values = row.getList(column);
            if (values.size() != size) {
                throw new IllegalArgumentException("Column '" + columnName + "' holds an array of length "
                        + values.size() + " in a row, but the model expects " + size + " values per row (input shape "
                        + Arrays.toString(shape) + ").");
            }
            int base = (r - from) * size;
            for (int k = 0; k < size; k++) {
                Object v = values.get(k);
                if (v == null) {
                    throw new IllegalArgumentException("Column '" + columnName + "' has a null element at index " + k
                            + " in a row; expected " + size + " non-null numbers.");
                }
                data[base + k] = ((Number) v).floatValue();
            }
        }
        int[] full = new int[shape.length + 1];
        full[0] = to - from;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return Tensor.of(data, full);
    }

    /** One flat array column value as a tensor of shape {@code [1, ...shape]} (the UDF path). */
    public static Tensor single(List<?> values, String columnName, int[] shape) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        if (values == null) {
            throw new IllegalArgumentException("Argument '" + columnName + "' is null; expected an array of " + size
                    + " floats (input shape " + Arrays.toString(shape) + ").");
        }
        if (values.size() != size) {
            throw new IllegalArgumentException("Argument '" + columnName + "' holds an array of length "
                    + values.size() + ", but the model expects " + size + " values (input shape "
                    + Arrays.toString(shape) + ").");
        }
        float[] data = new float[size];
        for (int k = 0; k < size; k++) {
            data[k] = ((Number) values.get(k)).floatValue();
        }
        int[] full = new int[shape.length + 1];
        full[0] = 1;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return Tensor.of(data, full);
    }

    /** Row {@code r} of a batch output, flattened. */
    public static float[] row(Tensor batch, int r) {
        int size = batch.size() / batch.dim(0);
        float[] out = new float[size];
        System.arraycopy(batch.buffer(), batch.offset() + r * size, out, 0, size);
        return out;
    }
}
