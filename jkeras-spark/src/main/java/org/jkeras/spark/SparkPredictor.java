package org.jkeras.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jkeras.models.Model;
import org.jkeras.tensor.Tensor;

/**
 * Distributed predict: a saved model applied to a DataFrame on Spark. The model file is read once on the driver
 * and broadcast; each executor loads it once and keeps it ({@link ModelBroadcast}). Every model input reads one
 * column holding a flat numeric array per row (float or double, length = the input's size); the rows of each
 * partition are predicted in batches, and one {@code array<float>} column per model output is appended, named after
 * the output unless named otherwise.
 *
 * <pre>{@code
 * SparkPredictor p = SparkPredictor.load(spark, Path.of("mlp.keras")).batchSize(256);
 * Dataset<Row> scored = p.transform(df.select("features"));          // column "features" feeds the one input
 * SparkPredictor.load(spark, Path.of("multi_io.keras"))
 *         .inputColumns("a", "b").outputColumns("p_a", "p_b").transform(df);
 * p.registerUdf("score");                                            // SELECT score(features) FROM t
 * }</pre>
 */
public final class SparkPredictor {
    private final SparkSession spark;
    private final ModelBroadcast shipped;
    private final ModelSignature signature;
    private List<String> inputColumns;
    private List<String> outputColumns;
    private int batchSize = 32;

    private SparkPredictor(SparkSession spark, ModelBroadcast shipped, ModelSignature signature) {
        this.spark = spark;
        this.shipped = shipped;
        this.signature = signature;
        this.inputColumns = signature.inputNames();
        this.outputColumns = signature.outputNames();
    }

    /**
     * Reads a {@code .keras} (or legacy {@code .h5}) model on the driver, checks it and broadcasts its bytes.
     * By default input {@code i} reads the column named like the model's input {@code i}, except that a
     * single-input model reads the DataFrame's only array column when no column has the input's name.
     */
    public static SparkPredictor load(SparkSession spark, Path modelFile) {
        ModelBroadcast shipped = ModelBroadcast.of(spark, modelFile);
        Model m = shipped.load();
        return new SparkPredictor(spark, shipped, ModelSignature.of(m));
    }

    /** The columns feeding the model's inputs, in the model's input order. */
    public SparkPredictor inputColumns(String... columns) {
        if (columns.length != signature.inputNames().size()) {
            throw new IllegalArgumentException("inputColumns got " + columns.length + " column names "
                    + Arrays.toString(columns) + ", but the model has " + signature.inputNames().size()
                    + " inputs " + signature.inputNames() + "; give one column per input, in that order.");
        }
        this.inputColumns = List.of(columns);
        return this;
    }

    /** The names of the appended prediction columns, one per model output, in output order. */
    public SparkPredictor outputColumns(String... columns) {
        if (columns.length != signature.outputNames().size()) {
            throw new IllegalArgumentException("outputColumns got " + columns.length + " column names "
                    + Arrays.toString(columns) + ", but the model has " + signature.outputNames().size()
                    + " outputs " + signature.outputNames() + "; give one name per output, in that order.");
        }
        this.outputColumns = List.of(columns);
        return this;
    }

