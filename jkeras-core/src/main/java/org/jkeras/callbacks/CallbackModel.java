package org.jkeras.callbacks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jkeras.optimizers.Optimizer;
import org.jkeras.tensor.Tensor;

/**
 * What a {@link Callback} may see and do of the model it is attached to (Keras's {@code callback.model}):
 * stop training, read and change the optimizer's learning rate, read and write the weights, save. It is
 * declared here, below the training package, so that callbacks never depend on the trainer's insides; the
 * trainer implements it.
 *
 * <pre>{@code
 * public void onEpochEnd(int epoch, Map<String, Double> logs) {
 *     if (logs.get("loss") < 0.01) model().setStopTraining(true);
 *     model().optimizer().setLearningRate(model().optimizer().learningRate() * 0.5);
 * }
 * }</pre>
 */
public interface CallbackModel {
    /** The model's name. */
    String name();

    /** Keras's {@code model.stop_training}: when set, fit stops after the current batch's hooks. */
    boolean stopTraining();

    void setStopTraining(boolean stop);

    /** The compiled optimizer (learning rate, iterations); null before compile. */
    Optimizer optimizer();

    /** All weights in Keras's {@code get_weights()} order, as copies. */
    List<Tensor> getWeights();

    /** Sets all weights in {@code get_weights()} order. */
    void setWeights(List<Tensor> weights);

    /** Saves the whole model (by extension: {@code .keras} or legacy {@code .h5}), atomically. */
    void save(Path path) throws IOException;

    /** Saves the weights only ({@code .weights.h5}), atomically. */
    void saveWeights(Path path) throws IOException;

    /** Loads weights saved by {@link #saveWeights}. */
    void loadWeights(Path path) throws IOException;

    /** The architecture as Keras's {@code model.to_json()}. */
    String toJson();

    /**
     * Keras's {@code metric._direction} of the compiled metric named {@code metricName} (e.g. {@code "accuracy"}):
     * {@code "up"}, {@code "down"}, or null when no compiled metric has that name or it does not say. Read by
     * the monitoring callbacks in mode {@code "auto"}.
     */
    String metricDirection(String metricName);

    /**
     * Every weight by Keras's variable path, {@code <model>/<layer>/<variable>} (e.g. {@code sequential/dense/kernel}),
     * in {@code get_weights()} order, as copies. TensorBoard names its histograms after these paths.
     */
    Map<String, Tensor> weightsByPath();

    /**
     * Keras's {@code model._initial_epoch} set from {@code on_train_begin}: the running {@code fit} starts at this
     * epoch instead of {@code initialEpoch}, as if the epochs before it had run (their shuffles are drawn, so the
     * data order of the later epochs is the uninterrupted run's). BackupAndRestore uses it to resume.
     */
    void setInitialEpoch(int epoch);
}
