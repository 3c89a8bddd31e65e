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
import org.jkeras.callbacks.EarlyStopping;
import org.jkeras.callbacks.ModelCheckpoint;
import org.jkeras.training.CompileOptions;
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
        m.compile(CompileOptions.optimizer(new Adam(0.01)).loss("categorical_crossentropy")
                .metrics("accuracy", "mae"));
        Path file = dir.resolve("start.keras");
        m.save(file);
        return file;
    }

    private static Model model(Path dir) throws Exception {
        return Models.load(modelFile(dir));
    }

    /** History (same keys, same order, every value to 1e-5) and every weight equal. */
    static void assertSameFit(History want, Model wantModel, History got, Model gotModel) {
        assertEquals(List.copyOf(want.history().keySet()), List.copyOf(got.history().keySet()), "History keys");
        for (String k : want.history().keySet()) {
            List<Double> a = want.history().get(k);
            List<Double> b = got.history().get(k);
            assertEquals(a.size(), b.size(), k);
            for (int e = 0; e < a.size(); e++) {
                assertEquals(a.get(e), b.get(e), 1e-5, "epoch " + e + " " + k);
            }
        }
        List<Tensor> wl = wantModel.getWeights();
        List<Tensor> wd = gotModel.getWeights();
        for (int i = 0; i < wl.size(); i++) {
            float[] a = wl.get(i).toArray();
            float[] b = wd.get(i).toArray();
            for (int k = 0; k < a.length; k++) {
                assertEquals(a[k], b[k], 1e-5, "weight " + i + " value " + k);
            }
        }
    }

    @Test
    void twoWorkersOfBatch64EqualOneMachineWithBatch128(@TempDir Path dir) throws Exception {
        Tensor[] d = data(330); // 264 training rows: 2 full global batches + 8 rows (shards of 8 and 0)
        Path file = modelFile(dir);
        Model local = Models.load(file);
        Model distributed = Models.load(file);
        History single = local.fit(d[0], d[1], FitOptions.defaults().batchSize(128).epochs(2).shuffle(false)
                .validationSplit(0.2).verbose(0));
        History spread = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> SparkTrainer.fit(spark,
                distributed, frame(d[0], d[1], 3), SparkFitOptions.defaults().workers(2).batchSize(64).epochs(2)
                        .validationSplit(0.2).featureColumns("features").labelColumns("label").verbose(0)));
        // Keras 3's order (its logs are a sorted dict): training keys, then the val_ ones
        assertEquals(List.of("accuracy", "loss", "mae", "val_accuracy", "val_loss", "val_mae"),
                List.copyOf(spread.history().keySet()));
        assertSameFit(single, local, spread, distributed);
        List<Double> got = spread.history().get("loss");
        assertTrue(got.get(1) < got.get(0), "training lowers the loss: " + got);
    }

    @Test
    void aValidationFrameAndDriverCallbacksWorkAsInFit(@TempDir Path dir) throws Exception {
        Tensor[] d = data(200);
        Tensor[] v = data(70);
        Path file = modelFile(dir);
        Model local = Models.load(file);
        Model distributed = Models.load(file);
        // min_delta 10: the second epoch cannot improve enough, so EarlyStopping stops after it, on the driver
        History single = local.fit(d[0], d[1], FitOptions.defaults().batchSize(64).epochs(5).shuffle(false)
                .validationData(v[0], v[1]).verbose(0)
                .callbacks(new EarlyStopping().monitor("val_loss").minDelta(10).patience(1)));
        Path best = dir.resolve("best.keras");
        History spread = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> SparkTrainer.fit(spark,
                distributed, frame(d[0], d[1], 2), frame(v[0], v[1], 2), SparkFitOptions.defaults().workers(2)
                        .batchSize(32).epochs(5).verbose(0).callbacks(new EarlyStopping().monitor("val_loss")
                                .minDelta(10).patience(1), new ModelCheckpoint(best).monitor("val_loss"))));
        assertEquals(2, spread.history().get("loss").size(), "EarlyStopping stopped the fit: " + spread.history());
        assertSameFit(single, local, spread, distributed);
        assertTrue(Files.isRegularFile(best), "ModelCheckpoint saved on the driver");
        assertEquals(Models.load(best).getWeights().size(), distributed.getWeights().size());
    }

    @Test
    void aFailedEpochRunsAgainFromItsCheckpointAndEndsAsAnUninterruptedFit(@TempDir Path dir) throws Exception {
        Tensor[] d = data(150);
        Path file = modelFile(dir);
        Model local = Models.load(file);
        Model distributed = Models.load(file);
        History single = local.fit(d[0], d[1], FitOptions.defaults().batchSize(40).epochs(3).shuffle(false)
                .verbose(0));
        Path backup = dir.resolve("backup");
        History spread = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> SparkTrainer.fit(spark,
                distributed, frame(d[0], d[1], 2), SparkFitOptions.defaults().workers(2).batchSize(20).epochs(3)
                        .verbose(0).backupDir(backup).failForTest(1, 1, false)));
        assertSameFit(single, local, spread, distributed);
        assertTrue(!Files.exists(backup), "a completed fit deletes its backup, as BackupAndRestore does");
        // without retries the same fault fails the fit, naming the cause, and the backup of epoch 1 is left
        Model again = Models.load(file);
        Exception e = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> assertThrows(Exception.class,
                () -> SparkTrainer.fit(spark, again, frame(d[0], d[1], 2), SparkFitOptions.defaults().workers(2)
                        .batchSize(20).epochs(3).verbose(0).backupDir(backup).retries(0).failForTest(1, 1, false))));
        assertTrue(chain(e).contains("test hook: rank 1 fails in epoch 1"), chain(e));
        assertTrue(Files.isRegularFile(backup.resolve("training_metadata.json")), "the epoch-0 checkpoint is kept");
        // a new fit with the same folder resumes at epoch 1 and ends as the uninterrupted run
        Model resumed = Models.load(file);
        History rest = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> SparkTrainer.fit(spark, resumed,
                frame(d[0], d[1], 2), SparkFitOptions.defaults().workers(2).batchSize(20).epochs(3).verbose(0)
                        .backupDir(backup)));
        assertEquals(2, rest.history().get("loss").size(), "epochs 1 and 2 only: " + rest.history());
        for (int e2 = 0; e2 < 2; e2++) {
            assertEquals(single.history().get("loss").get(e2 + 1), rest.history().get("loss").get(e2), 1e-5);
        }
        assertSameFit(History.class.cast(single), local, single, resumed);
    }

    private static String chain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    @Test
    void aSlowWorkerIsNamed() {
        List<EpochResult> r = List.of(new EpochResult(0, new double[0], null, 10, 5000, 400, 4100, null),
                new EpochResult(1, new double[0], null, 10, 5000, 4500, 10, null));
        String w = SparkTrainer.stragglerWarning(2, r);
        assertTrue(w != null && w.contains("worker rank 1 is slow in epoch 3") && w.contains("4500 ms")
                && w.contains("waited 4100 ms"), w);
        assertEquals(null, SparkTrainer.stragglerWarning(0, List.of(new EpochResult(0, new double[0], null, 10, 500,
                300, 10, null), new EpochResult(1, new double[0], null, 10, 500, 350, 5, null))));
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
