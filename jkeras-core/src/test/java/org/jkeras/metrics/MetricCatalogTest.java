package org.jkeras.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The metrics added for issue 3 against values worked by hand or computed with plain python3 from Keras 3's
 * formulas (confusion counts at {@code y_pred > threshold}, AUC from counts at 200 thresholds; the script
 * reproduces Keras's {@code AUC.result} and {@code interpolate_pr_auc}).
 */
class MetricCatalogTest {
    private static final double TOL = 1e-6;

    private static final Tensor PROBS = Tensor.of(new float[][] {
        {0.1f, 0.5f, 0.3f, 0.1f}, {0.4f, 0.3f, 0.2f, 0.1f}, {0.25f, 0.25f, 0.3f, 0.2f}});

    @Test
    void topKAccuracies() {
        // labels [2, 3, 1], k = 2: row 0 label 2 (0.3) has one larger → in; row 1 label 3 (0.1) has three → out;
        // row 2 label 1 (0.25) has one strictly larger (ties count as in, as torch's in_top_k) → in.
        // weights [1, 2, 0.5]: (1 + 0.5) / 3.5
        SparseTopKCategoricalAccuracy sparse = new SparseTopKCategoricalAccuracy(2);
        sparse.updateState(Tensor.vector(2, 3, 1), PROBS, Tensor.vector(1, 2, 0.5f));
        assertEquals(1.5 / 3.5, sparse.result(), TOL);
        TopKCategoricalAccuracy dense = new TopKCategoricalAccuracy(2);
        Tensor oneHot = Tensor.of(new float[][] {{0, 0, 1, 0}, {0, 0, 0, 1}, {0, 1, 0, 0}});
        dense.updateState(oneHot, PROBS, null);
        assertEquals(2.0 / 3, dense.result(), TOL);
        // k = 5 (default) covers all 4 classes
        Metric all = Metrics.get("top_k_categorical_accuracy");
        all.updateState(oneHot, PROBS, null);
        assertEquals(1.0, all.result(), 0);
        // labels [n, 1] are accepted
        SparseTopKCategoricalAccuracy col = new SparseTopKCategoricalAccuracy(1);
        col.updateState(Tensor.of(new float[] {1, 0, 2}, 3, 1), PROBS, null);
        assertEquals(1.0, col.result(), TOL);
        assertThrows(IllegalArgumentException.class, () -> new TopKCategoricalAccuracy(0));
    }

    private static final Tensor Y = Tensor.vector(0, 0, 1, 1, 1, 0, 1, 0);
    private static final Tensor P = Tensor.vector(0.1f, 0.4f, 0.35f, 0.8f, 0.7f, 0.2f, 0.9f, 0.6f);
    private static final Tensor W = Tensor.vector(1, 2, 1, 0.5f, 1, 1, 2, 1);

    @Test
    void precisionAndRecall() {
        // > 0.5: indices 3 (y1, w .5), 4 (y1, w 1), 6 (y1, w 2), 7 (y0, w 1): tp 3.5, fp 1; positive index 2 missed: fn 1
        Precision p = new Precision();
        p.updateState(Y, P, W);
        assertEquals(3.5 / 4.5, p.result(), TOL);
        Recall r = new Recall();
        r.updateState(Y, P, W);
        assertEquals(3.5 / 4.5, r.result(), TOL);
        // several thresholds, unweighted: precision [4/6, 3/4, 2/2], recall [4/4, 3/4, 2/4]
        Precision pm = new Precision(new float[] {0.3f, 0.5f, 0.75f}, null, null);
        Recall rm = new Recall(new float[] {0.3f, 0.5f, 0.75f}, null, null);
        pm.updateState(Y, P, null);
        rm.updateState(Y, P, null);
        assertArrayEquals(new double[] {4.0 / 6, 0.75, 1.0}, pm.results(), TOL);
        assertArrayEquals(new double[] {1.0, 0.75, 0.5}, rm.results(), TOL);
        // accumulates over batches, and resets
        p.updateState(Tensor.vector(0), Tensor.vector(0.9f), null);            // one more false positive
        assertEquals(3.5 / 5.5, p.result(), TOL);
        p.resetState();
        assertEquals(0.0, p.result(), 0);                                         // divide_no_nan
        assertThrows(IllegalArgumentException.class, () -> new Precision(new float[] {1.5f}, null, null));
    }

    @Test
    void precisionRecallTopKAndClassId() {
        // top_k 1 keeps row maxima [idx1, idx0, idx2]; labels [[0,1,1,0],[0,0,0,1],[1,0,0,0]]:
        // tp 1 (row 0), fp 2 → precision 1/3; fn = 3 other positive labels → recall 1/4
        Tensor multi = Tensor.of(new float[][] {{0, 1, 1, 0}, {0, 0, 0, 1}, {1, 0, 0, 0}});
        Precision p = new Precision(null, 1, null);
        Recall r = new Recall(null, 1, null);
        p.updateState(multi, PROBS, null);
        r.updateState(multi, PROBS, null);
        assertEquals(1.0 / 3, p.result(), TOL);
        assertEquals(0.25, r.result(), TOL);
        // class 0 only, threshold 0.2: column [0.1, 0.4, 0.25] vs labels [0, 0, 1] → tp 1, fp 1, fn 0
        Precision pc = new Precision(new float[] {0.2f}, null, 0);
        Recall rc = new Recall(new float[] {0.2f}, null, 0);
        pc.updateState(multi, PROBS, null);
        rc.updateState(multi, PROBS, null);
        assertEquals(0.5, pc.result(), TOL);
        assertEquals(1.0, rc.result(), TOL);
        assertThrows(IllegalArgumentException.class, () -> new Precision(null, null, 7).updateState(multi, PROBS, null));
    }

    @Test
    void auc() {
        // 4 positives, 4 negatives; 14 of 16 pairs ranked right: exact ROC AUC 0.875, which 200 thresholds reproduce
        AUC roc = new AUC();
        roc.updateState(Y, P, null);
        assertEquals(0.875, roc.result(), TOL);
        AUC rocW = new AUC();
        rocW.updateState(Y, P, W);
        assertEquals(0.8666666666666667, rocW.result(), TOL);
        AUC pr = new AUC(200, "PR", "interpolation");
        pr.updateState(Y, P, null);
        assertEquals(0.9088392216030228, pr.result(), TOL);
        AUC prW = new AUC(200, "PR", "interpolation");
        prW.updateState(Y, P, W);
        assertEquals(0.9045994375728845, prW.result(), TOL);
        AUC minoring = new AUC(10, "PR", "minoring");
        minoring.updateState(Y, P, null);
        assertEquals(0.6666666666666666, minoring.result(), TOL);
        // two batches equal one
        AUC split = new AUC();
        split.updateState(Y.slice(0, 4), P.slice(0, 4), null);
        split.updateState(Y.slice(4, 8), P.slice(4, 8), null);
        assertEquals(0.875, split.result(), TOL);
        assertEquals(200, roc.thresholds().length);
        assertEquals(1f / 199, roc.thresholds()[1], 1e-9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AUC(200, "XY", "minoring"));
        assertTrue(e.getMessage().contains("curve=XY") && e.getMessage().contains("ROC"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AUC(1, "ROC", "interpolation"));
    }

    @Test
    void regressionMetrics() {
        // per-sample mse [0.5, 2], weights [1, 3]: sqrt((0.5 + 6) / 4) = 1.2747549; unweighted sqrt(1.25)
        Tensor t = Tensor.of(new float[][] {{1, 2}, {3, 4}});
        Tensor p = Tensor.of(new float[][] {{1, 3}, {5, 4}});
        RootMeanSquaredError rmse = new RootMeanSquaredError();
        rmse.updateState(t, p, Tensor.vector(1, 3));
        assertEquals(1.2747548783981961, rmse.result(), TOL);
        rmse.resetState();
        rmse.updateState(t, p, null);
        assertEquals(1.118033988749895, rmse.result(), TOL);
        // mape: 100·mean(|0.2/1|, |1.7/2|, |2.5/4|) = 55.8333
        MeanAbsolutePercentageError mape = new MeanAbsolutePercentageError();
        mape.updateState(Tensor.of(new float[] {1, 2, 4}, 1, 3), Tensor.of(new float[] {0.8f, 0.3f, 1.5f}, 1, 3), null);
        assertEquals(55.833333333, mape.result(), 1e-5);
        // msle: the same per-sample values as the loss test, weighted [2, 0.5] → (2·a + 0.5·b) / 2.5
        MeanSquaredLogarithmicError msle = new MeanSquaredLogarithmicError();
        msle.updateState(Tensor.of(new float[][] {{1, 0, 2}, {0.5f, 3, 0}}),
                Tensor.of(new float[][] {{0.8f, 0.3f, 1.5f}, {1, 2, 0.2f}}), Tensor.vector(2, 0.5f));
        assertEquals((2 * 0.03772564770939386 + 0.5 * 0.06625435440925834) / 2.5, msle.result(), TOL);
        // cosine: rows [1,0]·[1,1]/√2 = 0.70711 and [0,1]·[0,-2]/2 = -1 → mean -0.146447
        CosineSimilarity cos = new CosineSimilarity();
        cos.updateState(Tensor.of(new float[][] {{1, 0}, {0, 1}}), Tensor.of(new float[][] {{1, 1}, {0, -2}}), null);
        assertEquals(-0.14644660940672627, cos.result(), TOL);
        // logcosh: (log cosh 1 + log cosh 2) / 2
        LogCoshError lc = new LogCoshError();
        lc.updateState(Tensor.of(new float[] {0, 0}, 1, 2), Tensor.of(new float[] {1, -2}, 1, 2), null);
        assertEquals(0.8793917889204458, lc.result(), TOL);
        assertEquals("logcosh", lc.name());
    }

    @Test
    void sumMetric() {
        Sum s = new Sum();
        s.updateState(Tensor.vector(1, 3, 5, 7), null);
        assertEquals(16, s.result(), 0);
        s.updateState(Tensor.vector(1, 3, 5, 7), Tensor.vector(1, 1, 0, 0));
        assertEquals(20, s.result(), 0);
        // per-sample weights broadcast over each row: [[1,2],[3,4]] with [2, 0.5] → 6 + 3.5
        Sum rows = new Sum();
        rows.updateState(Tensor.of(new float[][] {{1, 2}, {3, 4}}), Tensor.vector(2, 0.5f));
        assertEquals(9.5, rows.result(), 0);
        s.resetState();
        assertEquals(0, s.result(), 0);
        assertThrows(UnsupportedOperationException.class, () -> s.updateState(Y, P, null));
    }

    @Test
    void registryKnowsKerasNames() {
        String[][] names = {
            {"top_k_categorical_accuracy", "top_k_categorical_accuracy"}, {"TopKCategoricalAccuracy", "top_k_categorical_accuracy"},
            {"sparse_top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy"},
            {"SparseTopKCategoricalAccuracy", "sparse_top_k_categorical_accuracy"},
            {"precision", "precision"}, {"Precision", "precision"}, {"recall", "recall"}, {"Recall", "recall"},
            {"auc", "auc"}, {"AUC", "auc"}, {"root_mean_squared_error", "root_mean_squared_error"},
            {"RootMeanSquaredError", "root_mean_squared_error"}, {"mape", "mean_absolute_percentage_error"},
            {"MAPE", "mean_absolute_percentage_error"}, {"msle", "mean_squared_logarithmic_error"},
            {"MeanSquaredLogarithmicError", "mean_squared_logarithmic_error"}, {"cosine_similarity", "cosine_similarity"},
            {"CosineSimilarity", "cosine_similarity"}, {"LogCoshError", "logcosh"}, {"log_cosh_error", "logcosh"},
            {"logcosh", "logcosh"}, {"Sum", "sum"}, {"sum", "sum"}, {"Mean", "mean"}};
        for (String[] n : names) {
            assertEquals(n[1], Metrics.get(n[0]).name(), n[0]);
        }
        assertInstanceOf(AUC.class, Metrics.get("AUC"));
        // compile naming: the string as given
        assertEquals("rmse_like", Metrics.resolve("root_mean_squared_error", new int[] {2}, new int[] {2}).name()
                .replace("root_mean_squared_error", "rmse_like"));
        assertEquals("auc", Metrics.resolve("auc", new int[] {4, 1}, new int[] {4, 1}).name());
    }
}
