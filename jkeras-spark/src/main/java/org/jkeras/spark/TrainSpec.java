package org.jkeras.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.jkeras.tensor.Tensor;

/**
 * What every replica of {@link SparkTrainer#fit} needs besides the model: workers, per-worker batch, total rows,
 * the job's secret and timeout, and how rows become input and target tensors (column positions and per-row
 * shapes; a numeric target column becomes {@code [rows]} class ids, or {@code [rows, 1]} for a one-value output).
 *
 * <pre>{@code
 * Object x = spec.inputs(rows, 0, 64);      // a Tensor, or a List<Tensor> for several inputs
 * }</pre>
 */
final class TrainSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int workers;
    private final int batchSize;
    private final long totalRows;
    private final int timeoutMs;
    private final byte[] secret;
    private final String[] columns;       // inputs then targets, as named
    private final int[][] shapes;         // per-row shape of each
    private final boolean[] scalar;       // a numeric (not array) target column
    private final int inputs;
    private final Row sample;             // one row: every replica resolves its metrics with it
    private final int[] failForTest;

    TrainSpec(int workers, int batchSize, long totalRows, int timeoutMs, byte[] secret, String[] columns,
            int[][] shapes, boolean[] scalar, int inputs, Row sample, int[] failForTest) {
        this.sample = sample;
        this.failForTest = failForTest;
        this.workers = workers;
        this.batchSize = batchSize;
        this.totalRows = totalRows;
        this.timeoutMs = timeoutMs;
        this.secret = secret.clone();
        this.columns = columns.clone();
        this.shapes = shapes.clone();
        this.scalar = scalar.clone();
        this.inputs = inputs;
    }

    int workers() {
        return workers;
    }

    int batchSize() {
        return batchSize;
    }

    long totalRows() {
        return totalRows;
    }

    int timeoutMillis() {
        return timeoutMs;
    }

    byte[] secret() {
        return secret.clone();
    }

    /** One row of the training data (as selected), to resolve the compiled metrics with before any batch. */
    Row sample() {
        return sample;
    }

    /** {epoch, rank, exit} of the test hook, or null. */
    int[] failForTest() {
        return failForTest;
    }

    /** Rows {@code [from, to)} as the model's inputs (columns 0..inputs-1 of the selected rows). */
    Object inputs(List<Row> rows, int from, int to) {
        return tensors(rows, from, to, 0, inputs);
    }

    /** Rows {@code [from, to)} as the model's targets. */
    Object targets(List<Row> rows, int from, int to) {
        return tensors(rows, from, to, inputs, columns.length);
    }

    private Object tensors(List<Row> rows, int from, int to, int first, int end) {
        List<Tensor> out = new ArrayList<>();
        for (int c = first; c < end; c++) {
            out.add(scalar[c] ? numbers(rows, from, to, c) : RowTensors.batch(rows, from, to, c, columns[c], shapes[c]));
        }
        return out.size() == 1 ? out.get(0) : out;
    }

    private Tensor numbers(List<Row> rows, int from, int to, int c) {
        float[] v = new float[to - from];
        for (int r = from; r < to; r++) {
            if (rows.get(r).isNullAt(c)) {
                throw new IllegalArgumentException("Column '" + columns[c] + "' is null in a row; expected a number.");
            }
            v[r - from] = ((Number) rows.get(r).get(c)).floatValue();
        }
        int size = 1;
        for (int d : shapes[c]) {
            size *= d;
        }
        return size == 1 ? Tensor.of(v, to - from, 1) : Tensor.of(v, to - from);
    }

    @Override
    public String toString() {
        return "TrainSpec" + Arrays.toString(columns);
    }
}
