package org.jkeras.training;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Iterator;
import org.jkeras.callbacks.Callback;
import org.jkeras.data.Batch;
import org.jkeras.data.Sequence;
import org.jkeras.data.WorkerOptions;
import org.jkeras.tensor.Tensor;

/**
 * The keyword arguments of Keras's {@code fit}, with Keras 3's defaults: {@code batchSize} 32, {@code epochs} 1,
 * {@code verbose} 1 (Keras's "auto"), {@code shuffle} true, {@code validationSplit} 0, {@code initialEpoch} 0,
 * {@code validationFreq} 1. Each setter validates its argument and says what was given and what is expected.
 *
 * <pre>{@code
 * FitOptions o = FitOptions.defaults().batchSize(128).epochs(5).validationSplit(0.1).verbose(2);
 * History h = model.fit(x, y, o);
 * }</pre>
 */
public final class FitOptions {
    int batchSize = 32;
    boolean batchSizeGiven;
    int epochs = 1;
    int verbose = 1;
    final List<Callback> callbacks = new ArrayList<>();
    double validationSplit = 0;
    Structure validationX, validationY, validationSampleWeight;
    ArrayDataAdapter.Shuffle shuffle = ArrayDataAdapter.Shuffle.ROWS;
    Map<Integer, Double> classWeight;
    Structure sampleWeight;
    int initialEpoch = 0;
    Integer validationBatchSize;
    int validationFreq = 1;
    Long seed;
    int stepsPerEpoch = -1;
    int validationSteps = -1;
    final LoaderSettings loader = new LoaderSettings();
    Sequence validationSequence;
    Iterator<Batch> validationGenerator;

    private FitOptions() {}

    /** Keras's defaults. */
    public static FitOptions defaults() {
        return new FitOptions();
    }

