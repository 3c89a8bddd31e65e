package org.jkeras.training;

import org.jkeras.tensor.Tensor;

/**
 * One epoch's worth of batches for the single loop behind {@code fit}, {@code evaluate} and {@code predict}
 * (Keras 3's epoch iterator): in-memory arrays ({@link ArrayBatches}) or a {@code Sequence} / generator
 * ({@link StreamSource}). A batch is the flat array {@code {x_1..x_I, y_1..y_O, w_1..w_O}} in the model's input and
 * output order, where targets and weights may be null.
 */
interface EpochSource extends AutoCloseable {
    /** Starts epoch {@code epoch}; returns its number of steps, or -1 when it ends only when the data does. */
    int startEpoch(int epoch);

    /** The next batch of the epoch, or null when the epoch's data ended. */
    Tensor[] next();

    /** True when a finite generator ended before the planned steps (Keras's "ran out of data"). */
    boolean ranOut();

    /** Ends the epoch (a Sequence's {@code onEpochEnd}, on the caller's thread). */
    void endEpoch();

    @Override
    void close();
}
