package org.jkeras.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.callbacks.Callback;
import org.jkeras.callbacks.History;
import org.jkeras.data.Batch;
import org.jkeras.data.Sequence;
import org.jkeras.layers.core.Dense;
import org.jkeras.models.Sequential;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The callback protocol of KERAS-SEMANTICS.md §9.1-9.3, hook by hook: the exact sequence of hooks of fit (with
 * validation), evaluate and predict, the logs keys each hook receives, params, and the key order of Keras 3's
 * logs (sorted trainer keys, then keys added by callbacks). Expected sequences are built here from §9.2's
 * description, independently of the trainer.
 */
class CallbackProtocolTest {

    /** Records "hook index keys" for every hook. */
    static final class Recorder extends Callback {
        final List<String> calls = new ArrayList<>();
        final List<Map<String, Object>> params = new ArrayList<>();

        private void add(String hook, int index, Map<String, Double> logs) {
            calls.add(hook + (index < 0 ? "" : " " + index) + " " + new ArrayList<>(logs.keySet()));
        }

        @Override public void setParams(Map<String, Object> p) { super.setParams(p); params.add(p); }
        @Override public void onTrainBegin(Map<String, Double> l) { add("train_begin", -1, l); }
        @Override public void onTrainEnd(Map<String, Double> l) { add("train_end", -1, l); }
        @Override public void onEpochBegin(int e, Map<String, Double> l) { add("epoch_begin", e, l); }
        @Override public void onEpochEnd(int e, Map<String, Double> l) { add("epoch_end", e, l); }
        @Override public void onTrainBatchBegin(int b, Map<String, Double> l) { add("train_batch_begin", b, l); }
        @Override public void onTrainBatchEnd(int b, Map<String, Double> l) { add("train_batch_end", b, l); }
        @Override public void onTestBegin(Map<String, Double> l) { add("test_begin", -1, l); }
        @Override public void onTestEnd(Map<String, Double> l) { add("test_end", -1, l); }
        @Override public void onTestBatchBegin(int b, Map<String, Double> l) { add("test_batch_begin", b, l); }
        @Override public void onTestBatchEnd(int b, Map<String, Double> l) { add("test_batch_end", b, l); }
        @Override public void onPredictBegin(Map<String, Double> l) { add("predict_begin", -1, l); }
        @Override public void onPredictEnd(Map<String, Double> l) { add("predict_end", -1, l); }
        @Override public void onPredictBatchBegin(int b, Map<String, Double> l) { add("predict_batch_begin", b, l); }
        @Override public void onPredictBatchEnd(int b, Map<String, Double> l) { add("predict_batch_end", b, l); }
    }

    private static final List<String> NONE = List.of();
    private static final List<String> RUNNING = List.of("accuracy", "loss");
    private static final List<String> EPOCH = List.of("accuracy", "loss", "val_accuracy", "val_loss");

