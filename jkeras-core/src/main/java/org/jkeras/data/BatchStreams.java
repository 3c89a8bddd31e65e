package org.jkeras.data;

import java.util.Iterator;
import java.util.Objects;

/**
 * Creates the {@link BatchStream} behind {@code fit}, {@code evaluate} and {@code predict} with a {@link Sequence}
 * or a generator, with Keras's {@code workers}, {@code max_queue_size}, {@code use_multiprocessing} and
 * {@code shuffle} arguments.
 *
 * <pre>{@code
 * // predict: index order, two threads decoding ahead
 * try (BatchStream s = BatchStreams.forSequence(seq, 2, 10, false, 0L, false)) {
 *     s.startEpoch(0);
 *     for (Batch b; (b = s.next()) != null; ) { outputs.add(model.predictOnBatch(b.inputs())); }
 *     s.endEpoch();
 * }
 * // a generator: one producer thread, never more
 * try (BatchStream g = BatchStreams.forGenerator(Generators.of(lines), 10, 1)) { ... }
 * }</pre>
 *
 * <p><b>Semantics</b> (KERAS-SEMANTICS.md §8.6):
 * <ul>
 *   <li>Sequence batches arrive in index order, or in the epoch's permutation seeded by {@code (seed, epoch)} when
 *       {@code shuffle} is on — the same order for every {@code workers} value, including 0 (unlike Keras 2, which
 *       never shuffles with {@code workers = 0}).</li>
 *   <li>At most {@code maxQueueSize} batches are requested but not yet consumed (computing or finished); at most
 *       {@code workers} {@code get} calls run at once. Fetching never runs ahead into the next epoch, so
 *       {@code onEpochBegin}/{@code onEpochEnd} never overlap {@code get}.</li>
 *   <li>A generator is read by exactly one thread (the caller's with {@code workers = 0}, else one producer
 *       thread), at most {@code maxQueueSize} batches ahead of the consumer, across epoch boundaries.</li>
 *   <li>Failures surface as {@link DataException} on the caller's thread, naming the batch index, with the source's
 *       exception as the cause. {@code close()} leaves no {@code jkeras-data-*} thread and no child process.</li>
 *   <li>jkeras extensions ({@link WorkerOptions}): an optional per-batch timeout, off by default as in Keras, and the
 *       JVM options of worker processes, whose heap is otherwise derived from this JVM's.</li>
 * </ul>
 */
public final class BatchStreams {
    /**
     * Keras 3's warning when a finite input ends before {@code stepsPerEpoch * epochs} batches
     * ({@code keras/src/trainers/epoch_iterator.py}, {@code _interrupted_warning}); the loop prints it once when
     * {@link BatchStream#next()} returns null with {@link BatchStream#exhausted()} true.
     */
    public static final String RAN_OUT_OF_DATA_WARNING = "Your input ran out of data; interrupting training. "
            + "Make sure that your dataset or generator can generate at least `steps_per_epoch * epochs` batches. "
            + "You may need to use the `.repeat()` function when building your dataset.";

    private BatchStreams() {
    }

    /**
     * A stream over a Sequence.
     *
     * @param workers            0: {@code get} runs on the caller's thread; n: n threads (or n child JVMs) fetch ahead
     * @param maxQueueSize       at least 1: batches requested but not yet consumed
     * @param shuffle            visit each epoch's indices in a permutation seeded by {@code (seed, epoch)}
     * @param seed               the shuffle seed
     * @param useMultiprocessing workers are child JVMs (the Sequence must be {@code Serializable}; checked now,
     *                           before any process starts); ignored when {@code workers = 0}
     */
    public static BatchStream forSequence(Sequence seq, int workers, int maxQueueSize, boolean shuffle, long seed,
            boolean useMultiprocessing) {
        return forSequence(seq, workers, maxQueueSize, shuffle, seed, useMultiprocessing, WorkerOptions.defaults());
    }

    /**
     * A stream over a Sequence, with a batch timeout and worker JVM options (see {@link WorkerOptions}).
     *
     * @param options the batch timeout (applies with {@code workers >= 1}) and the worker processes' JVM options
     */
    public static BatchStream forSequence(Sequence seq, int workers, int maxQueueSize, boolean shuffle, long seed,
            boolean useMultiprocessing, WorkerOptions options) {
        Objects.requireNonNull(seq, "sequence is null; pass a Sequence");
        Objects.requireNonNull(options, "options is null; pass WorkerOptions.defaults()");
        checkWorkers(workers);
        checkQueue(maxQueueSize);
        long timeout = options.batchTimeoutNanos();
        if (workers == 0) {
            return new SequenceStream(seq, 0, maxQueueSize, shuffle, seed, null, "direct", 0);
        }
        if (useMultiprocessing) {
            return new SequenceStream(seq, workers, maxQueueSize, shuffle, seed, new ProcessWorkers(seq, options),
                    "process", timeout);
        }
        return new SequenceStream(seq, workers, maxQueueSize, shuffle, seed, null, "worker", timeout);
    }

    /** {@code forGenerator(generator, maxQueueSize, workers, false)}. */
    public static BatchStream forGenerator(Iterator<Batch> generator, int maxQueueSize, int workers) {
        return forGenerator(generator, maxQueueSize, workers, false);
    }

    /**
     * A stream over a generator, read by exactly one thread.
     *
     * @param workers            0: the caller's thread reads it; 1: one background producer thread; more is refused
     * @param useMultiprocessing refused when true (a generator cannot be split across processes without
     *                           duplicating data); use a Sequence
     */
    public static BatchStream forGenerator(Iterator<Batch> generator, int maxQueueSize, int workers,
            boolean useMultiprocessing) {
        return forGenerator(generator, maxQueueSize, workers, useMultiprocessing, WorkerOptions.defaults());
    }

    /**
     * A stream over a generator with a batch timeout (see {@link WorkerOptions}; it applies with {@code workers = 1}).
     */
    public static BatchStream forGenerator(Iterator<Batch> generator, int maxQueueSize, int workers,
            boolean useMultiprocessing, WorkerOptions options) {
        Objects.requireNonNull(generator, "generator is null; pass an Iterator<Batch> (see Generators.of)");
        Objects.requireNonNull(options, "options is null; pass WorkerOptions.defaults()");
        checkWorkers(workers);
        checkQueue(maxQueueSize);
        if (workers > 1) {
            throw new IllegalArgumentException("workers=" + workers + " with a generator: a generator (Iterator) is "
                    + "read by exactly one thread, so extra workers could only duplicate or reorder its batches. "
                    + "For parallel loading write a Sequence (size() and get(index)) instead; otherwise pass "
                    + "workers=1 (one background thread) or workers=0 (read on the training thread).");
        }
        if (useMultiprocessing && workers > 0) {
            throw new IllegalArgumentException("useMultiprocessing=true with a generator: every process would "
                    + "replay its own copy of the generator, duplicating data. Use a Sequence (Serializable, "
                    + "index-addressable) for worker processes, or pass useMultiprocessing=false.");
        }
        return new GeneratorStream(generator, maxQueueSize, workers == 1, workers == 1 ? options.batchTimeoutNanos() : 0);
    }

    private static void checkWorkers(int workers) {
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be >= 0 (0 = load on the training thread); received "
                    + "workers=" + workers + ".");
        }
    }

    private static void checkQueue(int maxQueueSize) {
        if (maxQueueSize < 1) {
            throw new IllegalArgumentException("maxQueueSize must be >= 1 (Keras's default is 10); received "
                    + "maxQueueSize=" + maxQueueSize + ".");
        }
    }
}
