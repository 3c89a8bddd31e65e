package org.jkeras.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.jkeras.models.Model;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.EvaluateOptions;
import org.jkeras.training.Structure;

/**
 * The per-partition work of {@link SparkPredictor}: reads the partition's rows in batches of {@code batchSize},
 * runs the executor's cached model on each batch and yields every input row with the prediction columns appended
 * (one {@code float[]} per output). Rows stream through: one batch is held at a time.
 *
 * <pre>{@code
 * JavaRDD<Row> out = df.javaRDD().mapPartitions(new PartitionPredictor(shipped, signature, columns, 256));
 * }</pre>
 */
public final class PartitionPredictor implements FlatMapFunction<Iterator<Row>, Row> {
    private static final long serialVersionUID = 1L;

    private final ModelBroadcast model;
    private final ModelSignature signature;
    private final int[] columnIndex;
    private final String[] columnNames;
    private final int batchSize;

    /** Predicts with {@code model}; input {@code i} of the model reads column {@code columnIndex[i]}. */
    public PartitionPredictor(ModelBroadcast model, ModelSignature signature, int[] columnIndex,
            String[] columnNames, int batchSize) {
        this.model = model;
        this.signature = signature;
        this.columnIndex = columnIndex.clone();
        this.columnNames = columnNames.clone();
        this.batchSize = batchSize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Iterator<>() {
            private final List<Row> batch = new ArrayList<>(batchSize);
            private List<Row> ready = List.of();
            private int next;

            @Override
            public boolean hasNext() {
                if (next < ready.size()) {
                    return true;
                }
                batch.clear();
                while (batch.size() < batchSize && rows.hasNext()) {
                    batch.add(rows.next());
                }
                if (batch.isEmpty()) {
                    return false;
                }
                ready = predict(batch);
                next = 0;
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.get(next++);
            }
        };
    }

    private List<Row> predict(List<Row> batch) {
        int n = batch.size();
        List<Tensor> x = new ArrayList<>(columnIndex.length);
        for (int i = 0; i < columnIndex.length; i++) {
            x.add(RowTensors.batch(batch, 0, n, columnIndex[i], columnNames[i], signature.inputShape(i)));
        }
        List<Tensor> y = predictOutputs(model, signature, x, n);
        List<Row> out = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            Row row = batch.get(r);
            Object[] values = new Object[row.size() + y.size()];
            for (int c = 0; c < row.size(); c++) {
                values[c] = row.get(c);
            }
            for (int k = 0; k < y.size(); k++) {
                values[row.size() + k] = RowTensors.row(y.get(k), r);
            }
            out.add(RowFactory.create(values));
        }
        return out;
    }

    /** Runs a borrowed model of {@code shipped} on one batch; the outputs in model order. */
    static List<Tensor> predictOutputs(ModelBroadcast shipped, ModelSignature signature, List<Tensor> x, int rows) {
        Model m = shipped.borrow();
        try {
            Object input = x.size() == 1 ? x.get(0) : x;
            Structure s = m.predictData(Structure.of(input, "x"),
                    EvaluateOptions.defaults().batchSize(Math.max(1, rows)).verbose(0));
            if (s.isTensor()) {
                return List.of(s.tensor());
            }
            if (s.isList()) {
                return s.list();
            }
            List<Tensor> ordered = new ArrayList<>();
            for (String name : signature.outputNames()) {
                ordered.add(s.map().get(name));
            }
            return ordered;
        } finally {
            shipped.release(m);
        }
    }
}
