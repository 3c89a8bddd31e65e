package org.jkeras.callbacks;

import java.util.Map;

/**
 * Keras's {@code Callback}: hooks called by {@code fit}, {@code evaluate} and {@code predict}. Every hook
 * receives the batch or epoch index and a logs map (Keras 3: a copy with the trainer's keys sorted, holding
 * running values of {@code loss} and the metrics; {@code val_*} keys at epoch end; a key put by a callback is
 * seen by the callbacks after it, History included). Set {@code model().setStopTraining(true)} to stop training
 * after the current batch. The hooks and their order are listed in {@code KERAS-SEMANTICS.md} §9.2: fit calls
 * {@code onTrainBegin}, per epoch {@code onEpochBegin}, per batch {@code onTrainBatchBegin/End}, the validation's
 * {@code onTestBegin}, {@code onTestBatchBegin/End}, {@code onTestEnd}, then {@code onEpochEnd}, and finally
 * {@code onTrainEnd}; evaluate calls the test hooks, predict the predict hooks. {@link #onBatchBegin} and
 * {@link #onBatchEnd} are Keras's backwards-compatible aliases: the default train-batch hooks call them.
 *
 * <pre>{@code
 * Callback printer = new Callback() {
 *     public void onEpochEnd(int epoch, Map<String, Double> logs) {
 *         System.out.println("epoch " + epoch + " loss " + logs.get("loss"));
 *     }
 * };
 * model.fit(x, y, FitOptions.defaults().callbacks(printer));
 * }</pre>
 */
public abstract class Callback {
    private CallbackModel model;
    private Map<String, Object> params = Map.of();

    /** Called once before training with the model being trained. */
    public void setModel(CallbackModel model) {
        this.model = model;
    }

    /** The model this callback is attached to (null before {@link #setModel}). */
    public CallbackModel model() {
        return model;
    }

    /** Keras's {@code params}: {@code verbose}, {@code epochs}, {@code steps}. */
    public void setParams(Map<String, Object> params) {
        this.params = params;
    }

    public Map<String, Object> params() {
        return params;
    }

    public void onTrainBegin(Map<String, Double> logs) {}

    public void onTrainEnd(Map<String, Double> logs) {}

    public void onEpochBegin(int epoch, Map<String, Double> logs) {}

    public void onEpochEnd(int epoch, Map<String, Double> logs) {}

    /** Keras's {@code on_batch_begin}: the legacy name of {@link #onTrainBatchBegin}, which calls it by default. */
    public void onBatchBegin(int batch, Map<String, Double> logs) {}

    /** Keras's {@code on_batch_end}: the legacy name of {@link #onTrainBatchEnd}, which calls it by default. */
    public void onBatchEnd(int batch, Map<String, Double> logs) {}

    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
        onBatchBegin(batch, logs);
    }

    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        onBatchEnd(batch, logs);
    }

    public void onTestBegin(Map<String, Double> logs) {}

    public void onTestEnd(Map<String, Double> logs) {}

    public void onTestBatchBegin(int batch, Map<String, Double> logs) {}

    public void onTestBatchEnd(int batch, Map<String, Double> logs) {}

    public void onPredictBegin(Map<String, Double> logs) {}

    public void onPredictEnd(Map<String, Double> logs) {}

    public void onPredictBatchBegin(int batch, Map<String, Double> logs) {}

    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {}
}
