package org.jkeras.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Metric values against hand-computed numbers (arithmetic in the comments), accumulation, reset and resolution. */
class MetricsTest {
    private static final double TOL = 1e-6;

    private static Tensor t(float[] d, int... shape) {
        return Tensor.of(d, shape);
    }

    // ---------------------------------------------------------------- Mean and MeanMetricWrapper

    @Test
    void meanIsWeightedRunningMeanAndResets() {
        Mean m = new Mean();
        assertEquals(0.0, m.result());                                    // empty: divide_no_nan gives 0
        m.updateState(Tensor.vector(1, 3, 5, 7), null);
        assertEquals(4.0, m.result(), TOL);                               // 16/4
        m.resetState();
        m.updateState(Tensor.vector(1, 3, 5, 7), Tensor.vector(1, 1, 0, 0));
        assertEquals(2.0, m.result(), TOL);                               // (1+3)/(1+1)
        m.updateState(Tensor.vector(10), Tensor.vector(2));
        assertEquals((4 + 20) / 4.0, m.result(), TOL);                    // (1+3+20)/(2+2)
        m.updateState(0.5, 4);                                            // a scalar with weight 4
        assertEquals((24 + 2) / 8.0, m.result(), TOL);
        assertEquals(26.0, m.total(), TOL);
        assertEquals(8.0, m.count(), TOL);
        m.resetState();
        assertEquals(0.0, m.result());
        assertEquals("mean", m.name());
    }

    @Test
    void meanAveragesValuesPerSampleThenWeights() {
        // values [[1,3],[5,7]]: per sample 2 and 6; weights [1,3] -> (2 + 18)/4 = 5
        Mean m = new Mean();
        m.updateState(t(new float[] {1, 3, 5, 7}, 2, 2), Tensor.vector(1, 3));
        assertEquals(5.0, m.result(), TOL);
        // per-value weights [[1,0],[1,1]]: total = mean(1·1, 3·0) + mean(5, 7) = 0.5 + 6; count = 0.5 + 1
        Mean e = new Mean();
        e.updateState(t(new float[] {1, 3, 5, 7}, 2, 2), t(new float[] {1, 0, 1, 1}, 2, 2));
        assertEquals(6.5 / 1.5, e.result(), TOL);
        assertThrows(IllegalArgumentException.class, () -> e.updateState(Tensor.vector(1, 2), Tensor.vector(1, 2, 3)));
        assertThrows(UnsupportedOperationException.class, () -> e.updateState(Tensor.vector(1), Tensor.vector(1), null));
    }

    @Test
    void weightedMetricIsNormalisedByWeightSum() {
        // KERAS-SEMANTICS §2.6: per-sample errors [1, 3] (MSE of [1] and [sqrt 3]),
        // weights [1,0] -> 1·1/1 = 1.0; weights [2,2] -> (2 + 6)/4 = 2.0
        Tensor yTrue = t(new float[] {0, 0}, 2, 1), yPred = t(new float[] {1, (float) Math.sqrt(3)}, 2, 1);
        Metric mse = new MeanSquaredError();
        mse.updateState(yTrue, yPred, Tensor.vector(1, 0));
        assertEquals(1.0, mse.result(), 1e-6);
        mse.resetState();
        mse.updateState(yTrue, yPred, Tensor.vector(2, 2));
        assertEquals(2.0, mse.result(), 1e-6);
    }

    @Test
    void meanMetricWrapperWrapsAnyFunction() {
        // |y - p| per element, averaged per sample: sample 0 mean(1, 2) = 1.5, sample 1 mean(0, 4) = 2 -> 1.75
        MeanMetricWrapper w = new MeanMetricWrapper("abs_diff", (y, p) -> {
            float[] out = new float[y.size()];
            for (int i = 0; i < out.length; i++) out[i] = Math.abs(y.buffer()[i] - p.buffer()[i]);
            return Tensor.of(out, y.shape());
        });
        w.updateState(t(new float[] {0, 0, 1, 1}, 2, 2), t(new float[] {1, 2, 1, 5}, 2, 2), null);
        assertEquals(1.75, w.result(), TOL);
        assertEquals("abs_diff", w.name());
        assertThrows(IllegalArgumentException.class, () -> new MeanMetricWrapper("x", null));
    }