    /** Samples per gradient update (default 32). */
    public FitOptions batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size must be a positive integer; received: batch_size=" + batchSize
                    + ". Use e.g. batchSize(32).");
        }
        this.batchSize = batchSize;
        this.batchSizeGiven = true;
        return this;
    }

    /** Index of the epoch to stop before (Keras: the final epoch, exclusive); default 1. */
    public FitOptions epochs(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0; received: epochs=" + epochs + ".");
        }
        this.epochs = epochs;
        return this;
    }

    /** 0 = silent, 1 = progress bar, 2 = one line per epoch (default 1, Keras's "auto"). */
    public FitOptions verbose(int verbose) {
        this.verbose = checkVerbose(verbose);
        return this;
    }

    static int checkVerbose(int verbose) {
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2; received: verbose=" + verbose
                    + ". 0 = silent, 1 = progress bar, 2 = one line per epoch.");
        }
        return verbose;
    }

    /** Callbacks, called in this order before History and the progress bar. */
    public FitOptions callbacks(Callback... callbacks) {
        for (Callback c : callbacks) {
            if (c == null) {
                throw new IllegalArgumentException("callbacks contains null; pass Callback instances only.");
            }
        }
        this.callbacks.addAll(Arrays.asList(callbacks));
        return this;
    }

    /**
     * Fraction of the samples held out for validation, taken from the end of x and y before shuffling
     * ({@code floor(N·(1 − v))} training rows). Must be in [0, 1).
     */
    public FitOptions validationSplit(double validationSplit) {
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validation_split must be in [0, 1); received: validation_split="
                    + validationSplit + ". Use e.g. validationSplit(0.2) to hold out the last 20% of the samples.");
        }
        this.validationSplit = validationSplit;
        return this;
    }

    /**
     * Data to validate on at the end of each epoch, whatever the training data (arrays, Sequence, generator);
     * overrides validationSplit. The last validationData call wins.
     */
    public FitOptions validationData(Tensor x, Tensor y) {
        return validationData(x, y, null);
    }

    /** Validation data with per-sample weights. */
    public FitOptions validationData(Tensor x, Tensor y, Tensor sampleWeight) {
        return validationData((Object) x, (Object) y, (Object) sampleWeight);
    }

    /**
     * Validation data for models with several inputs or outputs: each of x, y and the sample weights is a Tensor,
     * a {@code List<Tensor>} in model order or a {@code Map<String, Tensor>} by input/output name.
     */
    public FitOptions validationData(Object x, Object y) {
        return validationData(x, y, null);
    }

    /** Structured validation data with sample weights (see {@link #validationData(Object, Object)}). */
    public FitOptions validationData(Object x, Object y, Object sampleWeight) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("validation_data needs both x and y; received x=" + x + ", y=" + y + ".");
        }
        clearValidationData();
        this.validationX = Structure.of(x, "validation x");
        this.validationY = Structure.of(y, "validation y");
        this.validationSampleWeight = Structure.ofNullable(sampleWeight, "validation sample_weight");
        return this;
    }

    private void clearValidationData() {
        validationX = validationY = validationSampleWeight = null;
        validationSequence = null;
        validationGenerator = null;
    }

    /** Whether validation data (arrays, a Sequence or a generator) was given; it overrides validationSplit. */
    boolean hasValidationData() {
        return validationX != null || validationSequence != null || validationGenerator != null;
    }

    /** Reshuffle the training samples before each epoch (default true); for a Sequence, its batch order. */
    public FitOptions shuffle(boolean shuffle) {
        this.shuffle = shuffle ? ArrayDataAdapter.Shuffle.ROWS : ArrayDataAdapter.Shuffle.NONE;
        return this;
    }

    /**
     * Keras's {@code shuffle="batch"} (arrays only): before each epoch the rows are cut into full blocks of
     * {@code batchSize} consecutive rows, the blocks are shuffled as units and a trailing partial block stays last,
     * so each batch is one contiguous range of rows (for data read fastest in contiguous runs, such as HDF5).
     * This is Keras 2's meaning, as KERAS-SEMANTICS.md §3.1 recommends; Keras 3 permutes rows inside fixed batches
     * instead. Any other string is an error; with a Sequence or generator, fit refuses it.
     */
    public FitOptions shuffle(String shuffle) {
        if (!"batch".equals(shuffle)) {
            throw new IllegalArgumentException("shuffle must be true, false or \"batch\"; received: shuffle="
                    + (shuffle == null ? "null" : "\"" + shuffle + "\"") + ". Use shuffle(true) or shuffle(\"batch\").");
        }
        this.shuffle = ArrayDataAdapter.Shuffle.BATCH;
        return this;
    }

    /** Class index → weight, turned into per-sample weights of the training loss. */
    public FitOptions classWeight(Map<Integer, Double> classWeight) {
        for (Map.Entry<Integer, Double> e : classWeight.entrySet()) {
            if (e.getKey() == null || e.getKey() < 0 || e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("class_weight must map class indices >= 0 to finite weights; received entry "
                        + e.getKey() + "=" + e.getValue() + ".");
            }
        }
        this.classWeight = new LinkedHashMap<>(classWeight);
        return this;
    }

    /** One weight per training sample, shape {@code [N]}. */
    public FitOptions sampleWeight(Tensor sampleWeight) {
        return sampleWeight((Object) sampleWeight);
    }

    /**
     * Sample weights for a model with several outputs: one {@code [N]} Tensor (used for every output), a
     * {@code List<Tensor>} per output, or a {@code Map<String, Tensor>} by output name (missing: unweighted).
     */
    public FitOptions sampleWeight(Object sampleWeight) {
        this.sampleWeight = Structure.ofNullable(sampleWeight, "sample_weight");
        return this;
    }

    /** Epoch to start at (for resuming); epochs run from {@code initialEpoch} to {@code epochs − 1}. */
    public FitOptions initialEpoch(int initialEpoch) {
        if (initialEpoch < 0) {
            throw new IllegalArgumentException("initial_epoch must be >= 0; received: initial_epoch=" + initialEpoch + ".");
        }
        this.initialEpoch = initialEpoch;
        return this;
    }

    /** Batch size for validation (default: the training batch size). */
    public FitOptions validationBatchSize(int validationBatchSize) {
        if (validationBatchSize <= 0) {
            throw new IllegalArgumentException("validation_batch_size must be a positive integer; received: "
                    + validationBatchSize + ".");
        }
        this.validationBatchSize = validationBatchSize;
        return this;
    }

    /** Validate every {@code n} epochs (default 1). */
    public FitOptions validationFreq(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("validation_freq must be >= 1; received: validation_freq=" + n + ".");
        }
        this.validationFreq = n;
        return this;
    }

    /**
     * Batches per epoch (required for a plain generator; a Sequence defaults to its {@code size()}, arrays to
     * {@code ceil(N / batchSize)}). With arrays, as Keras 3: each epoch takes this many batches and the next epoch
     * carries on where it stopped; when a pass over the arrays is used up inside an epoch, that epoch ends early
     * with Keras's "ran out of data" warning and the next starts a new (reshuffled) pass (N=10, batch 4, 2 steps:
     * epochs of 2, 1, 2, 1 batches); without {@link #batchSize} the batch size is {@code ceil(N / steps)}. With a
     * Sequence, more steps than {@code size()} continue into a freshly shuffled pass, fewer stop early; every
     * epoch starts a new pass.
     */
    public FitOptions stepsPerEpoch(int steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException("steps_per_epoch must be a positive integer; received: steps_per_epoch="
                    + steps + ".");
        }
        this.stepsPerEpoch = steps;
        return this;
    }

    /**
     * Batches per validation run (required for a plain generator); every run starts at the beginning of the
     * validation data (arrays or Sequence), as Keras 3's evaluate does.
     */
    public FitOptions validationSteps(int steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException("validation_steps must be a positive integer; received: validation_steps="
                    + steps + ".");
        }
        this.validationSteps = steps;
        return this;
    }

    /** Most batches loaded ahead of training by the workers (default 10). */
    public FitOptions maxQueueSize(int maxQueueSize) {
        loader.maxQueueSize(maxQueueSize);
        return this;
    }

    /**
     * Loader threads (or processes) for a Sequence (default 1); 0 loads on the training thread. A plain generator
     * is always read by exactly one thread: more workers are refused (use a Sequence to load in parallel).
     */
    public FitOptions workers(int workers) {
        loader.workers(workers);
        return this;
    }

    /** Load Sequence batches in child JVMs instead of threads (the Sequence must be Serializable). */
    public FitOptions useMultiprocessing(boolean useMultiprocessing) {
        loader.useMultiprocessing(useMultiprocessing);
        return this;
    }

    /**
     * jkeras extension (Keras has none; default: none): the longest one batch may take to load on a worker thread or
     * process; a {@code get} (or generator {@code next}) running longer ends the call with a
     * {@link org.jkeras.data.DataException} naming the batch index and the timeout (cause: a
     * {@code TimeoutException}), and its threads and processes are stopped. Not applied with {@code workers(0)}.
     * {@code null} turns it off. See {@link WorkerOptions}.
     */
    public FitOptions batchTimeout(Duration timeout) {
        loader.batchTimeout(timeout);
        return this;
    }

    /**
     * jkeras extension: JVM options for each worker process with {@code useMultiprocessing(true)}, one per string,
     * e.g. {@code workerJvmOptions("-Xmx2g")}. Without a heap option a worker gets a quarter of this JVM's max heap
     * (256 MiB .. 4 GiB). See {@link WorkerOptions}.
     */
    public FitOptions workerJvmOptions(String... options) {
        loader.workerJvmOptions(options);
        return this;
    }

    /** Both worker settings at once (replaces {@link #batchTimeout} and {@link #workerJvmOptions}). */
    public FitOptions workerOptions(WorkerOptions options) {
        loader.workerOptions(options);
        return this;
    }

    /** Validate on a Sequence at the end of each epoch (loaded with the same workers settings). */
    public FitOptions validationData(Sequence validation) {
        if (validation == null) {
            throw new IllegalArgumentException("validation_data is null; pass a Sequence, a generator or arrays.");
        }
        clearValidationData();
        this.validationSequence = validation;
        return this;
    }

    /** Validate on a generator at the end of each epoch; needs {@link #validationSteps}. */
    public FitOptions validationData(Iterator<Batch> validation) {
        if (validation == null) {
            throw new IllegalArgumentException("validation_data is null; pass a Sequence, a generator or arrays.");
        }
        clearValidationData();
        this.validationGenerator = validation;
        return this;
    }

    /** Seed of the shuffling stream (default: drawn from the global seed stream, see {@code Seeds}). */
    public FitOptions seed(long seed) {
        this.seed = seed;
        return this;
    }
}
