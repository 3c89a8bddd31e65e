package org.jkeras.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.jkeras.callbacks.History;
import org.jkeras.models.Model;
import org.jkeras.saving.Models;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Synchronous data-parallel {@code fit} on Spark. Each epoch is one barrier stage of N tasks (gang-scheduled), one
 * model replica each; every global batch of {@code N × batchSize} consecutive rows (in the DataFrame's order) is
 * split into N contiguous shards, each replica computes its shard's gradients, an {@link AllReduce} between the
 * tasks sums them weighted by rows (= the full batch's mean gradient), and every replica applies the same update.
 * The result equals single-machine {@code fit(x, y, batchSize(N × batchSize).shuffle(false))} to float rounding, for
 * models without per-replica state (BatchNormalization's moving statistics and dropout masks are per replica).
 * The model travels as {@code .keras} bytes (weights and optimizer state) broadcast at each epoch; rank 0 sends it
 * back after the epoch, so the driver holds the state of the last finished epoch. {@code History} (the epoch
 * {@code loss}) and a line per epoch are on the driver; at the end the driver's model gets the trained weights.
 *
 * <pre>{@code
 * model.compile("adam", "categorical_crossentropy");
 * History h = SparkTrainer.fit(spark, model, df, SparkFitOptions.defaults().workers(2).batchSize(64).epochs(3)
 *         .featureColumns("pixels").labelColumns("onehot"));
 * }</pre>
 */
public final class SparkTrainer {
    private SparkTrainer() {
    }

    /**
     * Trains {@code model} (compiled) on the rows of {@code data}; returns the History of the epochs.
     *
     * @throws IllegalArgumentException for a missing or wrongly typed column, more workers than task slots, or
     *                                  dynamic allocation on (barrier mode refuses it)
     * @throws org.apache.spark.SparkException (unchecked in Spark 4) when a replica fails, with its cause
     */
    public static History fit(SparkSession spark, Model model, Dataset<Row> data, SparkFitOptions o) {
        if (model.optimizer() == null) {
            throw new IllegalStateException("Model '" + model.name() + "' must be compiled before SparkTrainer.fit; "
                    + "e.g. model.compile(\"adam\", \"categorical_crossentropy\").");
        }
        requireBarrierMode(spark, o.workers());
        ModelSignature sig = ModelSignature.of(model);
        List<String> cols = new ArrayList<>(o.featureColumns());
        cols.addAll(o.labelColumns());
        TrainSpecParts parts = columns(data.schema(), sig, o);
        Dataset<Row> selected = data.select(cols.stream().map(Column::new).toArray(Column[]::new));
        long total = selected.count();
        if (total == 0) {
            throw new IllegalArgumentException("SparkTrainer.fit got an empty DataFrame; give it rows to train on.");
        }
        int workers = o.workers();
        long global = (long) workers * o.batchSize();
        long perWorkerBatch = o.batchSize();
        JavaRDD<Tuple2<Long, Row>> sharded = selected.javaRDD().zipWithIndex()
                .mapToPair(t -> new Tuple2<>(Integer.valueOf((int) ((t._2() % global) / perWorkerBatch)),
                        new Tuple2<>(t._2(), t._1())))
                .partitionBy(new WorkerPartitioner(workers)).values();
        sharded.persist(StorageLevel.MEMORY_AND_DISK());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        TrainSpec spec = new TrainSpec(workers, o.batchSize(), total, o.timeoutMillis(), secret,
                cols.toArray(new String[0]), parts.shapes, parts.scalar, o.featureColumns().size());
        History history = new History();
        history.onTrainBegin(Map.of());
        byte[] bytes = save(model);
        ClassTag<EpochResult> tag = ClassTag$.MODULE$.apply(EpochResult.class);
        try {
            for (int epoch = 0; epoch < o.epochs(); epoch++) {
                ModelBroadcast shipped = ModelBroadcast.of(spark, bytes, "model.keras");
                List<EpochResult> results;
                try {
                    results = sharded.rdd().barrier().mapPartitions(new ReplicaEpoch(shipped, spec), false, tag)
                            .toJavaRDD().collect();
                } finally {
                    shipped.destroy();
                }
                EpochResult root = results.stream().filter(r -> r.rank() == 0).findFirst().orElseThrow();
                bytes = root.model();
                Map<String, Double> logs = new LinkedHashMap<>();
                logs.put("loss", root.lossSum() / root.rows());
                history.onEpochEnd(epoch, logs);
                if (o.verbose() == 1) {
                    System.out.println(progressLine(epoch, o.epochs(), logs, results));
                }
            }
        } finally {
            sharded.unpersist(false);
        }
        model.setWeights(load(bytes).getWeights());
        return history;
    }

    private static String progressLine(int epoch, int epochs, Map<String, Double> logs, List<EpochResult> results) {
        StringBuilder sb = new StringBuilder("Epoch " + (epoch + 1) + "/" + epochs);
        logs.forEach((k, v) -> sb.append(String.format(" - %s: %.4f", k, v)));
        long slowest = 0;
        long fastest = Long.MAX_VALUE;
        for (EpochResult r : results) {
            slowest = Math.max(slowest, r.millis());
            fastest = Math.min(fastest, r.millis());
        }
        sb.append(" - ").append(results.size()).append(" workers, ").append(fastest).append("-").append(slowest)
                .append(" ms per replica");
        return sb.toString();
    }

    private static void requireBarrierMode(SparkSession spark, int workers) {
        if (Boolean.parseBoolean(spark.conf().get("spark.dynamicAllocation.enabled", "false"))) {
            throw new IllegalArgumentException("SparkTrainer.fit runs a barrier stage, which Spark refuses with "
                    + "dynamic allocation; set spark.dynamicAllocation.enabled=false for this application.");
        }
        int slots = spark.sparkContext().defaultParallelism();
        if (workers > slots) {
            throw new IllegalArgumentException("SparkTrainer.fit needs " + workers + " tasks running at once (one per "
                    + "worker), but the cluster offers " + slots + " task slots (spark.default.parallelism / cores); "
                    + "use workers(" + slots + ") or more executor cores.");
        }
    }

    /** Column checks on the driver, and the per-row shapes of inputs then targets. */
    private static TrainSpecParts columns(StructType schema, ModelSignature sig, SparkFitOptions o) {
        List<String> names = Arrays.asList(schema.fieldNames());
        int in = sig.inputNames().size();
        int out = sig.outputNames().size();
        if (o.featureColumns().size() != in) {
            throw new IllegalArgumentException("featureColumns " + o.featureColumns() + " name "
                    + o.featureColumns().size() + " columns, but the model has " + in + " inputs " + sig.inputNames()
                    + "; give one column per input, in that order.");
        }
        if (o.labelColumns().size() != out) {
            throw new IllegalArgumentException("labelColumns " + o.labelColumns() + " name " + o.labelColumns().size()
                    + " columns, but the model has " + out + " outputs " + sig.outputNames()
                    + "; give one column per output, in that order.");
        }
        TrainSpecParts p = new TrainSpecParts(in + out);
        for (int c = 0; c < in + out; c++) {
            String name = c < in ? o.featureColumns().get(c) : o.labelColumns().get(c - in);
            if (!names.contains(name)) {
                throw new IllegalArgumentException("No column '" + name + "' in the DataFrame (columns " + names
                        + "); name the columns with featureColumns(...) and labelColumns(...).");
            }
            DataType t = schema.apply(name).dataType();
            boolean array = t instanceof ArrayType && ((ArrayType) t).elementType() instanceof NumericType;
            p.shapes[c] = c < in ? sig.inputShape(c) : sig.outputShape(c - in);
            if (c >= in && t instanceof NumericType) {
                p.scalar[c] = true;
            } else if (!array) {
                throw new IllegalArgumentException("Column '" + name + "' has type " + t.simpleString()
                        + "; expected an array of numbers" + (c >= in ? " (or a number, for class ids)" : "") + ".");
            }
        }
        return p;
    }

    private static final class TrainSpecParts {
        final int[][] shapes;
        final boolean[] scalar;

        TrainSpecParts(int n) {
            shapes = new int[n][];
            scalar = new boolean[n];
        }
    }

    private static byte[] save(Model model) {
        try {
            Path dir = Files.createTempDirectory("jkeras-spark-");
            Path file = dir.resolve("model.keras");
            try {
                model.save(file);
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save model '" + model.name() + "' for shipping: " + e, e);
        }
    }

    private static Model load(byte[] bytes) {
        try {
            Path dir = Files.createTempDirectory("jkeras-spark-");
            Path file = dir.resolve("model.keras");
            try {
                Files.write(file, bytes);
                return Models.load(file, false);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the trained model: " + e, e);
        }
    }

    /** Sends the rows of worker {@code w} (the key) to partition {@code w}. */
    static final class WorkerPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int workers;

        WorkerPartitioner(int workers) {
            this.workers = workers;
        }

        @Override
        public int numPartitions() {
            return workers;
        }

        @Override
        public int getPartition(Object key) {
            return (Integer) key;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof WorkerPartitioner && ((WorkerPartitioner) other).workers == workers;
        }

        @Override
        public int hashCode() {
            return workers;
        }
    }
}