    // ---------------------------------------------------------------- accuracies

    @Test
    void accuracyIsExactMatch() {
        // Keras docstring: [[1],[2],[3],[4]] vs [[0],[2],[3],[4]] -> 3/4; weights [1,1,0,0] -> 1/2
        Metric m = new Accuracy();
        Tensor y = t(new float[] {1, 2, 3, 4}, 4, 1), p = t(new float[] {0, 2, 3, 4}, 4, 1);
        m.updateState(y, p, null);
        assertEquals(0.75, m.result(), TOL);
        m.resetState();
        m.updateState(y, p, Tensor.vector(1, 1, 0, 0));
        assertEquals(0.5, m.result(), TOL);
        m.resetState();
        m.updateState(Tensor.vector(1, 2, 3, 4), p, null);                 // [4] vs [4,1] is expanded, as Keras
        assertEquals(0.75, m.result(), TOL);
    }

    @Test
    void binaryAccuracyThresholdsStrictly() {
        // Keras docstring: y [[1],[1],[0],[0]], p [[0.98],[1],[0],[0.6]] -> hits 1,1,1,0 = 0.75;
        // weights [1,0,0,1] -> (1 + 0)/2 = 0.5
        Metric m = new BinaryAccuracy();
        Tensor y = t(new float[] {1, 1, 0, 0}, 4, 1), p = t(new float[] {0.98f, 1, 0, 0.6f}, 4, 1);
        m.updateState(y, p, null);
        assertEquals(0.75, m.result(), TOL);
        m.resetState();
        m.updateState(y, p, Tensor.vector(1, 0, 0, 1));
        assertEquals(0.5, m.result(), TOL);
        // exactly 0.5 is not > 0.5: predicts 0
        m.resetState();
        m.updateState(t(new float[] {0, 1}, 2, 1), t(new float[] {0.5f, 0.5f}, 2, 1), null);
        assertEquals(0.5, m.result(), TOL);
        // threshold 0.7: 0.6 -> 0, so target 0 is hit
        Metric t7 = new BinaryAccuracy("binary_accuracy", 0.7);
        t7.updateState(t(new float[] {0}, 1, 1), t(new float[] {0.6f}, 1, 1), null);
        assertEquals(1.0, t7.result(), TOL);
        // multi-label [2,2]: per-sample means (1 + 0)/2 and (1 + 1)/2 -> 0.75
        Metric ml = new BinaryAccuracy();
        ml.updateState(t(new float[] {1, 0, 0, 1}, 2, 2), t(new float[] {0.9f, 0.8f, 0.1f, 0.7f}, 2, 2), null);
        assertEquals(0.75, ml.result(), TOL);
    }

    @Test
    void categoricalAccuracyComparesArgmax() {
        // Keras docstring: y [[0,0,1],[0,1,0]], p [[0.1,0.9,0.8],[0.05,0.95,0]] -> 0 and 1 = 0.5;
        // weights [0.7, 0.3] -> 0.3/1.0 = 0.3
        Metric m = new CategoricalAccuracy();
        Tensor y = t(new float[] {0, 0, 1, 0, 1, 0}, 2, 3), p = t(new float[] {0.1f, 0.9f, 0.8f, 0.05f, 0.95f, 0}, 2, 3);
        m.updateState(y, p, null);
        assertEquals(0.5, m.result(), TOL);
        m.resetState();
        m.updateState(y, p, Tensor.vector(0.7f, 0.3f));
        assertEquals(0.3, m.result(), TOL);
        // ties go to the first maximum (torch argmax): p [0.5, 0.5, 0] predicts class 0
        m.resetState();
        m.updateState(t(new float[] {1, 0, 0}, 1, 3), t(new float[] {0.5f, 0.5f, 0}, 1, 3), null);
        assertEquals(1.0, m.result(), TOL);
    }

