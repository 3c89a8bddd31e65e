package org.jkeras.callbacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dispatches each hook to a list of callbacks in order, as Keras 3's {@code CallbackList}: the user's
 * callbacks first, then {@link History}, then the {@link ProgbarLogger} (so the bar prints last). Each dispatch
 * hands every callback the same copy of the logs (Keras's {@code pythonify_logs}): the trainer's keys in sorted
 * order ({@code accuracy, loss, val_accuracy, val_loss}), in a map that keeps insertion order, so a key a callback
 * adds ({@code learning_rate}) comes after them, and every later callback of that dispatch (History, the progress
 * bar) sees it there — as Keras 3's History and printed lines show it.
 *
 * <pre>{@code
 * CallbackList list = CallbackList.forFit(userCallbacks, history, verbose, model, params);
 * list.onEpochBegin(0, Map.of());
 * }</pre>
 */
public final class CallbackList extends Callback {
    private final List<Callback> callbacks;

    public CallbackList(List<Callback> callbacks) {
        this.callbacks = new ArrayList<>(callbacks);
    }

    /**
     * The list Keras 3 builds: user callbacks, a History unless one was given, a ProgbarLogger when
     * {@code verbose != 0} and none was given.
     */
    public static CallbackList build(List<Callback> user, History history, int verbose, CallbackModel model,
                                     Map<String, Object> params) {
        List<Callback> all = new ArrayList<>(user);
        if (history != null && user.stream().noneMatch(c -> c instanceof History)) {
            all.add(history);
        }
        if (verbose != 0 && user.stream().noneMatch(c -> c instanceof ProgbarLogger)) {
            all.add(new ProgbarLogger());
        }
        CallbackList list = new CallbackList(all);
        list.setModel(model);
        list.setParams(params);
        return list;
    }

    public List<Callback> callbacks() {
        return Collections.unmodifiableList(callbacks);
    }

    /**
     * Keras's {@code pythonify_logs}: a fresh, mutable copy with the keys sorted, keeping later insertions last. The
     * values are rounded to float32: in Keras they are float32 tensors turned into Python floats, so History, CSVLogger
     * ({@code 0.44999998807907104}) and TensorBoard hold exactly those values.
     */
    static Map<String, Double> copy(Map<String, Double> logs) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (logs != null) {
            for (Map.Entry<String, Double> e : new TreeMap<>(logs).entrySet()) {
                Double v = e.getValue();
                out.put(e.getKey(), v == null ? null : (double) v.floatValue());
            }
        }
        return out;
    }

    @Override
    public void setModel(CallbackModel model) {
        super.setModel(model);
        for (Callback c : callbacks) c.setModel(model);
    }

    @Override
    public void setParams(Map<String, Object> params) {
        super.setParams(params);
        for (Callback c : callbacks) c.setParams(params);
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        Map<String, Double> l = copy(logs);
        for (Callback c : callbacks) c.onTrainBegin(l);
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        Map<String, Double> l = copy(logs);
        for (Callback c : callbacks) c.onTrainEnd(l);
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        Map<String, Double> l = copy(logs);
        for (Callback c : callbacks) c.onEpochBegin(epoch, l);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Map<String, Double> l = copy(logs);
        for (Callback c : callbacks) c.onEpochEnd(epoch, l);
    }

    @Override
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
        Map<String, Double> l = copy(logs);
        for (Callback c : callbacks) c.onTrainBatchBegin(batch, l);
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Map<String, Double> l = copy(logs);
        for (Callback c : callbacks) c.onTrainBatchEnd(batch, l);
    }

    @Override
    public void onTestBegin(Map<String, Double> logs) {
        Map<String, Double> l = copy(logs);
        for (Callback c : callbacks) c.onTestBegin(l);
    }

    @Override
    public void onTestEnd(Map<String, Double> logs) {
        Map<String, Double> l = copy(logs);
        for (Callback c : callbacks) c.onTestEnd(l);
    }

    @Override
    public void onTestBatchBegin(int batch, Map<String, Double> logs) {
        Map<String, Double> l = copy(logs);
        for (Callback c : callbacks) c.onTestBatchBegin(batch, l);
    }

    @Override
    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
        Map<String, Double> l = copy(logs);
        for (Callback c : callbacks) c.onTestBatchEnd(batch, l);
    }

    @Override
    public void onPredictBegin(Map<String, Double> logs) {
        Map<String, Double> l = copy(logs);
        for (Callback c : callbacks) c.onPredictBegin(l);
    }

    @Override
    public void onPredictEnd(Map<String, Double> logs) {
        Map<String, Double> l = copy(logs);
        for (Callback c : callbacks) c.onPredictEnd(l);
    }

    @Override
    public void onPredictBatchBegin(int batch, Map<String, Double> logs) {
        Map<String, Double> l = copy(logs);
        for (Callback c : callbacks) c.onPredictBatchBegin(batch, l);
    }

    @Override
    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
        Map<String, Double> l = copy(logs);
        for (Callback c : callbacks) c.onPredictBatchEnd(batch, l);
    }
}
