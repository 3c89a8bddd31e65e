package org.jkeras.training;

import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;
import org.jkeras.data.Batch;
import org.jkeras.data.BatchStreams;
import org.jkeras.data.Sequence;
import org.jkeras.data.WorkerOptions;
import org.jkeras.tensor.Tensor;

/**
 * The one factory from data to a {@link DataAdapter} (Keras 3's {@code get_data_adapter}), used for the training
 * data of fit, its validation data, and the data of evaluate and predict alike: in-memory arrays become an
 * {@link ArrayDataAdapter}, a {@link Sequence} or a generator a {@link StreamDataAdapter} with its loaders. An
 * option that cannot apply to the kind of data given is an error here, never silently dropped.
 *
 * <pre>{@code
 * DataAdapter train = DataAdapters.get(flattener, Source.arrays(flat), Settings.training(o, batchSize));
 * DataAdapter val = DataAdapters.get(flattener, Source.of(o.validationSequence), Settings.validation(o));
 * }</pre>
 */
final class DataAdapters {
    private DataAdapters() {}

    /** What the user gave: flat arrays in model order, a Sequence, or a generator (exactly one is set). */
    static final class Source {
        final Tensor[] arrays;
        final Sequence sequence;
        final Iterator<Batch> generator;

        private Source(Tensor[] arrays, Sequence sequence, Iterator<Batch> generator) {
            this.arrays = arrays;
            this.sequence = sequence;
            this.generator = generator;
        }

        static Source arrays(Tensor[] flat) {
            return new Source(flat, null, null);
        }

        static Source of(Sequence sequence) {
            return new Source(null, sequence, null);
        }

        static Source of(Iterator<Batch> generator) {
            return new Source(null, null, generator);
        }

        /** A Sequence to fit on, checked against the options fit cannot apply to it. */
        static Source forFit(Sequence sequence, FitOptions o) {
            checkStreamOptions(o);
            if (sequence == null) {
                throw new IllegalArgumentException("The Sequence passed to fitGenerator() is null.");
            }
            return of(sequence);
        }

        /** A generator to fit on: it needs steps_per_epoch (it has no length). */
        static Source forFit(Iterator<Batch> generator, FitOptions o) {
            checkStreamOptions(o);
            if (generator == null) {
                throw new IllegalArgumentException("The generator passed to fitGenerator() is null.");
            }
            if (o.stepsPerEpoch <= 0) {
                throw new IllegalArgumentException("steps_per_epoch is required when training from a generator (it has "
                        + "no length); e.g. FitOptions.defaults().stepsPerEpoch(100). A Sequence knows its size.");
            }
            return of(generator);
        }

        String kind() {
            return arrays != null ? "arrays" : sequence != null ? "a Sequence" : "a generator";
        }
    }

    /** How to batch and load: the arguments of fit / evaluate / predict that concern the data. */
    static final class Settings {
        String role = "fit()";
        String stepsName = "steps_per_epoch";
        boolean targets = true;
        int batchSize = 32;
        boolean batchSizeGiven = true;
        int steps = -1;
        ArrayDataAdapter.Shuffle shuffle = ArrayDataAdapter.Shuffle.NONE;
        long seed;
        Map<Integer, Double> classWeight;
        int workers = 1;
        int maxQueueSize = 10;
        boolean useMultiprocessing;
        WorkerOptions workerOptions = WorkerOptions.defaults();

        /** The training data of fit. */
        static Settings training(FitOptions o) {
            Settings s = new Settings();
            s.batchSize = o.batchSize;
            s.batchSizeGiven = o.batchSizeGiven;
            s.steps = o.stepsPerEpoch;
            s.shuffle = o.shuffle;
            s.seed = o.seed != null ? o.seed : org.jkeras.tensor.Seeds.next();
            s.classWeight = o.classWeight;
            s.workers = o.loader.workers;
            s.maxQueueSize = o.loader.maxQueueSize;
            s.useMultiprocessing = o.loader.useMultiprocessing;
            s.workerOptions = o.loader.workerOptions;
            return s;
        }

        /** The validation data of fit: never shuffled or class-weighted; a generator is read by one thread. */
        static Settings validation(FitOptions o, boolean stream) {
            Settings s = new Settings();
            s.role = "the validation data of fit()";
            s.stepsName = "validation_steps";
            if (stream && o.validationBatchSize != null) {
                throw new IllegalArgumentException("validation_batch_size=" + o.validationBatchSize + " cannot apply to "
                        + "validation data given as a Sequence or generator (its batches are made by it); remove it, or "
                        + "pass the validation data as arrays.");
            }
            s.batchSize = o.validationBatchSize != null ? o.validationBatchSize : o.batchSize;
            s.steps = o.validationSteps;
            s.workers = o.validationGenerator != null ? Math.min(o.loader.workers, 1) : o.loader.workers;
            s.maxQueueSize = o.loader.maxQueueSize;
            s.useMultiprocessing = o.validationGenerator == null && o.loader.useMultiprocessing;
            s.workerOptions = o.loader.workerOptions;
            return s;
        }

        /** The data of evaluate ({@code targets}) or predict. */
        static Settings inference(EvaluateOptions o, boolean targets) {
            Settings s = new Settings();
            s.role = targets ? "evaluate()" : "predict()";
            s.stepsName = "steps";
            s.targets = targets;
            s.batchSize = o.batchSize;
            s.batchSizeGiven = o.batchSizeGiven;
            s.steps = o.steps;
            s.workers = o.loader.workers;
            s.maxQueueSize = o.loader.maxQueueSize;
            s.useMultiprocessing = o.loader.useMultiprocessing;
            s.workerOptions = o.loader.workerOptions;
            return s;
        }
    }