    @Test
    void sparseCategoricalAccuracyWithLabelsOfShapeNAndN1() {
        // Keras docstring: labels [[2],[1]], p as above -> 0.5; weights [0.7, 0.3] -> 0.3
        Tensor p = t(new float[] {0.1f, 0.9f, 0.8f, 0.05f, 0.95f, 0}, 2, 3);
        Metric m = new SparseCategoricalAccuracy();
        m.updateState(t(new float[] {2, 1}, 2, 1), p, null);
        assertEquals(0.5, m.result(), TOL);
        m.resetState();
        m.updateState(Tensor.vector(2, 1), p, Tensor.vector(0.7f, 0.3f));
        assertEquals(0.3, m.result(), TOL);
        assertThrows(IllegalArgumentException.class, () -> m.updateState(t(new float[] {0, 0, 1, 0, 1, 0}, 2, 3), p, null));
    }

    @Test
    void accumulatesAcrossBatchesUntilReset() {
        Metric m = new SparseCategoricalAccuracy();
        Tensor p = t(new float[] {0.1f, 0.9f, 0.8f, 0.05f, 0.95f, 0}, 2, 3);  // argmax 1, 1
        m.updateState(Tensor.vector(1, 1), p, null);                          // 2 of 2
        m.updateState(Tensor.vector(0, 2), p, null);                          // 0 of 2
        m.updateState(Tensor.vector(1, 0), p, null);                          // 1 of 2
        assertEquals(3.0 / 6, m.result(), TOL);
        m.resetState();
        assertEquals(0.0, m.result());
        m.updateState(Tensor.vector(1, 0), p, null);
        assertEquals(0.5, m.result(), TOL);
    }

    // ---------------------------------------------------------------- regression and cross-entropy metrics

    @Test
    void errorMetrics() {
        // MAE: sample 0 (|1-2| + |2-0|)/2 = 1.5, sample 1 (|-1-1| + |0-0.5|)/2 = 1.25 -> 1.375; weights [3,1] -> 5.75/4
        // MSE: sample 0 (1 + 4)/2 = 2.5, sample 1 (4 + 0.25)/2 = 2.125 -> 2.3125
        Tensor y = t(new float[] {1, 2, -1, 0}, 2, 2), p = t(new float[] {2, 0, 1, 0.5f}, 2, 2);
        Metric mae = new MeanAbsoluteError(), mse = new MeanSquaredError();
        mae.updateState(y, p, null);
        mse.updateState(y, p, null);
        assertEquals(1.375, mae.result(), TOL);
        assertEquals(2.3125, mse.result(), TOL);
        mae.resetState();
        mae.updateState(y, p, Tensor.vector(3, 1));
        assertEquals(5.75 / 4, mae.result(), TOL);
    }

    @Test
    void crossEntropyMetrics() {
        // -log 0.95 = 0.051293, -log 0.1 = 2.302585 -> 1.176939 (as the losses)
        Tensor p = t(new float[] {0.05f, 0.95f, 0, 0.1f, 0.8f, 0.1f}, 2, 3);
        Metric cce = Metrics.get("categorical_crossentropy");
        cce.updateState(t(new float[] {0, 1, 0, 0, 0, 1}, 2, 3), p, null);
        assertEquals(1.17693919, cce.result(), 1e-5);
        Metric sce = Metrics.get("sparse_categorical_crossentropy");
        sce.updateState(Tensor.vector(1, 2), p, null);
        assertEquals(1.17693919, sce.result(), 1e-5);
        // BCE: -(log 0.4 + log 0.4)/2 = 0.916291, -(log 0.6 + log 0.4)/2 = 0.713558 -> 0.814924
        Metric bce = Metrics.get("bce");
        bce.updateState(t(new float[] {0, 1, 0, 0}, 2, 2), t(new float[] {0.6f, 0.4f, 0.4f, 0.6f}, 2, 2), null);
        assertEquals(0.81492445, bce.result(), 1e-5);
        assertEquals("binary_crossentropy", bce.name());
    }

