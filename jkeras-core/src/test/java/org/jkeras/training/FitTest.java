package org.jkeras.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jkeras.callbacks.Callback;
import org.jkeras.callbacks.History;
import org.jkeras.data.FashionMnist;
import org.jkeras.data.TestData;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.regularization.Dropout;
import org.jkeras.models.Sequential;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class FitTest {

    private static Tensor[] toyData(int n) {
        Tensor x = Tensor.randomNormal(3, 0, 1, n, 4);
        Tensor y = Tensor.zeros(n, 3);
        for (int i = 0; i < n; i++) {
            y.set(1f, i, x.get(i, 0) > 0 ? 0 : x.get(i, 1) > 0 ? 1 : 2);
        }
        return new Tensor[] {x, y};
    }

    private static Sequential model() {
        return new Sequential(new Dense(16, "relu").inputDim(4), new Dropout(0.1), new Dense(3, "softmax"));
    }

    @Test
    void learnsFashionMnistSubset() {
        FashionMnist.Dataset d = FashionMnist.loadFrom(TestData.dataset("fashion-mnist"));
        Tensor x = d.xTrain().slice(0, 6000).reshape(6000, 784).scale(1f / 255);
        Tensor y = d.yTrain().slice(0, 6000);
        Tensor xt = d.xTest().slice(0, 2000).reshape(2000, 784).scale(1f / 255);
        Seeds.setGlobalSeed(11);
        Sequential m = new Sequential(new Dense(64, "relu").inputDim(784), new Dense(10, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        History h = m.fit(x, y, FitOptions.defaults().epochs(3).batchSize(64).validationSplit(0.1).verbose(0));
        assertEquals(List.of("accuracy", "loss", "val_accuracy", "val_loss"), new ArrayList<>(h.history().keySet()));
        List<Double> loss = h.history().get("loss");
        assertTrue(loss.get(2) < loss.get(0), "loss decreases: " + loss);
        double acc = m.evaluate(xt, d.yTest().slice(0, 2000), EvaluateOptions.defaults().verbose(0)).get("accuracy");
        assertTrue(acc > 0.78, "test accuracy " + acc);
    }

    @Test
    void sameSeedSameTraining() {
        Tensor[] d = toyData(64);
        List<Tensor> w1 = trainWithSeed(d, 5), w2 = trainWithSeed(d, 5), w3 = trainWithSeed(d, 6);
        for (int i = 0; i < w1.size(); i++) {
            assertArrayEquals(w1.get(i).toArray(), w2.get(i).toArray());
        }
        assertFalse(java.util.Arrays.equals(w1.get(0).toArray(), w3.get(0).toArray()));
    }

    private static List<Tensor> trainWithSeed(Tensor[] d, long seed) {
        Seeds.setGlobalSeed(seed);
        Sequential m = model();
        m.compile("sgd", "categorical_crossentropy", "accuracy");
        m.fit(d[0], d[1], FitOptions.defaults().epochs(2).batchSize(8).verbose(0));
        return m.getWeights();
    }

    @Test
    void callbackHooksRunInKerasOrder() {
        Tensor[] d = toyData(8);
        Sequential m = model();
        m.compile("sgd", "categorical_crossentropy", "accuracy");
        List<String> calls = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override public void onTrainBegin(Map<String, Double> l) { calls.add("train_begin"); }
            @Override public void onTrainEnd(Map<String, Double> l) { calls.add("train_end"); }
            @Override public void onEpochBegin(int e, Map<String, Double> l) { calls.add("epoch_begin " + e); }
            @Override public void onEpochEnd(int e, Map<String, Double> l) { calls.add("epoch_end " + e + " " + l.keySet()); }
            @Override public void onTrainBatchBegin(int b, Map<String, Double> l) { calls.add("batch_begin " + b); }
            @Override public void onTrainBatchEnd(int b, Map<String, Double> l) { calls.add("batch_end " + b); }
            @Override public void onTestBegin(Map<String, Double> l) { calls.add("test_begin"); }
            @Override public void onTestBatchBegin(int b, Map<String, Double> l) { calls.add("test_batch_begin " + b); }
            @Override public void onTestBatchEnd(int b, Map<String, Double> l) { calls.add("test_batch_end " + b); }
            @Override public void onTestEnd(Map<String, Double> l) { calls.add("test_end"); }
        };
        m.fit(d[0], d[1], FitOptions.defaults().epochs(2).batchSize(4).verbose(0).callbacks(recorder)
                .validationData(d[0].slice(0, 4), d[1].slice(0, 4)));
        List<String> epoch = List.of("batch_begin 0", "batch_end 0", "batch_begin 1", "batch_end 1", "test_begin",
                "test_batch_begin 0", "test_batch_end 0", "test_end");
        List<String> expected = new ArrayList<>();
        expected.add("train_begin");
        for (int e = 0; e < 2; e++) {
            expected.add("epoch_begin " + e);
            expected.addAll(epoch);
            expected.add("epoch_end " + e + " [accuracy, loss, val_accuracy, val_loss]");
        }
        expected.add("train_end");
        assertEquals(expected, calls);
    }

    @Test
    void stopTrainingFromACallbackEndsAfterTheBatch() {
        Tensor[] d = toyData(32);
        Sequential m = model();
        m.compile("sgd", "categorical_crossentropy");
        History h = m.fit(d[0], d[1], FitOptions.defaults().epochs(5).batchSize(4).verbose(0).callbacks(new Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                if (batch == 2) {
                    model().setStopTraining(true);
                }
            }
        }));
        assertEquals(List.of(0), h.epoch());
    }

    @Test
    void initialEpochAtOrAfterEpochsRunsNothing() {
        Tensor[] d = toyData(8);
        Sequential m = model();
        m.compile("sgd", "categorical_crossentropy");
        History h = m.fit(d[0], d[1], FitOptions.defaults().epochs(2).initialEpoch(2).verbose(0));
        assertTrue(h.epoch().isEmpty());
        assertTrue(h.history().isEmpty());
    }

    @Test
    void verbose2PrintsOneKerasLinePerEpoch() {
        Tensor[] d = toyData(8);
        Sequential m = model();
        m.compile("sgd", "categorical_crossentropy", "accuracy");
        String out = captureStdout(() -> m.fit(d[0], d[1], FitOptions.defaults().epochs(2).batchSize(4).verbose(2)));
        String[] lines = out.split("\n");
        assertEquals("Epoch 1/2", lines[0]);
        // values as Keras formats them: %.4f, or %.4e when not above 1e-3 (so an accuracy of 0 reads 0.0000e+00)
        assertTrue(lines[1].matches("2/2 - \\d+s - \\d+[mu]?s/step - accuracy: \\d\\.\\d{4}(e[+-]\\d\\d)? - loss: \\d\\.\\d{4}"),
                lines[1]);
        assertEquals("Epoch 2/2", lines[2]);
        assertEquals(4, lines.length, out);
        String single = captureStdout(() -> m.fit(d[0], d[1], FitOptions.defaults().epochs(1).verbose(2)));
        assertFalse(single.contains("Epoch"), "Keras 3 prints no header when epochs == 1: " + single);
        assertEquals("", captureStdout(() -> m.fit(d[0], d[1], FitOptions.defaults().epochs(1).verbose(0))));
    }

    @Test
    void verbose1IntoAPipeWritesPlainLinesOnly() {
        Tensor[] d = toyData(8);
        Sequential m = model();
        m.compile("sgd", "categorical_crossentropy", "accuracy");
        String out = captureStdout(() -> {
            m.fit(d[0], d[1], FitOptions.defaults().epochs(2).batchSize(4).verbose(1));
            m.evaluate(d[0], d[1], EvaluateOptions.defaults().batchSize(4));
        });
        assertFalse(out.contains("\r") || out.contains("\b") || out.contains("\u001b"), "no control characters: " + out);
        String[] lines = out.split("\n");
        assertEquals(5, lines.length, out);
        assertEquals("Epoch 1/2", lines[0]);
        assertTrue(lines[1].matches("2/2 ━{20} \\d+s \\d+[mu]?s/step - accuracy: .* - loss: .*"), lines[1]);
        assertTrue(lines[4].startsWith("2/2 ━━━━━━━━━━━━━━━━━━━━ "), "evaluate draws its own bar: " + lines[4]);
    }

    static String captureStdout(Executable body) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            body.execute();
        } catch (Throwable t) {
            throw new AssertionError(t);
        } finally {
            System.setOut(saved);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badInputNamesTheArgumentAndTheValue() {
        Tensor[] d = toyData(8);
        Sequential m = model();
        m.compile("sgd", "categorical_crossentropy");
        expectMessage(() -> m.fit(d[0], d[1].slice(0, 6)), "8 samples", "6 samples");
        expectMessage(() -> m.fit(Tensor.zeros(8, 5), d[1]), "(None, 4)", "(None, 5)");
        expectMessage(() -> FitOptions.defaults().batchSize(0), "batch_size=0");
        expectMessage(() -> FitOptions.defaults().validationSplit(1.0), "validation_split=1.0", "[0, 1)");
        expectMessage(() -> FitOptions.defaults().validationSplit(-0.1), "validation_split=-0.1");
        expectMessage(() -> FitOptions.defaults().verbose(3), "verbose=3");
        expectMessage(() -> m.fit(d[0], Tensor.zeros(8, 5)), "[8, 5]", "[8, 3]");
        expectMessage(() -> m.compile("adamw2", "mse"), "adamw2", "adam");
        expectMessage(() -> m.compile("adam", "mean_sqared_error"), "mean_sqared_error", "mean_squared_error");
        expectMessage(() -> m.compile("adam", "mse", "acuracy"), "acuracy", "accuracy");
        expectMessage(() -> m.fit(d[0], d[1], FitOptions.defaults().validationSplit(0.99)), "validation_split=0.99", "0 training");
        Sequential uncompiled = model();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> uncompiled.fit(d[0], d[1]));
        assertTrue(e.getMessage().contains("compile()"), e.getMessage());
    }

    private static void expectMessage(Executable body, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, body);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention '" + p + "'");
        }
    }

    private static long prefetchThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("jkeras-batch")).count();
    }

    @Test
    void noPrefetchThreadOutlivesFitEvenWhenACallbackFails() {
        Tensor[] d = toyData(64);
        Sequential m = model();
        m.compile("sgd", "categorical_crossentropy");
        m.fit(d[0], d[1], FitOptions.defaults().epochs(2).batchSize(8).verbose(0));
        assertEquals(0, prefetchThreads(), "after a normal fit");
        IllegalStateException boom = new IllegalStateException("boom in batch 3");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.fit(d[0], d[1],
                FitOptions.defaults().epochs(2).batchSize(8).verbose(0).callbacks(new Callback() {
                    @Override
                    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                        if (batch == 3) {
                            throw boom;
                        }
                    }
                })));
        assertEquals(boom, e);
        assertEquals(0, prefetchThreads(), "after a failed fit");
    }

    @Test
    void shuffledBatchesCoverEverySampleOncePerEpoch() {
        int n = 37;
        Tensor x = Tensor.zeros(n, 1);
        for (int i = 0; i < n; i++) {
            x.set(i, i, 0);
        }
        Tensor y = x.copy();
        try (ArrayDataAdapter b = new ArrayDataAdapter(new Tensor[] {x, y, null}, 8, ArrayDataAdapter.Shuffle.ROWS,
                new java.util.SplittableRandom(3), -1)) {
            for (int epoch = 0; epoch < 3; epoch++) {
                b.startEpoch(epoch);
                boolean[] seen = new boolean[n];
                for (int s = 0; s < b.steps(); s++) {
                    Tensor[] t = b.batch(s);
                    assertArrayEquals(t[0].toArray(), t[1].toArray(), "x and y rows stay paired");
                    for (float v : t[0].toArray()) {
                        assertFalse(seen[(int) v], "sample " + v + " twice in epoch " + epoch);
                        seen[(int) v] = true;
                    }
                }
                for (boolean s : seen) {
                    assertTrue(s);
                }
            }
        }
    }

    @Test
    void predictStacksBatchesInOrder() {
        Sequential m = new Sequential(new Dense(3).inputDim(2));
        Tensor x = Tensor.randomNormal(1, 0, 1, 70, 2);
        Tensor all = m.predict(x, EvaluateOptions.defaults().batchSize(70).verbose(0));
        Tensor batched = m.predict(x, EvaluateOptions.defaults().batchSize(8).verbose(0));
        assertArrayEquals(all.toArray(), batched.toArray(), 1e-6f);
        assertArrayEquals(new int[] {0, 3}, m.predict(Tensor.zeros(0, 2), EvaluateOptions.defaults().verbose(0)).shape());
    }
}
