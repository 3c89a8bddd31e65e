package org.jkeras.layers.normalization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.autodiff.Variable;
import org.jkeras.layers.FileRoundTrip;
import org.jkeras.layers.LayerTestCase;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The normalization layers: harness, Keras's training/inference semantics worked by hand, files, bad input. */
class NormalizationLayersTest {

    @Test
    void everyLayerPassesTheHarness() {
        LayerTestCase.of(BatchNormalization::new).inputShape(6, 3).run();
        LayerTestCase.of(() -> new BatchNormalization().axis(1).momentum(0.5)).inputShape(3, 2, 2, 2).run();
        LayerTestCase.of(() -> new BatchNormalization().center(false).scale(false)).inputShape(4, 3).run();
        LayerTestCase.of("BatchNormalization", java.util.Map.of("axis", 1, "epsilon", 1e-5)).inputShape(3, 2, 2).run();
        LayerTestCase.of(LayerNormalization::new).inputShape(3, 5).run();
        LayerTestCase.of(() -> new LayerNormalization(1, 2).rmsScaling(true)).inputShape(2, 3, 2, 2).run();
        LayerTestCase.of(() -> new GroupNormalization(2)).inputShape(2, 3, 4).run();
        LayerTestCase.of(() -> new GroupNormalization(-1).axis(1)).inputShape(2, 3, 2).run();
        LayerTestCase.of(UnitNormalization::new).inputShape(3, 4).run();
        LayerTestCase.of(() -> new UnitNormalization(1, 2)).inputShape(2, 3, 2).run();
    }

    @Test
    void batchNormTrainingStatisticsAndMovingUpdateWorkedByHand() {
        BatchNormalization bn = new BatchNormalization().momentum(0.9);
        // column 0: 1,2,3,4 (mean 2.5, biased var 1.25); column 1: 0,0,4,4 (mean 2, var 4)
        Tensor x = Tensor.of(new float[][] {{1, 0}, {2, 0}, {3, 4}, {4, 4}});
        Tensor y = bn.call(x, true);
        assertArrayEquals(new float[] {0.25f, 0.2f}, bn.movingMean().value().toArray(), 1e-7f);        // 0.9·0 + 0.1·mean
        assertArrayEquals(new float[] {1.025f, 1.3f}, bn.movingVariance().value().toArray(), 1e-6f);   // 0.9·1 + 0.1·var
        double s0 = Math.sqrt(1.25 + 1e-3), s1 = Math.sqrt(4 + 1e-3);
        assertEquals((1 - 2.5) / s0, y.get(0, 0), 1e-6);
        assertEquals((4 - 2) / s1, y.get(3, 1), 1e-6);
        // inference: the moving statistics
        Tensor z = bn.call(x, false);
        assertEquals((1 - 0.25) / Math.sqrt(1.025 + 1e-3), z.get(0, 0), 1e-6);
        assertEquals((4 - 0.2) / Math.sqrt(1.3 + 1e-3), z.get(3, 1), 1e-6);
        assertArrayEquals(new float[] {0.25f, 0.2f}, bn.movingMean().value().toArray(), 1e-7f, "inference does not update");
    }

    @Test
    void maskedBatchNormUsesOnlyTheUnmaskedPositions() {
        BatchNormalization bn = new BatchNormalization().momentum(0.5);
        // [2 samples, 3 steps, 1 channel]; unmasked values 1, 2, 6 -> mean 3, biased variance 14/3
        Tensor x = Tensor.of(new float[] {1, 2, 100, 6, -50, 7}, 2, 3, 1);
        Tensor mask = Tensor.of(new float[] {1, 1, 0, 1, 0, 0}, 2, 3);
        Tensor y = bn.callAll(List.of(x), java.util.Arrays.asList(mask), true).get(0);
        assertEquals(1.5, bn.movingMean().value().get(0), 1e-5);                 // 0.5·0 + 0.5·3
        assertEquals(0.5 + 0.5 * 14.0 / 3, bn.movingVariance().value().get(0), 1e-4);
        assertEquals((6 - 3) / Math.sqrt(14.0 / 3 + 1e-3), y.get(1, 0, 0), 1e-4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bn.callAll(List.of(x), java.util.Arrays.asList(Tensor.ones(2, 3, 1)), true));
        assertTrue(e.getMessage().contains("one dimension less"), e.getMessage());
    }

    @Test
    void frozenBatchNormRunsInInferenceModeAsKeras3() {
        BatchNormalization bn = new BatchNormalization();
        Tensor x = Tensor.of(new float[][] {{1, 0}, {2, 0}, {3, 4}, {4, 4}});
        bn.call(x, false);
        bn.setTrainable(false);
        Tensor y = bn.call(x, true);
        assertArrayEquals(new float[] {0f, 0f}, bn.movingMean().value().toArray(), "no moving update when frozen");
        assertEquals(1 / Math.sqrt(1 + 1e-3), y.get(0, 0), 1e-6, "moving statistics (0, 1) used");
        assertTrue(bn.trainableWeights().isEmpty());
        bn.setTrainable(true);
        assertEquals(List.of("gamma", "beta"), bn.trainableWeights().stream().map(Variable::name).toList(),
                "the moving statistics stay non-trainable after unfreezing");
    }

    @Test
    void variablesInKerasOrder() {
        BatchNormalization bn = new BatchNormalization();
        bn.build(new int[] {-1, 3});
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"),
                bn.weights().stream().map(Variable::name).toList());
        BatchNormalization noScale = new BatchNormalization().scale(false);
        noScale.build(new int[] {-1, 3});
        assertNull(noScale.gamma());
        assertEquals(List.of("beta", "moving_mean", "moving_variance"),
                noScale.weights().stream().map(Variable::name).toList());
        LayerNormalization rms = new LayerNormalization().rmsScaling(true);
        rms.build(new int[] {-1, 3});
        assertEquals(List.of("gamma"), rms.weights().stream().map(Variable::name).toList(), "rms_scaling has no beta");
    }

    @Test
    void layersRoundTripThroughKerasFiles() {
        FileRoundTrip.check(new BatchNormalization().momentum(0.5).epsilon(1e-5), 4, 3);
        FileRoundTrip.check(new BatchNormalization().axis(1).center(false), 2, 3, 2);
        FileRoundTrip.check(new LayerNormalization(), 3, 4);
        FileRoundTrip.check(new LayerNormalization(1, 2).epsilon(1e-6), 2, 3, 2);
        FileRoundTrip.check(new GroupNormalization(2).axis(-1), 2, 3, 4);
        FileRoundTrip.check(new UnitNormalization(), 3, 4);
    }

    @Test
    void badInputGetsClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatchNormalization().axis(3).build(new int[] {-1, 4}));
        assertTrue(e.getMessage().contains("axis=3") && e.getMessage().contains("(None, 4)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GroupNormalization(4).build(new int[] {-1, 2, 6}));
        assertTrue(e.getMessage().contains("(4) must divide") && e.getMessage().contains("(6)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GroupNormalization(8).build(new int[] {-1, 2, 6}));
        assertTrue(e.getMessage().contains("cannot be more than the number of channels (6)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LayerNormalization(0).build(new int[] {-1, 6}));
        assertTrue(e.getMessage().contains("axis=0"), e.getMessage());
        BatchNormalization bn = new BatchNormalization();
        bn.build(new int[] {-1, 4});
        e = assertThrows(IllegalArgumentException.class, () -> bn.call(GradientCheck.randomInput(1, 2, 5), false));
        assertTrue(e.getMessage().contains("batch_normalization") || e.getMessage().contains(bn.name()), e.getMessage());
    }
}
