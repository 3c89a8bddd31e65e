package org.jkeras.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jkeras.callbacks.Callback;
import org.jkeras.callbacks.History;
import org.jkeras.data.Batch;
import org.jkeras.data.Sequence;
import org.jkeras.layers.core.Dense;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.SGD;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The fit gaps of issue 13 — stepsPerEpoch with arrays (KERAS-SEMANTICS.md §3.1, Keras 3's EpochIterator),
 * shuffle="batch", temporal sample weights, validation data of another kind than the training data — with
 * expected values computed here by hand from a linear model whose weights a zero learning rate keeps fixed.
 */
class FitGapsTest {
    /** y = 0.5·x0 − x1 + 0.25 is the model; the data's targets are 0.3·i. */
    private static final float K0 = 0.5f, K1 = -1f, B = 0.25f;

    private static Tensor x(int n) {
        Tensor x = Tensor.zeros(n, 2);
        for (int i = 0; i < n; i++) {
            x.set(i, i, 0);
            x.set(1 - 0.1f * i, i, 1);
        }
        return x;
    }

    private static Tensor y(int n) {
        Tensor y = Tensor.zeros(n, 1);
        for (int i = 0; i < n; i++) {
            y.set(0.3f * i, i, 0);
        }
        return y;
    }

    /** The squared error of row i under the fixed model, in double. */
    private static double err(int i) {
        double pred = K0 * (double) i + K1 * (1 - 0.1f * i) + B;
        double d = pred - 0.3f * i;
        return d * d;
    }

    private static double meanErr(int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += err(i);
        }
        return s / (to - from);
    }

    /** A fixed linear model recording the first x0 (the row index) and the rows of every training batch. */
    static final class Recording extends Sequential {
        final List<String> batches = new ArrayList<>();

        Recording() {
            super(new Dense(1).inputDim(2));
            compile(new SGD(0.0), "mse");
            setWeights(List.of(Tensor.of(new float[] {K0, K1}, 2, 1), Tensor.of(new float[] {B}, 1)));
        }

        @Override
        protected Map<String, Double> trainStep(StepData data) {
            batches.add((int) data.x().get(0).get(0, 0) + "+" + data.rows());
            return super.trainStep(data);
        }
    }

    /** Batch descriptions per epoch, from the recording model. */
    private static List<List<String>> perEpoch(Recording m, FitOptions o) {
        List<List<String>> epochs = new ArrayList<>();
        o.callbacks(new Callback() {
            @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
                epochs.add(new ArrayList<>(m.batches));
                m.batches.clear();
            }
        });
        m.fit(x(10), y(10), o);
        return epochs;
    }

    private static String stderrOf(Runnable body) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void stepsPerEpochWithArraysCarriesOnAndRunsOutAsKeras3() {
        // KERAS-SEMANTICS §3.1, verified on Keras 3: N=10, B=4, steps=2 => epochs of 2, 1, 2, 1 batches
        Recording m = new Recording();
        List<List<String>> epochs = new ArrayList<>();
        History[] h = new History[1];
        String err = stderrOf(() -> {
            epochs.addAll(perEpoch(m, FitOptions.defaults().epochs(4).batchSize(4).stepsPerEpoch(2).shuffle(false)
                    .verbose(0)));
            h[0] = m.history();
        });
        assertEquals(List.of(List.of("0+4", "4+4"), List.of("8+2"), List.of("0+4", "4+4"), List.of("8+2")), epochs);
        assertEquals(List.of(0, 1, 2, 3), h[0].epoch(), "running out of array data does not stop training");
        List<Double> loss = h[0].history().get("loss");
        double[] want = {meanErr(0, 8), meanErr(8, 10), meanErr(0, 8), meanErr(8, 10)};
        for (int e = 0; e < 4; e++) {
            assertEquals(want[e], loss.get(e), 1e-5 * Math.max(1, want[e]), "epoch " + e);
        }
        int first = err.indexOf("ran out of data");
        assertTrue(first >= 0, err);
        assertEquals(-1, err.indexOf("ran out of data", first + 1), "warned once: " + err);
    }

    @Test
    void stepsPerEpochThatDivideThePassNeverRunOutAndParamsCarryTheSteps() {
        Recording m = new Recording();
        List<Object> steps = new ArrayList<>();
        FitOptions o = FitOptions.defaults().epochs(3).batchSize(2).stepsPerEpoch(5).shuffle(false).verbose(0)
                .callbacks(new Callback() {
                    @Override public void onTrainBegin(Map<String, Double> logs) { steps.add(params().get("steps")); }
                });
        String err = stderrOf(() -> assertEquals(List.of("0+2", "2+2", "4+2", "6+2", "8+2"), perEpoch(m, o).get(2)));
        assertEquals(List.of(5), steps);
        assertEquals(-1, err.indexOf("ran out of data"), err);
    }

    @Test
    void stepsPerEpochWithoutBatchSizeGivesBatchesOfCeilNOverSteps() {
        // Keras 3's ArrayDataAdapter: batch_size = ceil(10 / 3) = 4 => batches of 4, 4, 2
        Recording m = new Recording();
        assertEquals(List.of(List.of("0+4", "4+4", "8+2")),
                perEpoch(m, FitOptions.defaults().stepsPerEpoch(3).shuffle(false).verbose(0)));
    }

    @Test
    void shuffleBatchPermutesWholeBlocksAndKeepsThePartialOneLast() {
        int n = 10, b = 3;
        Tensor x = Tensor.zeros(n, 1);
        for (int i = 0; i < n; i++) {
            x.set(i, i, 0);
        }
        Set<String> orders = new HashSet<>();
        try (ArrayDataAdapter a = new ArrayDataAdapter(new Tensor[] {x}, b, ArrayDataAdapter.Shuffle.BATCH,
                new SplittableRandom(7), -1)) {
            for (int epoch = 0; epoch < 8; epoch++) {
                assertEquals(4, a.startEpoch(epoch));
                boolean[] blockSeen = new boolean[3];
                StringBuilder order = new StringBuilder();
                for (int s = 0; s < 4; s++) {
                    float[] rows = a.next()[0].toArray();
                    if (s == 3) {
                        assertArrayEquals(new float[] {9}, rows, "the partial block stays last");
                        continue;
                    }
                    int block = (int) rows[0] / b;
                    assertEquals(0, (int) rows[0] % b, "a batch starts a block");
                    assertArrayEquals(new float[] {block * b, block * b + 1, block * b + 2}, rows, "rows keep their order");
                    assertTrue(!blockSeen[block], "block " + block + " twice");
                    blockSeen[block] = true;
                    order.append(block);
                }
                assertEquals(null, a.next());
                a.endEpoch();
                orders.add(order.toString());
            }
        }
        assertTrue(orders.size() > 1, "the block order changes between epochs: " + orders);
    }

    @Test
    void shuffleBatchIsRefusedWhereItCannotApply() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FitOptions.defaults().shuffle("rows"));
        assertTrue(e.getMessage().contains("\"rows\"") && e.getMessage().contains("\"batch\""), e.getMessage());
        Sequential m = new Recording();
        e = assertThrows(IllegalArgumentException.class, () -> m.fit(sequence(), FitOptions.defaults().shuffle("batch")
                .verbose(0)));
        assertTrue(e.getMessage().contains("arrays only") && e.getMessage().contains("Sequence"), e.getMessage());
    }

    private static Sequence sequence() {
        return new Sequence() {
            @Override public int size() { return 2; }

            @Override public Batch get(int index) {
                return Batch.of(x(10).slice(5 * index, 5 * index + 5), y(10).slice(5 * index, 5 * index + 5));
            }
        };
    }

    @Test
    void validationOnASequenceWhileTrainingOnArrays() {
        // before the split, fit on arrays ignored validationData(aSequence) and ran no validation
        Recording m = new Recording();
        History h = m.fit(x(10), y(10), FitOptions.defaults().epochs(2).verbose(0).validationData(sequence()));
        assertEquals(List.of("loss", "val_loss"), new ArrayList<>(h.history().keySet()));
        assertEquals(meanErr(0, 10), h.history().get("val_loss").get(1), 1e-5);
    }

    @Test
    void validationStepsCapEveryValidationRunFromTheStart() {
        Recording m = new Recording();
        History h = m.fit(x(10), y(10), FitOptions.defaults().epochs(2).verbose(0).validationData(x(10), y(10))
                .validationBatchSize(3).validationSteps(1));
        for (double v : h.history().get("val_loss")) {
            assertEquals(meanErr(0, 3), v, 1e-5, "rows 0-2 only, in every run");
        }
        assertThrows(IllegalArgumentException.class, () -> m.fit(x(10), y(10), FitOptions.defaults().verbose(0)
                .validationData(sequence()).validationBatchSize(3)));
    }

    @Test
    void loaderOptionsAreRefusedWhenAllTheDataAreArrays() {
        Recording m = new Recording();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.fit(x(10), y(10), FitOptions.defaults().workers(4).verbose(0)));
        assertTrue(e.getMessage().contains("workers=4") && e.getMessage().contains("arrays"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> m.predict(x(10), EvaluateOptions.defaults().useMultiprocessing(true).verbose(0)));
        assertTrue(e.getMessage().contains("use_multiprocessing=true"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> m.evaluate(x(10), y(10), EvaluateOptions.defaults().maxQueueSize(3).verbose(0)));
        // with validation from a Sequence the loaders apply to it
        History h = m.fit(x(10), y(10), FitOptions.defaults().workers(0).verbose(0).validationData(sequence()));
        assertTrue(h.history().containsKey("val_loss"));
    }
}
