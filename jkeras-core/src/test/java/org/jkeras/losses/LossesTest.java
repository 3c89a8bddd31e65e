package org.jkeras.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Loss values against numbers worked out independently (the arithmetic is in each comment; the logs were
 * evaluated with plain python3 {@code math}).
 */
class LossesTest {
    private static final double TOL = 1e-5;

    private static Tensor t(float[] d, int... shape) {
        return Tensor.of(d, shape);
    }

    private static double value(Loss loss, Tensor yTrue, Tensor yPred, Tensor w) {
        return loss.compute(yTrue, yPred, w).item();
    }

    private static void assertPerSample(double[] expected, Tensor actual) {
        assertEquals(expected.length, actual.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.buffer()[actual.offset() + i], TOL, "sample " + i);
        }
    }

    // ---------------------------------------------------------------- reduction with sample weights

    @Test
    void sumOverBatchSizeWithSampleWeights() {
        // MAE per sample: |0-1| = 1, |0-3| = 3.
        Loss mae = new MeanAbsoluteError();
        Tensor yTrue = t(new float[] {0, 0}, 2, 1), yPred = t(new float[] {1, 3}, 2, 1);
        assertPerSample(new double[] {1, 3}, mae.call(yTrue, yPred));
        assertEquals(2.0, value(mae, yTrue, yPred, null), TOL);                     // (1+3)/2
        assertEquals(0.5, value(mae, yTrue, yPred, Tensor.vector(1, 0)), TOL);       // (1·1 + 3·0)/2, zeros count in n
        assertEquals(4.0, value(mae, yTrue, yPred, Tensor.vector(2, 2)), TOL);       // (1·2 + 3·2)/2, not normalised
        assertEquals(0.5, value(mae, yTrue, yPred, t(new float[] {1, 0}, 2, 1)), TOL); // weights [n,1] work too
    }

    @Test
    void sampleWeightOfWrongSizeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new MeanSquaredError().compute(t(new float[] {0, 0}, 2, 1), t(new float[] {1, 3}, 2, 1),
                        Tensor.vector(1, 2, 3)));
        assertTrue(e.getMessage().contains("sample_weight"), e.getMessage());
    }

    // ---------------------------------------------------------------- regression losses

    @Test
    void meanSquaredError() {
        // sample 0: ((1-1)² + (2-2)² + (3-5)²)/3 = 4/3; sample 1: ((0-1)²·3)/3 = 1; mean = 7/6
        Tensor yTrue = t(new float[] {1, 2, 3, 0, 0, 0}, 2, 3), yPred = t(new float[] {1, 2, 5, 1, 1, 1}, 2, 3);
        Loss mse = new MeanSquaredError();
        assertPerSample(new double[] {4.0 / 3, 1}, mse.call(yTrue, yPred));
        assertEquals(7.0 / 6, value(mse, yTrue, yPred, null), TOL);
        assertEquals("mean_squared_error", mse.name());
    }

    @Test
    void regressionTargetOfRankOneIsExpandedToMatchAnOutputOfWidthOne() {
        // y_true [2] vs y_pred [2,1]: Keras expands y_true to [2,1]; per sample (0-1)² = 1 and (0-2)² = 4
        Loss mse = new MeanSquaredError();
        assertPerSample(new double[] {1, 4}, mse.call(Tensor.vector(0, 0), t(new float[] {1, 2}, 2, 1)));
        assertEquals(2.5, value(mse, Tensor.vector(0, 0), t(new float[] {1, 2}, 2, 1), null), TOL);
        // and the other way round: y_true [2,1] vs y_pred [2]
        assertPerSample(new double[] {1, 4}, mse.call(t(new float[] {0, 0}, 2, 1), Tensor.vector(1, 2)));
    }

    @Test
    void meanAbsoluteError() {
        // sample 0: (|1-2| + |2-0|)/2 = 1.5; sample 1: (|-1-1| + |0-0.5|)/2 = 1.25
        Tensor yTrue = t(new float[] {1, 2, -1, 0}, 2, 2), yPred = t(new float[] {2, 0, 1, 0.5f}, 2, 2);
        assertPerSample(new double[] {1.5, 1.25}, new MeanAbsoluteError().call(yTrue, yPred));
    }

    // ---------------------------------------------------------------- categorical cross-entropy

    private static final Tensor ONE_HOT = t(new float[] {0, 1, 0, 0, 0, 1}, 2, 3);
    private static final Tensor PROBS = t(new float[] {0.05f, 0.95f, 0, 0.1f, 0.8f, 0.1f}, 2, 3);

    @Test
    void categoricalCrossentropyOnProbabilities() {
        // Keras docstring example: -log(0.95) = 0.051293, -log(0.1) = 2.302585; mean 1.176939
        Loss cce = new CategoricalCrossentropy();
        assertPerSample(new double[] {0.05129329, 2.30258509}, cce.call(ONE_HOT, PROBS));
        assertEquals(1.17693919, value(cce, ONE_HOT, PROBS, null), TOL);
        // weights [1, 0]: 0.051293/2
        assertEquals(0.05129329 / 2, value(cce, ONE_HOT, PROBS, Tensor.vector(1, 0)), TOL);
    }

    @Test
    void categoricalCrossentropyRenormalisesAndClips() {
        // [1,2,1] renormalised to [0.25,0.5,0.25]: -log(0.5) = 0.693147
        Loss cce = new CategoricalCrossentropy();
        assertPerSample(new double[] {0.69314718}, cce.call(t(new float[] {0, 1, 0}, 1, 3), t(new float[] {1, 2, 1}, 1, 3)));
        // a probability of 0 is clipped to 1e-7: -log(1e-7) = 16.118096
        assertPerSample(new double[] {16.1180957},
                cce.call(t(new float[] {1, 0, 0}, 1, 3), t(new float[] {0, 1, 0}, 1, 3)));
    }

    @Test
    void categoricalCrossentropyWithLabelSmoothing() {
        // s = 0.1, 3 classes: y = [0,1,0]·0.9 + 0.1/3 = [0.0333, 0.9333, 0.0333];
        // -(0.0333·log 0.05 + 0.9333·log 0.95 + 0.0333·log 1e-7) = 0.685001
        Loss cce = new CategoricalCrossentropy(false, 0.1);
        assertPerSample(new double[] {0.68500134}, cce.call(t(new float[] {0, 1, 0}, 1, 3),
                t(new float[] {0.05f, 0.95f, 0}, 1, 3)));
    }

    @Test
    void categoricalCrossentropyFromLogits() {
        // logits [1,2,3], label 2: logsumexp - 3 = log(e + e² + e³) - 3 = 0.407606
        Loss cce = new CategoricalCrossentropy(true, 0.0);
        assertPerSample(new double[] {0.40760596}, cce.call(t(new float[] {0, 0, 1}, 1, 3), t(new float[] {1, 2, 3}, 1, 3)));
    }

    @Test
    void labelSmoothingOutsideZeroOneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CategoricalCrossentropy(false, 1.5));
        assertTrue(e.getMessage().contains("label_smoothing=1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BinaryCrossentropy(false, -0.1));
    }

    // ---------------------------------------------------------------- sparse categorical cross-entropy

    @Test
    void sparseCategoricalCrossentropyWithLabelsOfShapeNAndN1() {
        // labels [1, 2] pick 0.95 and 0.1: same values as the one-hot case
        Loss sce = new SparseCategoricalCrossentropy();
        assertPerSample(new double[] {0.05129329, 2.30258509}, sce.call(Tensor.vector(1, 2), PROBS));
        assertPerSample(new double[] {0.05129329, 2.30258509}, sce.call(t(new float[] {1, 2}, 2, 1), PROBS));
        assertEquals(1.17693919, value(sce, t(new float[] {1, 2}, 2, 1), PROBS, null), TOL);
        assertEquals(2 * 1.17693919, value(sce, Tensor.vector(1, 2), PROBS, Tensor.vector(2, 2)), TOL);
    }

    @Test
    void sparseCategoricalCrossentropyFromLogits() {
        // logits [2,1,0.5] label 0: log(e² + e + e^0.5) - 2 = 0.464369; logits [0,0,0] label 2: log 3 = 1.098612
        Loss sce = new SparseCategoricalCrossentropy(true);
        assertPerSample(new double[] {0.46436878, 1.09861229},
                sce.call(Tensor.vector(0, 2), t(new float[] {2, 1, 0.5f, 0, 0, 0}, 2, 3)));
    }

    @Test
    void sparseLabelsOutOfRangeOrBadShapeAreRejected() {
        Loss sce = new SparseCategoricalCrossentropy();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sce.call(Tensor.vector(1, 3), PROBS));
        assertTrue(e.getMessage().contains("3.0") && e.getMessage().contains("[0, 3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sce.call(Tensor.vector(-1, 0), PROBS));
        e = assertThrows(IllegalArgumentException.class, () -> sce.call(ONE_HOT, PROBS));
        assertTrue(e.getMessage().contains("categorical_crossentropy"), e.getMessage());
    }

    // ---------------------------------------------------------------- binary cross-entropy

    @Test
    void binaryCrossentropyIsMeanOverLastAxis() {
        // Keras docstring: y_true [[0,1],[0,0]], y_pred [[0.6,0.4],[0.4,0.6]]
        // sample 0: -(log 0.4 + log 0.4)/2 = 0.916291; sample 1: -(log 0.6 + log 0.4)/2 = 0.713558; mean 0.814924
        Loss bce = new BinaryCrossentropy();
        Tensor yTrue = t(new float[] {0, 1, 0, 0}, 2, 2), yPred = t(new float[] {0.6f, 0.4f, 0.4f, 0.6f}, 2, 2);
        assertPerSample(new double[] {0.91629073, 0.71355818}, bce.call(yTrue, yPred));
        assertEquals(0.81492445, value(bce, yTrue, yPred, null), TOL);
    }

    @Test
    void binaryCrossentropyFromLogits() {
        // z = -1, y = 0: log1p(e^-1) = 0.313262; z = 2, y = 1: 2 - 2 + log1p(e^-2) = 0.126928; mean 0.220095
        Loss bce = new BinaryCrossentropy(true, 0.0);
        assertPerSample(new double[] {0.22009485}, bce.call(t(new float[] {0, 1}, 1, 2), t(new float[] {-1, 2}, 1, 2)));
    }

    @Test
    void binaryCrossentropyWithLabelSmoothing() {
        // s = 0.2: y·0.8 + 0.1 -> [0.1, 0.9]; each element -(0.1·log 0.6 + 0.9·log 0.4) = 0.875744
        Loss bce = new BinaryCrossentropy(false, 0.2);
        assertPerSample(new double[] {0.87574422}, bce.call(t(new float[] {0, 1}, 1, 2), t(new float[] {0.6f, 0.4f}, 1, 2)));
    }

    @Test
    void binaryCrossentropyWithRankOneTargets() {
        // y_true [2] vs sigmoid output [2,1]: -log 0.6 = 0.510826, -log(1-0.4) = 0.510826
        Loss bce = new BinaryCrossentropy();
        assertPerSample(new double[] {0.51082562, 0.51082562},
                bce.call(Tensor.vector(1, 0), t(new float[] {0.6f, 0.4f}, 2, 1)));
    }

    // ---------------------------------------------------------------- registry

    @Test
    void registryResolvesKerasNamesAndAliases() {
        assertInstanceOf(CategoricalCrossentropy.class, Losses.get("categorical_crossentropy"));
        assertInstanceOf(SparseCategoricalCrossentropy.class, Losses.get("sparse_categorical_crossentropy"));
        assertInstanceOf(BinaryCrossentropy.class, Losses.get("binary_crossentropy"));
        assertInstanceOf(BinaryCrossentropy.class, Losses.get("bce"));
        assertInstanceOf(MeanSquaredError.class, Losses.get("mse"));
        assertInstanceOf(MeanSquaredError.class, Losses.get("MSE"));
        assertInstanceOf(MeanSquaredError.class, Losses.get("mean_squared_error"));
        assertInstanceOf(MeanAbsoluteError.class, Losses.get("mae"));
        assertInstanceOf(MeanAbsoluteError.class, Losses.get("MeanAbsoluteError"));
        // Keras 3 compile wraps a loss given by string under that string; a class name gives the default name
        assertEquals("mse", Losses.get("mse").name());
        assertEquals("categorical_crossentropy", Losses.get("categorical_crossentropy").name());
        assertEquals("mean_squared_error", Losses.get("MeanSquaredError").name());
        CategoricalCrossentropy d = (CategoricalCrossentropy) Losses.get("categorical_crossentropy");
        assertEquals(false, d.fromLogits());
        assertEquals(0.0, d.labelSmoothing());
    }

    @Test
    void unknownLossNamesTheValueAndListsValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.get("hubber"));
        assertTrue(e.getMessage().contains("'hubber'"), e.getMessage());
        assertTrue(e.getMessage().contains("categorical_crossentropy") && e.getMessage().contains("mse"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.get("Categorical_Crossentropy"));
        assertTrue(e.getMessage().contains("did you mean 'categorical_crossentropy'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.get("crossentropy"));
        assertTrue(e.getMessage().contains("Losses.resolve"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Losses.get(null));
    }

    @Test
    void crossentropyShortcutResolvesByShape() {
        // Keras 3 compile_utils.get_loss: y_pred last dim 1 -> binary; rank(y_true) < rank(y_pred) or
        // (y_true last dim 1 and y_pred last dim > 1) -> sparse; else categorical. Name kept as given.
        assertInstanceOf(BinaryCrossentropy.class, Losses.resolve("crossentropy", new int[] {8, 1}, new int[] {8, 1}));
        assertInstanceOf(BinaryCrossentropy.class, Losses.resolve("ce", new int[] {8}, new int[] {8, 1}));
        assertInstanceOf(SparseCategoricalCrossentropy.class, Losses.resolve("ce", new int[] {8}, new int[] {8, 10}));
        assertInstanceOf(SparseCategoricalCrossentropy.class,
                Losses.resolve("crossentropy", new int[] {8, 1}, new int[] {8, 10}));
        assertInstanceOf(CategoricalCrossentropy.class,
                Losses.resolve("crossentropy", new int[] {8, 10}, new int[] {8, 10}));
        assertInstanceOf(CategoricalCrossentropy.class, Losses.resolve("CE", new int[] {8, 4}, new int[] {8, 4}));
        assertEquals("ce", Losses.resolve("ce", new int[] {8}, new int[] {8, 10}).name());
        assertEquals("CE", Losses.resolve("CE", new int[] {8, 4}, new int[] {8, 4}).name());
        assertInstanceOf(MeanSquaredError.class, Losses.resolve("mse", new int[] {8, 1}, new int[] {8, 1}));
    }

    @Test
    void configsCarryKerasArguments() {
        assertEquals("{name=binary_crossentropy, reduction=sum_over_batch_size, from_logits=true, "
                + "label_smoothing=0.1, axis=-1}", new BinaryCrossentropy(true, 0.1).getConfig().toString());
        assertEquals("{name=mean_squared_error, reduction=sum_over_batch_size}",
                new MeanSquaredError().getConfig().toString());
    }
}