    static Tensor x(int n) {
        Tensor x = Tensor.zeros(n, 4);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                x.set((float) Math.sin(1.3 * i + j), i, j);
            }
        }
        return x;
    }

    static Tensor y(int n) {
        Tensor y = Tensor.zeros(n, 3);
        for (int i = 0; i < n; i++) {
            y.set(1f, i, i % 3);
        }
        return y;
    }

    static Sequential model() {
        Sequential m = new Sequential(new Dense(3, "softmax").inputDim(4));
        m.compile("sgd", "categorical_crossentropy", "accuracy");
        return m;
    }

    private static void expect(List<String> out, String hook, int index, List<String> keys) {
        out.add(hook + (index < 0 ? "" : " " + index) + " " + keys);
    }

    private static void expectTest(List<String> out, int batches, boolean withBatchLogs) {
        expect(out, "test_begin", -1, NONE);
        for (int b = 0; b < batches; b++) {
            expect(out, "test_batch_begin", b, NONE);
            expect(out, "test_batch_end", b, withBatchLogs ? RUNNING : NONE);
        }
        expect(out, "test_end", -1, RUNNING);
    }

    @Test
    void fitWithValidationCallsEveryHookInKerasOrder() {
        Recorder r = new Recorder();
        // 8 rows in batches of 4: 2 train batches; 3 validation rows in batches of 2: 2 test batches
        model().fit(x(8), y(8), FitOptions.defaults().epochs(2).batchSize(4).verbose(0).shuffle(false)
                .validationData(x(3), y(3)).validationBatchSize(2).callbacks(r));
        List<String> want = new ArrayList<>();
        expect(want, "train_begin", -1, NONE);
        for (int e = 0; e < 2; e++) {
            expect(want, "epoch_begin", e, NONE);
            for (int b = 0; b < 2; b++) {
                expect(want, "train_batch_begin", b, NONE);
                expect(want, "train_batch_end", b, RUNNING);
            }
            expectTest(want, 2, true);
            expect(want, "epoch_end", e, EPOCH);
        }
        expect(want, "train_end", -1, EPOCH); // Keras 3: the last epoch's logs
        assertEquals(want, r.calls);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", 0);
        params.put("epochs", 2);
        params.put("steps", 2);
        assertEquals(List.of(params), r.params);
        assertEquals(List.of("verbose", "epochs", "steps"), new ArrayList<>(r.params().keySet()));
    }

    @Test
    void evaluateOnArraysAndSequenceCallsTheTestHooks() {
        Sequential m = model();
        Recorder r = new Recorder();
        m.evaluate(x(5), y(5), EvaluateOptions.defaults().batchSize(2).verbose(0).callbacks(r));
        List<String> want = new ArrayList<>();
        expectTest(want, 3, true);
        assertEquals(want, r.calls);
        assertEquals(Map.of("verbose", 0, "epochs", 1, "steps", 3), r.params.get(0));

        Recorder s = new Recorder();
        m.evaluate(sequence(2, true), EvaluateOptions.defaults().verbose(0).workers(0).callbacks(s));
        want = new ArrayList<>();
        expectTest(want, 2, true);
        assertEquals(want, s.calls);
        assertEquals(Map.of("verbose", 0, "epochs", 1, "steps", 2), s.params.get(0));
    }

    @Test
    void predictOnArraysAndSequenceCallsThePredictHooks() {
        Sequential m = model();
        Recorder r = new Recorder();
        m.predict(x(5), EvaluateOptions.defaults().batchSize(2).verbose(0).callbacks(r));
        assertEquals(predictHooks(3), r.calls);
        assertEquals(Map.of("verbose", 0, "epochs", 1, "steps", 3), r.params.get(0));

        Recorder s = new Recorder();
        m.predict(sequence(2, false), EvaluateOptions.defaults().verbose(0).workers(0).callbacks(s));
        assertEquals(predictHooks(2), s.calls);
    }

    private static List<String> predictHooks(int batches) {
        List<String> want = new ArrayList<>();
        expect(want, "predict_begin", -1, NONE);
        for (int b = 0; b < batches; b++) {
            expect(want, "predict_batch_begin", b, NONE);
            expect(want, "predict_batch_end", b, NONE); // Keras's {"outputs": ...} is not a number: not in logs
        }
        expect(want, "predict_end", -1, NONE);
        return want;
    }

    private static Sequence sequence(int batches, boolean targets) {
        return new Sequence() {
            @Override public int size() { return batches; }

            @Override public Batch get(int index) {
                return targets ? Batch.of(x(3), y(3)) : Batch.ofInputs(x(3));
            }
        };
    }

    @Test
    void aKeyAddedByACallbackComesAfterTheSortedTrainerKeys() {
        // Keras 3.16's History for LearningRateScheduler (fixture keras3-callbacks/callbacks.json, lr_scheduler):
        // accuracy, loss, val_accuracy, val_loss, learning_rate
        Callback addsLr = new Callback() {
            @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
                logs.put("learning_rate", 0.5);
            }
        };
        List<List<String>> seenAfter = new ArrayList<>();
        Callback after = new Callback() {
            @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
                seenAfter.add(new ArrayList<>(logs.keySet()));
            }
        };
        Sequential m = new Sequential(new Dense(3, "softmax").inputDim(4));
        m.compile("sgd", "categorical_crossentropy", "mse", "accuracy");
        History h = m.fit(x(6), y(6), FitOptions.defaults().epochs(2).batchSize(3).verbose(0)
                .validationData(x(3), y(3)).callbacks(addsLr, after));
        List<String> keys = List.of("accuracy", "loss", "mse", "val_accuracy", "val_loss", "val_mse", "learning_rate");
        assertEquals(keys, new ArrayList<>(h.history().keySet()));
        assertEquals(List.of(keys, keys), seenAfter);
        assertSame(h, m.history());
    }

    @Test
    void theLegacyBatchHooksAreCalledByTheTrainBatchHooks() {
        List<String> calls = new ArrayList<>();
        Callback legacy = new Callback() {
            @Override public void onBatchBegin(int batch, Map<String, Double> logs) { calls.add("begin " + batch); }
            @Override public void onBatchEnd(int batch, Map<String, Double> logs) { calls.add("end " + batch); }
        };
        model().fit(x(4), y(4), FitOptions.defaults().batchSize(2).verbose(0).callbacks(legacy));
        assertEquals(List.of("begin 0", "end 0", "begin 1", "end 1"), calls);
    }

    @Test
    void stopTrainingEndsTheBatchLoopButValidationAndEpochEndStillRun() {
        // §9.2 stop semantics, Keras 3: after the batch whose end hook set stop_training, validate, on_epoch_end,
        // on_train_end
        Recorder r = new Recorder();
        Callback stopper = new Callback() {
            @Override public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                if (batch == 0) {
                    model().setStopTraining(true);
                }
            }
        };
        model().fit(x(8), y(8), FitOptions.defaults().epochs(3).batchSize(4).verbose(0).validationData(x(2), y(2))
                .callbacks(stopper, r));
        List<String> want = new ArrayList<>();
        expect(want, "train_begin", -1, NONE);
        expect(want, "epoch_begin", 0, NONE);
        expect(want, "train_batch_begin", 0, NONE);
        expect(want, "train_batch_end", 0, RUNNING);
        expectTest(want, 1, true);
        expect(want, "epoch_end", 0, EPOCH);
        expect(want, "train_end", -1, EPOCH);
        assertEquals(want, r.calls);
    }
}