    /** Keras's {@code get_data_adapter}: the adapter for {@code data} batched and loaded as {@code s} says. */
    static DataAdapter get(DataFlattener f, Source data, Settings s) {
        if (data.arrays != null) {
            Tensor[] flat = data.arrays;
            if (s.classWeight != null) {
                flat = f.withClassWeights(flat, s.classWeight);
            }
            int n = flat[0].dim(0);
            // Keras 3: steps without a batch size give batches of ceil(N / steps)
            int batch = !s.batchSizeGiven && s.steps > 0 ? Math.max(1, (n + s.steps - 1) / s.steps) : s.batchSize;
            SplittableRandom random = s.shuffle == ArrayDataAdapter.Shuffle.NONE ? null : new SplittableRandom(s.seed);
            return new ArrayDataAdapter(flat, batch, s.shuffle, random, s.steps);
        }
        if (s.shuffle == ArrayDataAdapter.Shuffle.BATCH) {
            throw new IllegalArgumentException("shuffle=\"batch\" applies to in-memory arrays only, but " + s.role
                    + " received " + data.kind() + ", which makes its own batches; use shuffle(true) (a Sequence's "
                    + "batch order is then shuffled) or shuffle(false).");
        }
        if (data.sequence != null) {
            int steps = s.steps > 0 ? s.steps : data.sequence.size();
            return new StreamDataAdapter(BatchStreams.forSequence(data.sequence, s.workers, s.maxQueueSize,
                    s.shuffle == ArrayDataAdapter.Shuffle.ROWS, s.seed, s.useMultiprocessing, s.workerOptions), steps,
                    f.batchConverter(s.targets, s.classWeight));
        }
        if (data.generator == null) {
            throw new IllegalArgumentException("The data passed to " + s.role + " is null.");
        }
        return new StreamDataAdapter(BatchStreams.forGenerator(data.generator, s.maxQueueSize, s.workers,
                s.useMultiprocessing, s.workerOptions), s.steps, f.batchConverter(s.targets, s.classWeight));
    }

    /**
     * The validation data of fit, resolved in one place for every kind of training data: {@code validationData}
     * (arrays, a Sequence or a generator, whichever was given last), else the {@code validationSplit} tail
     * {@code split} of the training arrays, else none.
     */
    static DataAdapter validation(DataFlattener f, FitOptions o, Tensor[] split) {
        if (o.validationX != null) {
            Tensor[] flat = f.arrays(o.validationX, o.validationY, o.validationSampleWeight, "validation x",
                    "validation y");
            return get(f, Source.arrays(flat), Settings.validation(o, false));
        }
        if (o.validationSequence != null) {
            return get(f, Source.of(o.validationSequence), Settings.validation(o, true));
        }
        if (o.validationGenerator != null) {
            if (o.validationSteps <= 0) {
                throw new IllegalArgumentException("validation_steps is required when validating on a generator; e.g. "
                        + "FitOptions.defaults().validationSteps(10).");
            }
            return get(f, Source.of(o.validationGenerator), Settings.validation(o, true));
        }
        return split == null ? null : get(f, Source.arrays(split), Settings.validation(o, false));
    }

    /**
     * Loader options (workers, max_queue_size, use_multiprocessing) given to a call whose data are all arrays: they
     * cannot apply (arrays are sliced in memory), so they are refused rather than ignored.
     */
    static void checkLoaderOptions(Map<String, Object> given, String role, boolean anyStream) {
        if (!given.isEmpty() && !anyStream) {
            throw new IllegalArgumentException(given.keySet().iterator().next() + "="
                    + given.values().iterator().next() + " applies to the loaders of a Sequence or generator, but "
                    + role + " received in-memory arrays only, which are batched without loaders; remove "
                    + given.keySet() + " or pass a Sequence.");
        }
    }

    /** Options of fit that a Sequence or generator cannot take. */
    static void checkStreamOptions(FitOptions o) {
        if (o.validationSplit > 0) {
            throw new IllegalArgumentException("validation_split=" + o.validationSplit + " is not supported with a Sequence "
                    + "or generator (it cannot be split); pass validationData(...) instead.");
        }
        if (o.sampleWeight != null) {
            throw new IllegalArgumentException("sample_weight cannot be given separately with a Sequence or generator; "
                    + "return it from the batches: Batch.of(x, y, sampleWeights).");
        }
    }

    /** Rows {@code [from, to)} of every array (views; null entries stay null). */
    static Tensor[] slice(Tensor[] flat, int from, int to) {
        Tensor[] out = new Tensor[flat.length];
        for (int i = 0; i < flat.length; i++) {
            out[i] = flat[i] == null ? null : flat[i].slice(from, to);
        }
        return out;
    }

    /**
     * {@code {train, validation}}: the arrays split by {@code validationSplit} (Keras: the tail, before
     * shuffling, {@code floor(N·(1 − v))} training rows, the user's weights sliced too), or {@code {flat, null}}
     * when validation data was given or there is no split.
     */
    static Tensor[][] validationSplit(Tensor[] flat, FitOptions o) {
        if (o.hasValidationData() || o.validationSplit <= 0) {
            return new Tensor[][] {flat, null};
        }
        int n = flat[0].dim(0);
        int splitAt = (int) Math.floor(n * (1.0 - o.validationSplit));
        if (splitAt == 0 || splitAt == n) {
            throw new IllegalArgumentException("validation_split=" + o.validationSplit + " leaves " + splitAt
                    + " training and " + (n - splitAt) + " validation samples out of " + n
                    + "; both parts must be non-empty. Use a split between 1/N and 1 - 1/N.");
        }
        return new Tensor[][] {slice(flat, 0, splitAt), slice(flat, splitAt, n)};
    }
}
