package org.jkeras.callbacks;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Keras's {@code LambdaCallback}: a callback made of functions, each optional. Epoch and batch functions take the
 * index and the logs; train functions take the logs.
 *
 * <pre>{@code
 * Callback printer = new LambdaCallback()
 *     .onEpochEnd((epoch, logs) -> System.out.println(epoch + " " + logs.get("loss")))
 *     .onTrainEnd(logs -> System.out.println("done"));
 * }</pre>
 */
public final class LambdaCallback extends Callback {
    private BiConsumer<Integer, Map<String, Double>> epochBegin, epochEnd, trainBatchBegin, trainBatchEnd;
    private Consumer<Map<String, Double>> trainBegin, trainEnd;

    public LambdaCallback onEpochBegin(BiConsumer<Integer, Map<String, Double>> f) {
        this.epochBegin = f;
        return this;
    }

    public LambdaCallback onEpochEnd(BiConsumer<Integer, Map<String, Double>> f) {
        this.epochEnd = f;
        return this;
    }

    /** Keras's {@code on_train_batch_begin} (and {@code on_batch_begin}). */
    public LambdaCallback onTrainBatchBegin(BiConsumer<Integer, Map<String, Double>> f) {
        this.trainBatchBegin = f;
        return this;
    }

    /** Keras's {@code on_train_batch_end} (and {@code on_batch_end}). */
    public LambdaCallback onTrainBatchEnd(BiConsumer<Integer, Map<String, Double>> f) {
        this.trainBatchEnd = f;
        return this;
    }

    public LambdaCallback onTrainBegin(Consumer<Map<String, Double>> f) {
        this.trainBegin = f;
        return this;
    }

    public LambdaCallback onTrainEnd(Consumer<Map<String, Double>> f) {
        this.trainEnd = f;
        return this;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        if (epochBegin != null) {
            epochBegin.accept(epoch, logs);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (epochEnd != null) {
            epochEnd.accept(epoch, logs);
        }
    }

    @Override
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
        if (trainBatchBegin != null) {
            trainBatchBegin.accept(batch, logs);
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (trainBatchEnd != null) {
            trainBatchEnd.accept(batch, logs);
        }
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        if (trainBegin != null) {
            trainBegin.accept(logs);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (trainEnd != null) {
            trainEnd.accept(logs);
        }
    }
}
