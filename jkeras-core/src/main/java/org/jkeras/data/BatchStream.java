package org.jkeras.data;

/**
 * The one interface the training loops read data through, whatever the source (a {@link Sequence} with or
 * without workers or processes, or a generator). Create one with {@link BatchStreams}.
 *
 * <pre>{@code
 * try (BatchStream data = BatchStreams.forSequence(seq, workers, maxQueueSize, shuffle, seed, false)) {
 *     for (int epoch = 0; epoch < epochs; epoch++) {
 *         data.startEpoch(epoch, stepsPerEpoch);        // -1: the Sequence's size()
 *         for (int step = 0; step < data.stepsThisEpoch(); step++) {
 *             Batch b = data.next();
 *             if (b == null) {                          // a finite generator ran out
 *                 warn(BatchStreams.RAN_OUT_OF_DATA_WARNING);
 *                 break;
 *             }
 *             trainOnBatch(b);
 *         }
 *         data.endEpoch();                              // Sequence.onEpochEnd(), on this thread
 *     }
 * }                                                     // close(): no thread or child process left
 * }</pre>
 *
 * <p><b>Protocol.</b> {@code startEpoch}, then {@code next} up to the epoch's steps, then {@code endEpoch}; repeat;
 * {@code close} at the end (also on error). All methods are called from one thread, the caller's. Any failure of
 * the source is thrown by {@code startEpoch}, {@code next} or {@code endEpoch} as a {@link DataException} naming
 * the batch index, within a bounded time; background failures are reported at the next {@code next()} call (or wake
 * one that is waiting), even when batches before the failed one are still queued.
 */
public interface BatchStream extends AutoCloseable {
    /** {@code startEpoch(epoch, -1)}: the epoch has {@code size()} steps for a Sequence, is unbounded for a generator. */
    default void startEpoch(int epoch) {
        startEpoch(epoch, -1);
    }

    /**
     * Begins epoch {@code epoch} (0-based, as in callbacks) of {@code steps} batches ({@code -1}: a Sequence's
     * {@code size()}, read now; unbounded for a generator). For a Sequence this calls {@code onEpochBegin()} and
     * {@code size()} on the caller's thread and starts fetching; the epoch's order is index order, or a
     * permutation seeded by {@code (seed, epoch)} when shuffling. A Sequence epoch always starts at the beginning
     * of a pass; with {@code steps > size()} the epoch continues into a new pass (a new permutation).
     */
    void startEpoch(int epoch, int steps);

    /**
     * The steps of the current epoch: as given to {@link #startEpoch(int, int)}, or the Sequence's size for -1;
     * -1 for a generator started with -1 (unbounded).
     */
    int stepsThisEpoch();

    /**
     * The next batch of the epoch, waiting for it if needed; {@code null} when the epoch's steps are all consumed
     * or a generator is exhausted (then {@link #exhausted()} is true).
     *
     * @throws DataException when the source failed (the source's exception is the cause), or the caller was
     *         interrupted while waiting (the interrupt flag is kept set)
     */
    Batch next();

    /** True once a finite generator has ended; a Sequence stream is never exhausted. */
    boolean exhausted();

    /**
     * Ends the epoch: stops fetching (work that is not needed any more is dropped, running {@code get} calls are
     * waited for), then calls the Sequence's {@code onEpochEnd()} on the caller's thread. When the epoch ends early,
     * a failure of a batch that was fetched ahead but never delivered is dropped with it (a dead worker process is
     * not: it is reported by the next {@code startEpoch} or {@code next}). Nothing for generators:
     * their read-ahead (at most {@code maxQueueSize} batches) carries over to the next epoch.
     */
    void endEpoch();

    /** Stops every background thread and child process and waits for them to end; idempotent, never throws. */
    @Override
    void close();
}
