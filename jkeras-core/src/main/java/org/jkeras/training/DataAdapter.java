package org.jkeras.training;

import org.jkeras.tensor.Tensor;

/**
 * One epoch's worth of batches for the loops behind {@code fit}, {@code evaluate} and {@code predict} (Keras 3's
 * {@code DataAdapter}): in-memory arrays ({@link ArrayDataAdapter}) or a {@code Sequence} / generator
 * ({@link StreamDataAdapter}), made by {@link DataAdapters}. A batch is the flat array
 * {@code {x_1..x_I, y_1..y_O, w_1..w_O}} in the model's input and output order, where targets and weights may be
 * null (predict: inputs only).
 *
 * <pre>{@code
 * int steps = data.startEpoch(epoch);
 * for (Tensor[] b; (b = data.next()) != null; ) { ... }
 * data.endEpoch();
 * }</pre>
 */
interface DataAdapter extends AutoCloseable {
    /** Batches per epoch as Keras's {@code params["steps"]}, or -1 when unknown (a generator without steps). */
    int numBatches();

    /** Starts epoch {@code epoch}; returns its planned number of steps, or -1 when it ends only when the data does. */
    int startEpoch(int epoch);

    /** The next batch of the epoch, or null when the epoch (or the data) ended. */
    Tensor[] next();

    /** True when the data ended before the planned steps of this epoch (Keras's "ran out of data"). */
    boolean ranOut();

    /**
     * Whether running out of data stops training (a finite generator cannot be read again) or only ends the
     * epoch early (arrays start a new pass in the next epoch, as Keras 3's EpochIterator does).
     */
    default boolean ranOutStopsTraining() {
        return true;
    }

    /** Ends the epoch (a Sequence's {@code onEpochEnd}, on the caller's thread). */
    void endEpoch();

    /** Forgets where the previous epoch stopped, so the next starts a fresh pass (evaluation, Keras's reset()). */
    default void reset() {
    }

    @Override
    void close();
}
