package org.jkeras.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jkeras.callbacks.BackupAndRestore;
import org.jkeras.callbacks.Callback;

/**
 * Options of {@link SparkTrainer#fit}: how many workers (barrier tasks, one model replica each), the per-worker
 * batch size (the global batch is {@code workers × batchSize}), epochs, the columns to read, the socket timeout and
 * verbosity. Rows are used in the DataFrame's order (no shuffling), so the result equals a single-machine
 * {@code fit} with {@code batchSize(workers × batchSize)} and {@code shuffle(false)}.
 *
 * <pre>{@code
 * SparkFitOptions o = SparkFitOptions.defaults().workers(2).batchSize(64).epochs(3)
 *         .featureColumns("pixels").labelColumns("label");
 * }</pre>
 */
public final class SparkFitOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private int workers = 2;
    private int batchSize = 32;
    private int epochs = 1;
    private int verbose = 1;
    private int timeoutMs = 60_000;
    private List<String> featureColumns = List.of("features");
    private List<String> labelColumns = List.of("label");
    private double validationSplit = 0;
    private int retries = 2;
    private transient List<Callback> callbacks = new ArrayList<>();
    private transient Path backupDir;
    private int[] failForTest; // {epoch, rank, exit JVM 0/1}: fail the first attempt of that epoch (tests only)

    private SparkFitOptions() {
    }

    /** 2 workers, per-worker batch 32, 1 epoch, verbose 1, 60 s socket timeout, columns "features" and "label". */
    public static SparkFitOptions defaults() {
        return new SparkFitOptions();
    }

    /** Barrier tasks, one replica each; the cluster must run this many tasks at once. */
    public SparkFitOptions workers(int workers) {
        this.workers = positive("workers", workers);
        return this;
    }

    /** Rows per worker per step; the global batch is {@code workers × batchSize}. */
    public SparkFitOptions batchSize(int batchSize) {
        this.batchSize = positive("batchSize", batchSize);
        return this;
    }

    /** Passes over the data. */
    public SparkFitOptions epochs(int epochs) {
        this.epochs = positive("epochs", epochs);
        return this;
    }

    /** 0 = silent, 1 = one line per epoch on the driver's standard output. */
    public SparkFitOptions verbose(int verbose) {
        if (verbose < 0 || verbose > 1) {
            throw new IllegalArgumentException("verbose must be 0 or 1; received: " + verbose + ".");
        }
        this.verbose = verbose;
        return this;
    }

    /** How long a task waits on a peer (connect, accept, every read) before it fails the stage. */
    public SparkFitOptions timeoutMillis(int timeoutMs) {
        this.timeoutMs = positive("timeoutMillis", timeoutMs);
        return this;
    }

    /** One numeric-array column per model input, in input order. */
    public SparkFitOptions featureColumns(String... columns) {
        this.featureColumns = List.of(nonEmpty("featureColumns", columns));
        return this;
    }

    /** One column per model output, in output order: a numeric array, or a number (class id / one value). */
    public SparkFitOptions labelColumns(String... columns) {
        this.labelColumns = List.of(nonEmpty("labelColumns", columns));
        return this;
    }

    /**
     * Keras's {@code validation_split}: the last fraction of the rows (in the DataFrame's order) is held out and
     * evaluated, distributed, at the end of every epoch ({@code val_*} logs). A validation DataFrame given to
     * {@code fit} overrides it.
     */
    public SparkFitOptions validationSplit(double split) {
        if (!(split >= 0 && split < 1)) {
            throw new IllegalArgumentException("validation_split must be in [0, 1); received: validation_split="
                    + split + ". Use e.g. validationSplit(0.2) to hold out the last 20% of the rows.");
        }
        this.validationSplit = split;
        return this;
    }

    /**
     * Callbacks run on the driver at epoch level ({@code onTrainBegin/End}, {@code onEpochBegin/End} with the
     * epoch's logs): History, the progress bar, EarlyStopping, ModelCheckpoint, BackupAndRestore, CSVLogger... They
     * see the driver's model, which holds the weights and optimizer state of the epoch just ended. Batch-level hooks
     * are not called (the batches run on the executors).
     */
    public SparkFitOptions callbacks(Callback... callbacks) {
        this.callbacks = new ArrayList<>(Arrays.asList(callbacks));
        return this;
    }

    /**
     * A folder for BackupAndRestore-style state (weights, optimizer variables, epoch), written atomically at every
     * epoch end on the driver: a fit started again with the same folder (after the driver died) resumes at the first
     * epoch not completed. Same as adding {@code new BackupAndRestore(dir)} to the callbacks.
     */
    public SparkFitOptions backupDir(Path dir) {
        this.backupDir = dir;
        return this;
    }

    /**
     * How many times an epoch whose barrier stage failed (an exception in a replica, a killed executor, a dead peer)
     * is run again from the state at the start of that epoch (the last checkpoint) before fit fails; default 2.
     */
    public SparkFitOptions retries(int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0; received: " + retries + ".");
        }
        this.retries = retries;
        return this;
    }

    /** Test hook: rank {@code rank} fails on the first attempt of epoch {@code epoch}, by throwing or exiting its JVM. */
    SparkFitOptions failForTest(int epoch, int rank, boolean exitJvm) {
        this.failForTest = new int[] {epoch, rank, exitJvm ? 1 : 0};
        return this;
    }

    int[] failForTest() {
        return failForTest;
    }

    double validationSplit() {
        return validationSplit;
    }

    int retries() {
        return retries;
    }

    /** The user's callbacks, plus a BackupAndRestore for {@link #backupDir}. */
    List<Callback> callbackList() {
        List<Callback> all = callbacks == null ? new ArrayList<>() : new ArrayList<>(callbacks);
        if (backupDir != null) {
            all.add(new BackupAndRestore(backupDir));
        }
        return all;
    }

    int workers() {
        return workers;
    }

    int batchSize() {
        return batchSize;
    }

    int epochs() {
        return epochs;
    }

    int verbose() {
        return verbose;
    }

    int timeoutMillis() {
        return timeoutMs;
    }

    List<String> featureColumns() {
        return featureColumns;
    }

    List<String> labelColumns() {
        return labelColumns;
    }

    private static int positive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive; received: " + value + ".");
        }
        return value;
    }

    private static String[] nonEmpty(String what, String[] columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException(what + " needs at least one column name; received none.");
        }
        return Arrays.copyOf(columns, columns.length);
    }
}
