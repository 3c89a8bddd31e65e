package org.jkeras.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jkeras.data.Npy;
import org.jkeras.models.Model;
import org.jkeras.saving.Models;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.EvaluateOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparkPredictorTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSupport.session("SparkPredictorTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Dataset<Row> frame(int partitions, String[] names, Tensor... columns) {
        StructType schema = new StructType().add("id", DataTypes.IntegerType, false);
        for (String n : names) {
            schema = schema.add(n, DataTypes.createArrayType(DataTypes.FloatType, false), false);
        }
        int rows = columns[0].dim(0);
        List<Row> data = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            Object[] v = new Object[columns.length + 1];
            v[0] = r;
            for (int c = 0; c < columns.length; c++) {
                v[c + 1] = RowTensors.row(columns[c], r);
            }
            data.add(RowFactory.create(v));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(jsc.parallelize(data, partitions), schema); // no shuffle
    }

    /** Row {@code id} of the column as collected. */
    private static float[] collected(List<Row> rows, int id, String column) {
        for (Row r : rows) {
            if (r.getInt(r.fieldIndex("id")) == id) {
                List<Object> v = r.getList(r.fieldIndex(column));
                float[] out = new float[v.size()];
                for (int k = 0; k < out.length; k++) {
                    out[k] = ((Number) v.get(k)).floatValue();
                }
                return out;
            }
        }
        throw new AssertionError("no row " + id);
    }

    private static void assertRowsClose(Tensor expected, List<Row> rows, String column, double tol) {
        assertEquals(expected.dim(0), rows.size());
        for (int r = 0; r < expected.dim(0); r++) {
            float[] want = RowTensors.row(expected, r);
            float[] got = collected(rows, r, column);
            assertEquals(want.length, got.length, "row " + r);
            for (int k = 0; k < want.length; k++) {
                assertEquals(want[k], got[k], tol, "row " + r + " value " + k + " of " + column);
            }
        }
    }

    @Test
    void mlpPredictionsEqualKerasAndLocalPredictAcrossPartitionsAndBatches() throws Exception {
        Path file = SparkTestSupport.fixture("keras3-generated/mlp/mlp.keras");
        Tensor x = Npy.read(SparkTestSupport.fixture("keras3-generated/mlp/in_input.npy"));
        Tensor keras = Npy.read(SparkTestSupport.fixture("keras3-generated/mlp/out.npy"));
        Model local = Models.load(file, false);
        Tensor mine = local.predict(x, EvaluateOptions.defaults().verbose(0));

        SparkPredictor p = SparkPredictor.load(spark, file).batchSize(3); // partial last batches too
        List<Row> rows = p.transform(frame(2, new String[] {"features"}, x)).collectAsList();
        String out = local.outputNames().get(0);
        assertRowsClose(mine, rows, out, 1e-6);
        assertRowsClose(keras, rows, out, 1e-5);
    }

    @Test
    void multiInputMultiOutputModelReadsNamedColumnsAndWritesOneColumnPerOutput() throws Exception {
        Path file = SparkTestSupport.fixture("keras3-generated/multi_io/multi_io.keras");
        Tensor a = Npy.read(SparkTestSupport.fixture("keras3-generated/multi_io/in_input_1.npy"));
        Tensor b = Npy.read(SparkTestSupport.fixture("keras3-generated/multi_io/in_input_2.npy"));
        Tensor outA = Npy.read(SparkTestSupport.fixture("keras3-generated/multi_io/out_out_a.npy"));
        Tensor outB = Npy.read(SparkTestSupport.fixture("keras3-generated/multi_io/out_out_b.npy"));
        SparkPredictor p = SparkPredictor.load(spark, file).inputColumns("ca", "cb").outputColumns("pa", "pb");
        List<Row> rows = p.transform(frame(2, new String[] {"cb", "ca"}, b, a)).collectAsList();
        assertRowsClose(outA, rows, "pa", 1e-5);
        assertRowsClose(outB, rows, "pb", 1e-5);

        Model local = Models.load(file, false);
        Object y = local.predictOutputs(List.of(a, b), EvaluateOptions.defaults().verbose(0));
        Tensor localB = y instanceof Map ? ((Map<String, Tensor>) y).get("out_b") : ((List<Tensor>) y).get(1);
        assertRowsClose(localB, rows, "pb", 1e-6);
    }

    @Test
    void sqlUdfPredictsLikeTransform() throws Exception {
        Path file = SparkTestSupport.fixture("keras3-generated/mlp/mlp.keras");
        Tensor x = Npy.read(SparkTestSupport.fixture("keras3-generated/mlp/in_input.npy"));
        Tensor keras = Npy.read(SparkTestSupport.fixture("keras3-generated/mlp/out.npy"));
        SparkPredictor.load(spark, file).registerUdf("mlp_score");
        frame(2, new String[] {"features"}, x).createOrReplaceTempView("mlp_rows");
        List<Row> rows = spark.sql("SELECT id, mlp_score(features) AS p FROM mlp_rows").collectAsList();
        assertRowsClose(keras, rows, "p", 1e-5);

        Path multi = SparkTestSupport.fixture("keras3-generated/multi_io/multi_io.keras");
        Tensor a = Npy.read(SparkTestSupport.fixture("keras3-generated/multi_io/in_input_1.npy"));
        Tensor b = Npy.read(SparkTestSupport.fixture("keras3-generated/multi_io/in_input_2.npy"));
        Tensor outB = Npy.read(SparkTestSupport.fixture("keras3-generated/multi_io/out_out_b.npy"));
        SparkPredictor.load(spark, multi).registerUdf("multi_score");
        frame(2, new String[] {"a", "b"}, a, b).createOrReplaceTempView("multi_rows");
        List<Row> m = spark.sql("SELECT id, multi_score(a, b).out_b AS pb FROM multi_rows").collectAsList();
        assertRowsClose(outB, m, "pb", 1e-5);
    }

    @Test
    void badInputIsRefusedNamingTheColumnTheExpectedAndTheGiven() throws Exception {
        Path file = SparkTestSupport.fixture("keras3-generated/mlp/mlp.keras");
        SparkPredictor p = SparkPredictor.load(spark, file);
        Tensor x = Npy.read(SparkTestSupport.fixture("keras3-generated/mlp/in_input.npy"));
        Dataset<Row> df = frame(1, new String[] {"features"}, x);

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SparkPredictor.load(spark, file).inputColumns("pixels").transform(df));
        assertTrue(missing.getMessage().contains("No column 'pixels'")
                && missing.getMessage().contains("[id, features]"), missing.getMessage());

        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> SparkPredictor.load(spark, file).inputColumns("id").transform(df));
        assertTrue(type.getMessage().contains("'id'") && type.getMessage().contains("type int")
                && type.getMessage().contains("20 numbers"), type.getMessage());

        Dataset<Row> short5 = frame(1, new String[] {"features"}, Tensor.zeros(4, 5));
        Exception e = assertThrows(Exception.class, () -> p.transform(short5).collectAsList());
        String chain = messages(e);
        assertTrue(chain.contains("Column 'features' holds an array of length 5")
                && chain.contains("expects 20 values"), chain);

        UncheckedIOException unreadable = assertThrows(UncheckedIOException.class,
                () -> SparkPredictor.load(spark, Path.of("no/such/model.keras")));
        assertTrue(unreadable.getMessage().contains("model.keras"), unreadable.getMessage());
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
