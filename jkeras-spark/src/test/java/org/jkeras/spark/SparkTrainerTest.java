package org.jkeras.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jkeras.callbacks.History;
import org.jkeras.layers.core.Dense;
import org.jkeras.models.Model;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.Adam;
import org.jkeras.saving.Models;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.FitOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkTrainerTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSupport.session("SparkTrainerTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Rows with a features array (5) and a one-hot label array (3): class = sign pattern of two features. */
    private static Dataset<Row> frame(Tensor x, Tensor y, int partitions) {
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add("label", DataTypes.createArrayType(DataTypes.FloatType, false), false);
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < x.dim(0); r++) {
            rows.add(RowFactory.create(RowTensors.row(x, r), RowTensors.row(y, r)));
        }
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(rows, partitions), schema);
    }

    private static Tensor[] data(int n) {
        Tensor x = Tensor.randomNormal(7, 0, 1, n, 5);
        float[] y = new float[n * 3];
        for (int r = 0; r < n; r++) {
            int c = x.get(r, 0) > 0 ? (x.get(r, 1) > 0 ? 0 : 1) : 2;
            y[r * 3 + c] = 1;
        }
        return new Tensor[] {x, Tensor.of(y, n, 3)};
    }

    /** A compiled model, saved once: each {@code Models.load} of the file is a copy with the same weights. */
    private static Path modelFile(Path dir) throws Exception {
        Sequential m = new Sequential(new Dense(16, "relu").inputDim(5), new Dense(3, "softmax"));
        m.compile(new Adam(0.01), "categorical_crossentropy");
        Path file = dir.resolve("start.keras");
        m.save(file);
        return file;
    }

    private static Model model(Path dir) throws Exception {
        return Models.load(modelFile(dir));
    }

    @Test
    void twoWorkersOfBatch64EqualOneMachineWithBatch128(@TempDir Path dir) throws Exception {
        Tensor[] d = data(330); // 2 full global batches + 74 rows: shards of 64 and 10 in the last step
        Path file = modelFile(dir);
        Model local = Models.load(file);
        Model distributed = Models.load(file);
        History single = local.fit(d[0], d[1], FitOptions.defaults().batchSize(128).epochs(2).shuffle(false)
                .verbose(0));
        History spread = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> SparkTrainer.fit(spark,
                distributed, frame(d[0], d[1], 3), SparkFitOptions.defaults().workers(2).batchSize(64).epochs(2)
                        .featureColumns("features").labelColumns("label").verbose(0)));
        List<Double> want = single.history().get("loss");
        List<Double> got = spread.history().get("loss");
        assertEquals(2, got.size());
        for (int e = 0; e < 2; e++) {
            assertEquals(want.get(e), got.get(e), 1e-5, "epoch " + e + " loss");
        }
        List<Tensor> wl = local.getWeights();
        List<Tensor> wd = distributed.getWeights();
        for (int i = 0; i < wl.size(); i++) {
            float[] a = wl.get(i).toArray();
            float[] b = wd.get(i).toArray();
            for (int k = 0; k < a.length; k++) {
                assertEquals(a[k], b[k], 1e-5, "weight " + i + " value " + k);
            }
        }
        assertTrue(got.get(1) < got.get(0), "training lowers the loss: " + got);
    }

    @Test
    void aReplicaThatThrowsFailsTheStageWithTheCauseNamedNeverAHang(@TempDir Path dir) throws Exception {
        Tensor[] d = data(40);
        float[] bad = new float[4]; // row 20 (global batch 1, worker 1 with batch 10) has 4 features, not 5
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add("label", DataTypes.createArrayType(DataTypes.FloatType, false), false);
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < 40; r++) {
            rows.add(RowFactory.create(r == 30 ? bad : RowTensors.row(d[0], r), RowTensors.row(d[1], r)));
        }
        Dataset<Row> df = spark.createDataFrame(rows, schema);
        Model m = model(dir);
        Exception e = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> assertThrows(Exception.class,
                () -> SparkTrainer.fit(spark, m, df, SparkFitOptions.defaults().workers(2).batchSize(10)
                        .timeoutMillis(20_000).verbose(0))));
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            chain.append(t.getMessage()).append(" | ");
        }
        assertTrue(chain.toString().contains("Column 'features' holds an array of length 4")
                && chain.toString().contains("expects 5 values"), chain.toString());
    }

    @Test
    void badSetupsAreRefusedOnTheDriver(@TempDir Path dir) throws Exception {
        Tensor[] d = data(8);
        Dataset<Row> df = frame(d[0], d[1], 1);
        Model m = model(dir);
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> SparkTrainer.fit(spark, m, df, SparkFitOptions.defaults().workers(3)));
        assertTrue(tooMany.getMessage().contains("needs 3 tasks running at once")
                && tooMany.getMessage().contains("offers 2 task slots"), tooMany.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SparkTrainer.fit(spark, m, df, SparkFitOptions.defaults().labelColumns("y")));
        assertTrue(missing.getMessage().contains("No column 'y'")
                && missing.getMessage().contains("[features, label]"), missing.getMessage());
        Sequential uncompiled = new Sequential(new Dense(3).inputDim(5));
        assertThrows(IllegalStateException.class,
                () -> SparkTrainer.fit(spark, uncompiled, df, SparkFitOptions.defaults()));
        assertTrue(Files.isDirectory(dir));
    }
}
