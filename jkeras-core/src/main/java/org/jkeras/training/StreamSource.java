package org.jkeras.training;

import java.util.Map;
import org.jkeras.data.Batch;
import org.jkeras.data.BatchStream;
import org.jkeras.tensor.Tensor;

/**
 * Adapts a {@link BatchStream} (a {@code Sequence} or generator, possibly loaded by parallel workers) to the
 * training loop: {@code steps} batches per epoch (or the Sequence's size, or until a generator ends), with class
 * weights turned into sample weights batch by batch.
 */
final class StreamSource implements EpochSource {
    private final BatchStream stream;
    private final int steps;
    private final Map<Integer, Double> classWeight;
    private final boolean needTargets;

    /** {@code steps} per epoch, or -1 for the Sequence's size / a generator's end. */
    StreamSource(BatchStream stream, int steps, Map<Integer, Double> classWeight, boolean needTargets) {
        this.stream = stream;
        this.steps = steps;
        this.classWeight = classWeight;
        this.needTargets = needTargets;
    }

    @Override
    public int startEpoch(int epoch) {
        stream.startEpoch(epoch, steps);
        return stream.stepsThisEpoch();
    }

    @Override
    public Tensor[] next() {
        Batch b = stream.next();
        if (b == null) {
            return null;
        }
        if (needTargets && !b.hasTargets()) {
            throw new IllegalArgumentException("A batch without targets reached fit()/evaluate(): batch " + b
                    + ". Training and evaluation need Batch.of(inputs, targets); use predict() for inputs only.");
        }
        Tensor y = b.hasTargets() ? b.targets() : null;
        Tensor w = b.sampleWeights();
        if (classWeight != null && y != null) {
            Tensor cw = Trainer.classWeights(y, classWeight);
            w = w == null ? cw : w.mul(cw);
        }
        return new Tensor[] {b.inputs(), y, w};
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
