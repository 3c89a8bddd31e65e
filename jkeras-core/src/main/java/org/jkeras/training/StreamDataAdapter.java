package org.jkeras.training;

import java.util.function.Function;
import org.jkeras.data.Batch;
import org.jkeras.data.BatchStream;
import org.jkeras.tensor.Tensor;

/**
 * Adapts a {@link BatchStream} (a {@code Sequence} or generator, possibly loaded by parallel workers) to the
 * training loop: {@code steps} batches per epoch (or the Sequence's size, or until a generator ends), each batch's
 * structures (Tensor, List or Map) flattened into the model's order by the trainer's converter.
 *
 * <pre>{@code
 * DataAdapter d = new StreamDataAdapter(BatchStreams.forSequence(seq, 1, 10, false, 0L, false), -1, converter);
 * }</pre>
 */
final class StreamDataAdapter implements DataAdapter {
    private final BatchStream stream;
    private final int steps;
    private final Function<Batch, Tensor[]> convert;

    /** {@code steps} per epoch, or -1 for the Sequence's size / a generator's end. */
    StreamDataAdapter(BatchStream stream, int steps, Function<Batch, Tensor[]> convert) {
        this.stream = stream;
        this.steps = steps;
        this.convert = convert;
    }

    @Override
    public int numBatches() {
        return steps;
    }

    @Override
    public int startEpoch(int epoch) {
        stream.startEpoch(epoch, steps);
        return stream.stepsThisEpoch();
    }

    @Override
    public Tensor[] next() {
        Batch b = stream.next();
        return b == null ? null : convert.apply(b);
    }

    @Override
    public boolean ranOut() {
        return stream.exhausted();
    }

    @Override
    public void endEpoch() {
        stream.endEpoch();
    }

    @Override
    public void close() {
        stream.close();
    }
}