    // ---------------------------------------------------------------- registry and Keras 3 resolution

    @Test
    void keras3AccuracyResolutionTable() {
        // y_pred last dim 1 -> binary (whatever the loss)
        assertInstanceOf(BinaryAccuracy.class, Metrics.resolve("accuracy", new int[] {32, 1}, new int[] {32, 1}));
        assertInstanceOf(BinaryAccuracy.class, Metrics.resolve("accuracy", new int[] {32}, new int[] {32, 1}));
        // rank(y_true) < rank(y_pred) -> sparse
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.resolve("accuracy", new int[] {32}, new int[] {32, 10}));
        // y_true last dim 1 and y_pred last dim > 1 -> sparse
        assertInstanceOf(SparseCategoricalAccuracy.class,
                Metrics.resolve("accuracy", new int[] {32, 1}, new int[] {32, 10}));
        // same shapes, last dim > 1 -> categorical, also for a multi-label sigmoid head (K3 ignores the loss)
        assertInstanceOf(CategoricalAccuracy.class, Metrics.resolve("accuracy", new int[] {32, 10}, new int[] {32, 10}));
        assertInstanceOf(CategoricalAccuracy.class, Metrics.resolve("acc", new int[] {32, 4}, new int[] {32, 4}));
        // sequence outputs: [b, t] labels vs [b, t, c] -> sparse
        assertInstanceOf(SparseCategoricalAccuracy.class,
                Metrics.resolve("acc", new int[] {8, 5}, new int[] {8, 5, 7}));
    }

    @Test
    void resolvedMetricKeepsTheGivenName() {
        assertEquals("accuracy", Metrics.resolve("accuracy", new int[] {4}, new int[] {4, 3}).name());
        assertEquals("acc", Metrics.resolve("acc", new int[] {4}, new int[] {4, 3}).name());
        // the shortcut is matched case-insensitively (str(identifier).lower()), the name kept as written
        Metric upper = Metrics.resolve("ACC", new int[] {4, 1}, new int[] {4, 1});
        assertInstanceOf(BinaryAccuracy.class, upper);
        assertEquals("ACC", upper.name());
        Metric mse = Metrics.resolve("mse", new int[] {4, 1}, new int[] {4, 1});
        assertInstanceOf(MeanSquaredError.class, mse);
        assertEquals("mse", mse.name());
        assertEquals("categorical_accuracy",
                Metrics.resolve("categorical_accuracy", new int[] {4, 3}, new int[] {4, 3}).name());
    }

    @Test
    void getUsesKerasDefaultNames() {
        assertInstanceOf(Accuracy.class, Metrics.get("accuracy"));
        assertInstanceOf(Accuracy.class, Metrics.get("acc"));          // accepted so compile can validate early
        assertEquals("mean_squared_error", Metrics.get("mse").name());
        assertEquals("mean_absolute_error", Metrics.get("MAE").name());
        assertEquals("binary_accuracy", Metrics.get("BinaryAccuracy").name());
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.get("sparse_categorical_accuracy"));
        assertEquals(0.5, ((BinaryAccuracy) Metrics.get("binary_accuracy")).threshold());
        assertEquals("{name=binary_accuracy, dtype=float32, threshold=0.5}",
                Metrics.get("binary_accuracy").getConfig().toString());
    }

    @Test
    void unknownMetricNamesTheValueAndListsValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metrics.get("acuracy"));
        assertTrue(e.getMessage().contains("'acuracy'"), e.getMessage());
        assertTrue(e.getMessage().contains("sparse_categorical_accuracy") && e.getMessage().contains("mae"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.resolve("Binary_Accuracy", new int[] {1},
                new int[] {1, 1}));
        assertTrue(e.getMessage().contains("did you mean 'binary_accuracy'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.get(null));
    }
}