    /** Rows per model call within a partition (default 32, Keras's predict default). */
    public SparkPredictor batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive; received: " + batchSize + ".");
        }
        this.batchSize = batchSize;
        return this;
    }

    /** The model's signature (input / output names and per-row shapes). */
    public ModelSignature signature() {
        return signature;
    }

    /** The broadcast model (for {@link ModelBroadcast#destroy()} when done). */
    public ModelBroadcast model() {
        return shipped;
    }

    /**
     * The input rows with the prediction columns appended; lazy, as every Spark transformation.
     *
     * @throws IllegalArgumentException when an input column is missing or not a numeric array, or a prediction
     *                                  column name is taken (rows of the wrong length fail the job, naming the
     *                                  column, the length expected and the length given)
     */
    public Dataset<Row> transform(Dataset<Row> df) {
        StructType schema = df.schema();
        List<String> columns = resolveInputColumns(schema);
        int[] index = new int[columns.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = schema.fieldIndex(columns.get(i));
        }
        StructType outSchema = schema;
        for (String name : outputColumns) {
            if (Arrays.asList(schema.fieldNames()).contains(name)) {
                throw new IllegalArgumentException("The DataFrame already has a column '" + name + "' where the "
                        + "prediction would go; name the predictions with outputColumns(...).");
            }
            outSchema = outSchema.add(name, DataTypes.createArrayType(DataTypes.FloatType, false), false);
        }
        JavaRDD<Row> out = df.javaRDD().mapPartitions(
                new PartitionPredictor(shipped, signature, index, columns.toArray(new String[0]), batchSize));
        return spark.createDataFrame(out, outSchema);
    }

    private List<String> resolveInputColumns(StructType schema) {
        List<String> names = Arrays.asList(schema.fieldNames());
        List<String> columns = new ArrayList<>(inputColumns);
        if (columns.size() == 1 && !names.contains(columns.get(0)) && inputColumns == signature.inputNames()) {
            List<String> arrays = new ArrayList<>();
            for (StructField f : schema.fields()) {
                if (f.dataType() instanceof ArrayType) {
                    arrays.add(f.name());
                }
            }
            if (arrays.size() == 1) {
                columns.set(0, arrays.get(0));
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            if (!names.contains(c)) {
                throw new IllegalArgumentException("No column '" + c + "' for model input '"
                        + signature.inputNames().get(i) + "'; the DataFrame has columns " + names
                        + ". Name the input columns with inputColumns(...).");
            }
            DataType t = schema.apply(c).dataType();
            if (!(t instanceof ArrayType) || !(((ArrayType) t).elementType() instanceof NumericType)) {
                throw new IllegalArgumentException("Column '" + c + "' for model input '"
                        + signature.inputNames().get(i) + "' has type " + t.simpleString() + "; expected an array "
                        + "of " + signature.inputSize(i) + " numbers (array<float> or array<double>).");
            }
        }
        return columns;
    }

    /**
     * Registers a Spark SQL function {@code name(col_1, ..., col_n)} taking one numeric array per model input (one or
     * two inputs) and returning the prediction: an {@code array<float>} for a one-output model, else a struct with
     * one {@code array<float>} field per output. It predicts one row per call; for big tables {@link #transform}
     * is faster (batches).
     */
    public void registerUdf(String name) {
        ModelBroadcast m = shipped;
        ModelSignature s = signature;
        List<String> in = signature.inputNames();
        DataType returnType = returnType();
        switch (in.size()) {
            case 1:
                spark.udf().register(name, (UDF1<Object, Object>) a -> udfResult(m, s,
                        List.of(RowTensors.single(asList(a), in.get(0), s.inputShape(0)))), returnType);
                break;
            case 2:
                spark.udf().register(name, (UDF2<Object, Object, Object>) (a, b) -> udfResult(m, s,
                        List.of(RowTensors.single(asList(a), in.get(0), s.inputShape(0)),
                                RowTensors.single(asList(b), in.get(1), s.inputShape(1)))), returnType);
                break;
            default:
                throw new IllegalArgumentException("registerUdf supports models with 1 or 2 inputs; model has "
                        + in.size() + " inputs " + in + ". Use transform(...) instead.");
        }
    }

    private DataType returnType() {
        DataType array = DataTypes.createArrayType(DataTypes.FloatType, false);
        if (outputColumns.size() == 1) {
            return array;
        }
        StructType t = new StructType();
        for (String o : outputColumns) {
            t = t.add(o, array, false);
        }
        return t;
    }

    private static List<?> asList(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof scala.collection.Seq) {
            return scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<?>) value);
        }
        if (value instanceof List) {
            return (List<?>) value;
        }
        throw new IllegalArgumentException("Expected an array argument; received a " + value.getClass().getName()
                + ".");
    }

    private static Object udfResult(ModelBroadcast m, ModelSignature s, List<Tensor> x) {
        List<Tensor> y = PartitionPredictor.predictOutputs(m, s, x, 1);
        if (y.size() == 1) {
            return RowTensors.row(y.get(0), 0);
        }
        Object[] fields = new Object[y.size()];
        for (int k = 0; k < fields.length; k++) {
            fields[k] = RowTensors.row(y.get(k), 0);
        }
        return RowFactory.create(fields);
    }
}
