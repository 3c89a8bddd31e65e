package org.jkeras.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.autodiff.Variable;
import org.jkeras.callbacks.History;
import org.jkeras.data.Batch;
import org.jkeras.data.Npy;
import org.jkeras.data.TestData;
import org.jkeras.layers.KerasTensor;
import org.jkeras.layers.Layer;
import org.jkeras.layers.Names;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.core.Input;
import org.jkeras.layers.merging.Concatenate;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.CompileOptions;
import org.jkeras.training.EvaluateOptions;
import org.jkeras.training.FitOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class FunctionalTest {
    private static final Path MULTI_IO = TestData.fixture("keras3-generated/multi_io");

    /** The fixture's graph: input_1 (3), input_2 (5) > Dense 8 each > Concatenate > Dense 16 > out_a, out_b. */
    private static Model multiIo(String name) {
        KerasTensor in1 = Input.of("input_1", 3), in2 = Input.of("input_2", 5);
        KerasTensor h = new Concatenate().name("concatenate").apply(new Dense(8, "relu").name("dense_7").apply(in1),
                new Dense(8, "relu").name("dense_8").apply(in2));
        h = new Dense(16, "relu").name("dense_9").apply(h);
        KerasTensor a = new Dense(1, "sigmoid").name("out_a").apply(h);
        KerasTensor b = new Dense(4, "softmax").name("out_b").apply(h);
        return new Model(List.of(in1, in2), List.of(a, b), name);
    }

    private static CompileOptions multiIoCompile() {
        return CompileOptions.optimizer("adam")
                .loss(Map.of("out_a", "binary_crossentropy", "out_b", "categorical_crossentropy"))
                .lossWeights(Map.of("out_a", 1.0, "out_b", 0.5))
                .metrics(Map.of("out_a", List.of("accuracy"), "out_b", List.of("accuracy")));
    }

    private static Tensor[] toyTargets(int n, long seed) {
        Tensor ya = Tensor.randomUniform(seed, 0f, 1f, n, 1);
        float[] a = ya.buffer();
        for (int i = 0; i < n; i++) {
            a[i] = a[i] > 0.5f ? 1f : 0f;
        }
        Tensor yb = Tensor.zeros(n, 4);
        for (int i = 0; i < n; i++) {
            yb.set(1f, i, i % 4);
        }
        return new Tensor[] {ya, yb};
    }

    // ------------------------------------------------------------------ matches real Keras

    @Test
    void predictionsAndSummaryMatchKerasMultiIo() throws Exception {
        Model m = multiIo("functional_5");
        assertEquals(List.of("input_1", "input_2"), m.inputNames());
        assertEquals(List.of("out_a", "out_b"), m.outputNames());
        m.setWeights(KerasH5Weights.read(MULTI_IO.resolve("multi_io.weights.h5")));
        Tensor x1 = Npy.read(MULTI_IO.resolve("in_input_1.npy")), x2 = Npy.read(MULTI_IO.resolve("in_input_2.npy"));
        Tensor ea = Npy.read(MULTI_IO.resolve("out_out_a.npy")), eb = Npy.read(MULTI_IO.resolve("out_out_b.npy"));
        List<Tensor> p = m.predict(List.of(x1, x2), EvaluateOptions.defaults().verbose(0));
        assertTrue(p.get(0).allClose(ea, 0, 1e-5), "out_a: " + p.get(0) + " vs " + ea);
        assertTrue(p.get(1).allClose(eb, 0, 1e-5), "out_b: " + p.get(1) + " vs " + eb);
        // the same through a map of inputs, in batches of 3, and on one batch
        List<Tensor> q = m.predict(Map.of("input_2", x2, "input_1", x1), EvaluateOptions.defaults().batchSize(3).verbose(0));
        assertArrayEquals(p.get(1).toArray(), q.get(1).toArray());
        List<Tensor> r = m.predictOnBatch(List.of(x1, x2));
        assertArrayEquals(p.get(0).toArray(), r.get(0).toArray());

        // the summary, after one Adam step so that the optimizer's variables count as in the fixture
        m.compile(multiIoCompile());
        Tensor[] y = toyTargets(x1.dim(0), 3);
        m.trainOnBatch(List.of(x1, x2), List.of(y[0], y[1]));
        List<String> expected = Files.readAllLines(MULTI_IO.resolve("summary.txt"), StandardCharsets.UTF_8);
        String[] got = m.summaryText(100).split("\n");
        assertEquals(expected.size(), got.length, m.summaryText(100));
        for (int i = 0; i < got.length; i++) {
            String clipped = got[i].length() > 80 ? got[i].substring(0, 80) : got[i];
            assertEquals(expected.get(i), clipped, "summary line " + i + "\n" + m.summaryText(100));
        }
        assertTrue(m.summaryText(100).contains("│ dense_7[0][0],          │\n"), m.summaryText(100));
        assertTrue(m.summaryText(100).contains("│ dense_8[0][0]           │\n"), m.summaryText(100));
        assertEquals(437, m.countParams());
    }

    // ------------------------------------------------------------------ training from maps and lists

    @Test
    void multiInputMultiOutputTrainsFromMapsAndListsWithKerasLogKeys() {
        Seeds.setGlobalSeed(11);
        Model m = multiIo(null);
        m.compile(multiIoCompile());
        int n = 64;
        Tensor x1 = Tensor.randomNormal(1, 0f, 1f, n, 3), x2 = Tensor.randomNormal(2, 0f, 1f, n, 5);
        Tensor[] y = toyTargets(n, 5);
        List<Tensor> w0 = m.getWeights();
        Map<String, Tensor> xs = Map.of("input_1", x1, "input_2", x2);
        Map<String, Tensor> ys = Map.of("out_a", y[0], "out_b", y[1]);
        Map<String, Double> before = m.evaluate(xs, ys, EvaluateOptions.defaults().verbose(0));
        assertEquals(List.of("loss", "out_a_loss", "out_b_loss", "out_a_accuracy", "out_b_accuracy"),
                new ArrayList<>(before.keySet()));
        // total = 1·out_a_loss + 0.5·out_b_loss (per-output losses are recorded before weighting)
        assertEquals(before.get("out_a_loss") + 0.5 * before.get("out_b_loss"), before.get("loss"), 1e-5);
        // lists in model order give the same numbers
        Map<String, Double> fromLists = m.evaluate(List.of(x1, x2), List.of(y[0], y[1]), EvaluateOptions.defaults().verbose(0));
        assertEquals(before, fromLists);

        History h = m.fit(xs, ys, FitOptions.defaults().epochs(30).batchSize(16).verbose(0)
                .validationData(List.of(x1, x2), ys));
        assertEquals(List.of("loss", "out_a_accuracy", "out_a_loss", "out_b_accuracy", "out_b_loss", "val_loss",
                "val_out_a_accuracy", "val_out_a_loss", "val_out_b_accuracy", "val_out_b_loss"),
                new ArrayList<>(new java.util.TreeSet<>(h.history().keySet())));
        List<Double> loss = h.history().get("loss");
        assertTrue(loss.get(loss.size() - 1) < loss.get(0) * 0.95, "loss fell: " + loss);
        Map<String, Double> after = m.evaluate(xs, ys, EvaluateOptions.defaults().verbose(0));
        assertTrue(after.get("loss") < before.get("loss"));

        // training from lists reaches the same weights as from maps
        Model twin = multiIo(null);
        twin.compile(multiIoCompile());
        twin.setWeights(w0);
        m.setWeights(w0);
        m.compile(multiIoCompile());
        m.fit(xs, ys, FitOptions.defaults().epochs(2).batchSize(16).verbose(0).seed(7));
        twin.fit(List.of(x1, x2), List.of(y[0], y[1]), FitOptions.defaults().epochs(2).batchSize(16).verbose(0).seed(7));
        for (int i = 0; i < w0.size(); i++) {
            assertArrayEquals(m.getWeights().get(i).toArray(), twin.getWeights().get(i).toArray(), 1e-6f);
        }
    }

    @Test
    void mapOutputsPredictAsMapsAndGeneratorsTakeMapBatches() {
        KerasTensor a = Input.of("a", 2), b = Input.of("b", 2);
        KerasTensor s = new org.jkeras.layers.merging.Add().apply(a, b);
        Model m = new Model(Map.of("b", b, "a", a), Map.of("sum", new Dense(1).name("sum_dense").apply(s),
                "diff", new Dense(1).name("diff_dense").apply(new org.jkeras.layers.merging.Subtract().apply(a, b))));
        assertEquals(List.of("a", "b"), m.inputNames());
        assertEquals(List.of("diff", "sum"), m.outputNames()); // maps are ordered by key, as Keras flattens dicts
        m.compile(CompileOptions.optimizer("sgd").loss("mse"));
        int n = 32;
        Tensor xa = Tensor.randomNormal(3, 0f, 1f, n, 2), xb = Tensor.randomNormal(4, 0f, 1f, n, 2);
        Tensor ysum = xa.add(xb).sum(new int[] {1}, true), ydiff = xa.sub(xb).sum(new int[] {1}, true);
        java.util.function.Supplier<Iterator<Batch>> batches = () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Batch next() {
                int from = (i++ % 4) * 8;
                return Batch.of(Map.of("a", xa.slice(from, from + 8), "b", xb.slice(from, from + 8)),
                        Map.of("sum", ysum.slice(from, from + 8), "diff", ydiff.slice(from, from + 8)));
            }
        };
        Iterator<Batch> gen = batches.get();
        History h = m.fitGenerator(gen, FitOptions.defaults().stepsPerEpoch(4).epochs(40).verbose(0));
        assertTrue(h.history().containsKey("sum_loss") && h.history().containsKey("diff_loss"), h.history().keySet().toString());
        List<Double> loss = h.history().get("loss");
        assertTrue(loss.get(loss.size() - 1) < 0.1 * loss.get(0), loss.toString());
        Map<String, Tensor> p = m.predict(Map.of("a", xa, "b", xb), EvaluateOptions.defaults().verbose(0));
        assertEquals(List.of("diff", "sum"), new ArrayList<>(p.keySet()));
        Map<String, Tensor> pg = m.predictGeneratorOutputs(batches.get(), EvaluateOptions.defaults().steps(4).verbose(0));
        assertArrayEquals(p.get("sum").toArray(), pg.get("sum").toArray(), 1e-6f);
        Map<String, Double> test = m.testOnBatch(Map.of("a", xa, "b", xb), Map.of("sum", ysum, "diff", ydiff));
        assertEquals(List.of("loss", "diff_loss", "sum_loss"), new ArrayList<>(test.keySet()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.predictGenerator(gen,
                EvaluateOptions.defaults().steps(1).verbose(0)));
        assertTrue(e.getMessage().contains("predictGeneratorOutputs"), e.getMessage());
    }

    // ------------------------------------------------------------------ shared layers and nested models

    @Test
    void sharedLayerHasOneWeightSetAndAccumulatesGradientsFromBothUses() {
        Dense shared = new Dense(3).name("shared");
        KerasTensor a = Input.of("left", 4), b = Input.of("right", 4);
        KerasTensor out = new org.jkeras.layers.merging.Add().apply(shared.apply(a), shared.apply(b));
        Model m = new Model(List.of(a, b), out);
        assertEquals(2, m.weights().size(), "one kernel and one bias");
        assertEquals(4 * 3 + 3, m.countParams());
        assertEquals(2, shared.inboundNodes().size());
        assertTrue(m.summaryText(100).contains("left[0][0]"), m.summaryText(100));
        assertTrue(m.summaryText(100).contains("│ shared[0][0],           │\n"), m.summaryText(100));
        assertTrue(m.summaryText(100).contains("│ shared[1][0]            │\n"), m.summaryText(100));

        Tensor xa = Tensor.randomNormal(1, 0f, 1f, 5, 4), xb = Tensor.randomNormal(2, 0f, 1f, 5, 4);
        Tensor[] grads;
        List<Variable> vars = m.trainableWeights();
        try (GradientTape tape = new GradientTape()) {
            tape.watch(vars);
            Tensor y = m.callAll(List.of(xa, xb), true).get(0);
            grads = tape.gradient(Ops.sum(y, new int[0], false), vars);
        }
        // d Σ(xa·W + b + xb·W + b) / dW[i][j] = Σ_rows (xa[r][i] + xb[r][i]); d/db[j] = 2 · rows
        Tensor colSums = xa.add(xb).sum(new int[] {0}, false);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(colSums.get(i), grads[0].get(i, j), 1e-4, "kernel grad " + i + "," + j);
            }
        }
        assertArrayEquals(new float[] {10f, 10f, 10f}, grads[1].toArray(), 1e-5f);
    }

    @Test
    void nestedModelIsALayerOfTheOuterModel() {
        KerasTensor ix = Input.of("inner_in", 4);
        Dense innerDense = new Dense(3, "tanh").name("inner_dense");
        Model inner = new Model(ix, innerDense.apply(ix), "inner");
        KerasTensor x = Input.of("outer_in", 4);
        Dense head = new Dense(2).name("head");
        KerasTensor y = head.apply(inner.apply(x));
        Model outer = new Model(x, y, "outer");
        assertEquals(List.of("outer_in", "inner", "head"), outer.layers().stream().map(Layer::name).toList());
        assertEquals("Functional", inner.className());
        assertEquals(4 * 3 + 3 + 3 * 2 + 2, outer.countParams());
        assertEquals(4, outer.weights().size());
        assertSame(innerDense.kernel(), outer.weights().get(0));

        Tensor data = Tensor.randomNormal(9, 0f, 1f, 6, 4);
        Tensor direct = head.call(innerDense.call(data, false), false);
        Tensor viaModel = outer.predict(data, EvaluateOptions.defaults().verbose(0));
        assertArrayEquals(direct.toArray(), viaModel.toArray(), 1e-6f);

        outer.compile("sgd", "mse");
        float[] before = innerDense.kernel().value().toArray();
        outer.fit(data, Tensor.ones(6, 2), FitOptions.defaults().epochs(1).verbose(0));
        assertFalse(java.util.Arrays.equals(before, innerDense.kernel().value().toArray()), "the inner model trains");
        assertTrue(outer.summaryText(100).contains("inner (Functional)"), outer.summaryText(100));
    }

    // ------------------------------------------------------------------ compile forms and naming

    @Test
    void lossAndMetricNamingForMultiOutputModels() {
        Model m = multiIo(null);
        int n = 8;
        Tensor x1 = Tensor.randomNormal(1, 0f, 1f, n, 3), x2 = Tensor.randomNormal(2, 0f, 1f, n, 5);
        Tensor[] y = toyTargets(n, 5);
        List<Tensor> xs = List.of(x1, x2), ys = List.of(y[0], y[1]);

        // one loss for every output, a flat metric list for every output, a weighted metric colliding with a plain one
        m.compile(CompileOptions.optimizer("sgd").loss("mse").metrics("mae").weightedMetrics("mae", "mse"));
        Map<String, Double> r = m.testOnBatch(xs, ys);
        assertEquals(List.of("loss", "out_a_loss", "out_b_loss", "out_a_mae", "out_b_mae", "out_a_weighted_mae",
                "out_a_mse", "out_b_weighted_mae", "out_b_mse"), new ArrayList<>(r.keySet()));
        assertEquals(r.get("out_a_loss") + r.get("out_b_loss"), r.get("loss"), 1e-6);
        assertEquals(r.get("out_a_mse"), r.get("out_a_loss"), 1e-6);

        // a loss list with a null entry: one loss, so no per-output loss keys; duplicated metric names get _1
        m.compile(CompileOptions.optimizer("sgd").loss(null, "categorical_crossentropy")
                .metrics(List.of(List.of(), List.of("accuracy", "accuracy"))));
        Map<String, Double> r2 = m.trainOnBatch(xs, Map.of("out_b", y[1]));
        assertEquals(List.of("loss", "out_b_accuracy", "out_b_accuracy_1"), new ArrayList<>(r2.keySet()));

        // loss weights as a list scale the total only
        m.compile(CompileOptions.optimizer("sgd").loss("binary_crossentropy", "categorical_crossentropy")
                .lossWeights(2.0, 0.25));
        Map<String, Double> r3 = m.testOnBatch(xs, ys);
        assertEquals(2 * r3.get("out_a_loss") + 0.25 * r3.get("out_b_loss"), r3.get("loss"), 1e-5);
        assertEquals(List.of("loss", "out_a_loss", "out_b_loss"), m.metricsNames());

        // a single-output model keeps bare names
        KerasTensor in = Input.of(3);
        Model single = new Model(in, new Dense(2, "softmax").apply(in));
        single.compile(CompileOptions.optimizer("sgd").loss("categorical_crossentropy").metrics("accuracy"));
        assertEquals(List.of("loss", "accuracy"), new ArrayList<>(single.testOnBatch(x1, Tensor.ones(n, 2).scale(0.5f)).keySet()));
    }

    @Test
    void weightsOnBatchAndSeed() {
        Seeds.setGlobalSeed(3);
        Model a = multiIo(null);
        org.jkeras.utils.Keras.setRandomSeed(3);
        Model b = multiIo(null);
        for (int i = 0; i < a.getWeights().size(); i++) {
            assertArrayEquals(a.getWeights().get(i).toArray(), b.getWeights().get(i).toArray(), "same seed, same init");
        }
        List<String> names = a.weights().stream().map(Variable::name).toList();
        assertEquals(List.of("kernel", "bias", "kernel", "bias", "kernel", "bias", "kernel", "bias", "kernel", "bias"), names);
        assertArrayEquals(new int[] {3, 8}, a.weights().get(0).shape());
        assertArrayEquals(new int[] {5, 8}, a.weights().get(2).shape());
        assertEquals(437, a.countParams());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.setWeights(List.of(Tensor.zeros(3, 8))));
        assertTrue(e.getMessage().contains("10 weights"), e.getMessage());

        a.compile(multiIoCompile());
        Tensor x1 = Tensor.randomNormal(1, 0f, 1f, 4, 3), x2 = Tensor.randomNormal(2, 0f, 1f, 4, 5);
        Tensor[] y = toyTargets(4, 1);
        List<Tensor> w0 = a.getWeights();
        Map<String, Double> logs = a.trainOnBatch(List.of(x1, x2), List.of(y[0], y[1]));
        assertTrue(logs.containsKey("out_b_accuracy"));
        assertFalse(java.util.Arrays.equals(w0.get(4).toArray(), a.getWeights().get(4).toArray()), "one update happened");
        Object p = a.predictOnBatch(Map.of("input_1", x1, "input_2", x2));
        assertInstanceOf(List.class, p);
        assertEquals(2, ((List<?>) p).size());
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void badInputFailsWithClearMessages() {
        Model m = multiIo(null);
        m.compile(multiIoCompile());
        Tensor x1 = Tensor.zeros(4, 3), x2 = Tensor.zeros(4, 5);
        Tensor[] y = toyTargets(4, 1);
        Map<String, Tensor> ys = Map.of("out_a", y[0], "out_b", y[1]);
        FitOptions quiet = FitOptions.defaults().verbose(0);

        expect(() -> m.fit(Map.of("input_1", x1), ys, quiet), "missing: [input_2]", "[input_1, input_2]");
        expect(() -> m.fit(Map.of("input_1", x1, "input_2", x2, "input_3", x2), ys, quiet), "unknown: [input_3]",
                "[input_1, input_2]");
        expect(() -> m.fit(List.of(x1), ys, quiet), "list of 1", "2 input(s) [input_1, input_2]");
        expect(() -> m.fit(x1, ys, quiet), "single Tensor", "[input_1, input_2]");
        expect(() -> m.fit(Map.of("input_1", x1, "input_2", Tensor.zeros(4, 4)), ys, quiet), "Input 'input_2'",
                "expected shape (None, 5)", "found shape (None, 4)");
        expect(() -> m.fit(List.of(x1, x2), Map.of("out_a", y[0]), quiet), "missing: [out_b]");
        expect(() -> m.fit(List.of(x1, x2.slice(0, 3)), ys, quiet), "4 samples", "3 samples", "input_2");
        expect(() -> m.compile(CompileOptions.optimizer("sgd").loss(Map.of("out_c", "mse"))), "out_c",
                "[out_a, out_b]");
        expect(() -> m.compile(CompileOptions.optimizer("sgd").loss(List.of("mse"))), "list of 1", "2 output(s)",
                "[out_a, out_b]");
        expect(() -> m.compile(CompileOptions.optimizer("sgd").loss("mse").lossWeights(Map.of("outb", 1.0))), "outb");
        expect(() -> m.compile(CompileOptions.optimizer("sgd").loss("mse").metrics(Map.of("nope", "mae"))), "nope");

        // a graph whose output does not depend on the given inputs only
        KerasTensor a = Input.of("a", 2), b = Input.of("b", 2);
        KerasTensor out = new Concatenate().apply(a, b);
        expect(() -> new Model(a, out), "Graph disconnected", "'b'");
        expect(() -> new Model(List.of(a), new Dense(1).apply(b)), "Graph disconnected");
        expect(() -> new Model(out, out), "Input.of");
        expect(() -> new Model(Map.of("x", a), out), "key 'x'");
        expect(() -> new Concatenate().apply(Input.of(2), Input.of(3, 3)), "Concatenate", "(None, 2)", "(None, 3, 3)");
    }

    private static void expect(Executable body, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, body);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention '" + p + "'");
        }
    }

    @Test
    void namesFollowKeras() {
        Names.reset();
        KerasTensor x = Input.of(4);
        assertEquals("input_layer", x.name());
        KerasTensor h = new Dense(3).apply(x);
        KerasTensor y = new Dense(1).apply(h);
        Model m = new Model(x, y);
        assertEquals("functional", m.name());
        assertEquals(List.of("input_layer", "dense", "dense_1"), m.layers().stream().map(Layer::name).toList());
        assertEquals(List.of("dense_1"), m.outputNames());
        assertEquals("functional_1", new Model(x, h).name());
        // a plain chain prints without "Connected to", like a Sequential model
        assertFalse(m.summaryText(100).contains("Connected to"), m.summaryText(100));
    }
}
