package org.jkeras.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

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
