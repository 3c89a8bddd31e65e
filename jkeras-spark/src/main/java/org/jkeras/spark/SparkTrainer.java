package org.jkeras.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
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
import org.jkeras.callbacks.CallbackList;
import org.jkeras.callbacks.History;
import org.jkeras.models.Model;
import org.jkeras.training.GradientSteps;
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
        return fit(spark, model, data, null, o);
    }

    /**
     * As {@link #fit(SparkSession, Model, Dataset, SparkFitOptions)}, evaluating on {@code validation} (same
     * columns; null for none, or {@link SparkFitOptions#validationSplit}) at the end of every epoch, distributed over
     * the workers: the {@code val_*} logs.
     */
    public static History fit(SparkSession spark, Model model, Dataset<Row> data, Dataset<Row> validation,
            SparkFitOptions o) {
        if (model.optimizer() == null) {
            throw new IllegalStateException("Model '" + model.name() + "' must be compiled before SparkTrainer.fit; "
                    + "e.g. model.compile(\"adam\", \"categorical_crossentropy\").");
        }
        requireBarrierMode(spark, o.workers());
        ModelSignature sig = ModelSignature.of(model);
        List<String> cols = new ArrayList<>(o.featureColumns());
        cols.addAll(o.labelColumns());
        TrainSpecParts parts = columns(data.schema(), sig, o);
        if (validation != null) {
            columns(validation.schema(), sig, o);
        }
        Column[] picked = cols.stream().map(Column::new).toArray(Column[]::new);
        Dataset<Row> selected = data.select(picked);
        long total = selected.count();
        if (total == 0) {
            throw new IllegalArgumentException("SparkTrainer.fit got an empty DataFrame; give it rows to train on.");
        }
        long trainRows = total;
        if (validation == null && o.validationSplit() > 0) {
            trainRows = (long) Math.floor(total * (1.0 - o.validationSplit()));
            if (trainRows == 0 || trainRows == total) {
                throw new IllegalArgumentException("validation_split=" + o.validationSplit() + " leaves " + trainRows
                        + " training and " + (total - trainRows) + " validation rows out of " + total
                        + "; use a split that leaves rows on both sides.");
            }
        }
        boolean hasValidation = validation != null || trainRows < total;
        int workers = o.workers();
        long global = (long) workers * o.batchSize();
        long perWorkerBatch = o.batchSize();
        long splitAt = trainRows;
        JavaPairRDD<Integer, Tuple2<Long, Row>> keyed = selected.javaRDD().zipWithIndex()
                .mapToPair(t -> t._2() < splitAt ? keyTrain(t._2(), t._1(), global, perWorkerBatch)
                        : keyHeld(t._2() - splitAt, t._1(), workers, perWorkerBatch));
        if (validation != null) {
            keyed = keyed.union(validation.select(picked).javaRDD().zipWithIndex()
                    .mapToPair(t -> keyHeld(t._2(), t._1(), workers, perWorkerBatch)));
        }
        JavaRDD<Tuple2<Long, Row>> sharded = keyed.partitionBy(new WorkerPartitioner(workers)).values();
        sharded.persist(StorageLevel.MEMORY_AND_DISK());
        Row sample = selected.first();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        TrainSpec spec = new TrainSpec(workers, o.batchSize(), trainRows, o.timeoutMillis(), secret,
                cols.toArray(new String[0]), parts.shapes, parts.scalar, o.featureColumns().size(), sample,
                o.failForTest());
        // the driver's metrics are resolved and named as on the replicas, to read the summed states
        GradientSteps.testStep(model, spec.inputs(List.of(sample), 0, 1), spec.targets(List.of(sample), 0, 1));
        GradientSteps.resetMetrics(model);
        History history = new History();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", o.verbose());
        params.put("epochs", o.epochs());
        params.put("steps", (int) ((trainRows + global - 1) / global));
        CallbackList callbacks = CallbackList.build(o.callbackList(), history, o.verbose(), model, params);
        Map<String, Double> logs = new LinkedHashMap<>();
        boolean began = false;
        boolean finished = false;
        try {
            model.setStopTraining(false);
            GradientSteps.takeResumeEpoch(model);
            callbacks.onTrainBegin(null);
            began = true;
            Integer resume = GradientSteps.takeResumeEpoch(model);
            for (int epoch = resume == null ? 0 : resume; epoch < o.epochs(); epoch++) {
                callbacks.onEpochBegin(epoch, null);
                List<EpochResult> results = runEpoch(spark, model, sharded, spec, epoch, hasValidation, o);
                results.sort(Comparator.comparingInt(EpochResult::rank));
                loadWeights(model, results.get(0).weights());
                logs = new LinkedHashMap<>(GradientSteps.metricsResult(model, sum(results, false)));
                if (hasValidation) {
                    Map<String, Double> val = GradientSteps.metricsResult(model, sum(results, true));
                    for (Map.Entry<String, Double> e : val.entrySet()) {
                        logs.put("val_" + e.getKey(), e.getValue());
                    }
                }
                warnAboutStragglers(epoch, results);
                callbacks.onEpochEnd(epoch, logs);
                if (model.stopTraining()) {
                    break;
                }
            }
            finished = true;
        } finally {
            sharded.unpersist(false);
            if (began) {
                try {
                    callbacks.onTrainEnd(logs);
                } catch (RuntimeException e) {
                    if (finished) {
                        throw e;
                    } // else the original failure is what the caller needs to see
                }
            }
        }
        return history;
    }

    /** Training row {@code i}: worker {@code (i mod G) / B}, key {@code i}. */
    private static Tuple2<Integer, Tuple2<Long, Row>> keyTrain(long i, Row row, long global, long batch) {
        return new Tuple2<>((int) ((i % global) / batch), new Tuple2<>(i, row));
    }

    /** Validation row {@code v}: blocks of B rows dealt to the workers in turn, key {@code -1 - v}. */
    private static Tuple2<Integer, Tuple2<Long, Row>> keyHeld(long v, Row row, int workers, long batch) {
        return new Tuple2<>((int) ((v / batch) % workers), new Tuple2<>(-1 - v, row));
    }

    /**
     * One epoch's barrier stage, from the driver model's state (the last epoch end: the checkpoint); a failed stage
     * (a replica's exception, a killed executor, a dead peer) runs again from that state up to {@code retries}
     * times. A bad row (IllegalArgumentException) is not retried: it would fail the same way.
     */
    private static List<EpochResult> runEpoch(SparkSession spark, Model model, JavaRDD<Tuple2<Long, Row>> sharded,
            TrainSpec spec, int epoch, boolean validation, SparkFitOptions o) {
        byte[] bytes = save(model);
        ClassTag<EpochResult> tag = ClassTag$.MODULE$.apply(EpochResult.class);
        for (int attempt = 0;; attempt++) {
            ModelBroadcast shipped = ModelBroadcast.of(spark, bytes, "model.keras");
            try {
                return new ArrayList<>(sharded.rdd().barrier()
                        .mapPartitions(new ReplicaEpoch(shipped, spec, epoch, attempt, validation), false, tag)
                        .toJavaRDD().collect());
            } catch (Exception e) {
                if (attempt >= o.retries() || causedByBadInput(e)) {
                    throw SparkTrainer.<RuntimeException>sneaky(e);
                }
                System.err.println("WARNING jkeras-spark: epoch " + (epoch + 1) + " failed on attempt " + (attempt + 1)
                        + " (" + rootMessage(e) + "); running it again from the state at its start (retry "
                        + (attempt + 1) + " of " + o.retries() + ").");
            } finally {
                shipped.destroy();
            }
        }
    }

    private static boolean causedByBadInput(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException
                    || String.valueOf(t.getMessage()).contains(IllegalArgumentException.class.getName())) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = String.valueOf(t.getMessage());
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }

    /** Rethrows {@code e} unchanged (a checked SparkException included), so the caller sees Spark's own failure. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable e) throws T {
        throw (T) e;
    }

    /** The replicas' states summed in rank order. */
    private static double[] sum(List<EpochResult> results, boolean validation) {
        double[] total = null;
        for (EpochResult r : results) {
            double[] s = validation ? r.validationState() : r.trainState();
            if (total == null) {
                total = s.clone();
            } else {
                for (int k = 0; k < s.length; k++) {
                    total[k] += s[k];
                }
            }
        }
        return total;
    }

    /**
     * The warning for a replica much slower than the others (over twice the fastest's gradient time, and 200 ms
     * more), with the time the fastest spent waiting in the all-reduce; null when none is.
     */
    static String stragglerWarning(int epoch, List<EpochResult> results) {
        EpochResult slow = null;
        EpochResult fast = null;
        for (EpochResult r : results) {
            slow = slow == null || r.computeMillis() > slow.computeMillis() ? r : slow;
            fast = fast == null || r.computeMillis() < fast.computeMillis() ? r : fast;
        }
        if (slow == null || slow.computeMillis() <= 2 * fast.computeMillis() + 200) {
            return null;
        }
        return "WARNING jkeras-spark: worker rank " + slow.rank() + " is slow in epoch " + (epoch + 1) + ": "
                + slow.computeMillis() + " ms computing gradients against " + fast.computeMillis() + " ms on rank "
                + fast.rank() + ", which waited " + fast.waitMillis() + " ms in the all-reduce (rank " + slow.rank()
                + " waited " + slow.waitMillis() + " ms). Check that executor's host (load, GC, a slow disk).";
    }

    private static void warnAboutStragglers(int epoch, List<EpochResult> results) {
        String w = stragglerWarning(epoch, results);
        if (w != null) {
            System.err.println(w);
        }
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

    /** Sets the driver model's weights and optimizer state from rank 0's {@code .weights.h5} bytes. */
    private static void loadWeights(Model model, byte[] bytes) {
        try {
            Path dir = Files.createTempDirectory("jkeras-spark-");
            Path file = dir.resolve("model.weights.h5");
            try {
                Files.write(file, bytes);
                model.loadWeights(file);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the trained weights on the driver: " + e, e);
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
