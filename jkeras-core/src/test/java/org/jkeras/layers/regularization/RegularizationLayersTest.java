package org.jkeras.layers.regularization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.layers.FileRoundTrip;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerTestCase;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The noise and activity-regularization layers: harness, training-only behaviour, seeds, files, bad input. */
class RegularizationLayersTest {

    private static List<Layer> seededLayers() {
        return List.of(new SpatialDropout.SpatialDropout1D(0.5).seed(1), new GaussianNoise(0.3).seed(2),
                new GaussianDropout(0.3).seed(3), new AlphaDropout(0.3).seed(4));
    }

    @Test
    void everyLayerPassesTheHarness() {
        LayerTestCase.of(() -> new SpatialDropout.SpatialDropout1D(0.3)).inputShape(2, 3, 4).notDifferentiableInTraining().run();
        LayerTestCase.of(() -> new SpatialDropout.SpatialDropout2D(0.3).seed(1)).inputShape(2, 3, 2, 4)
                .notDifferentiableInTraining().run();
        LayerTestCase.of(() -> new SpatialDropout.SpatialDropout3D(0.3, "channels_first")).inputShape(2, 3, 2, 2, 2)
                .notDifferentiableInTraining().run();
        LayerTestCase.of(() -> new GaussianNoise(0.2)).inputShape(3, 4).notDifferentiableInTraining().run();
        LayerTestCase.of(() -> new GaussianDropout(0.2).seed(1)).inputShape(3, 4).notDifferentiableInTraining().run();
        LayerTestCase.of(() -> new AlphaDropout(0.2)).inputShape(3, 4).notDifferentiableInTraining().run();
        LayerTestCase.of(() -> new ActivityRegularization(0.01, 0.02)).inputShape(3, 4).run();
    }

    @Test
    void noiseOnlyInTrainingAndSeededReproducible() {
        Tensor x = GradientCheck.randomInput(3, 4, 5, 6);
        for (Layer l : seededLayers()) {
            assertArrayEquals(x.toArray(), l.call(x, false).toArray(), l + " is the identity at inference");
            float[] a = l.call(x, true).toArray();
            assertFalse(Arrays.equals(x.toArray(), a), l + " changes its input in training");
        }
        List<Layer> again = seededLayers();
        List<Layer> first = seededLayers();
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i).call(x, true).toArray(), again.get(i).call(x, true).toArray(),
                    first.get(i) + ": the same seed gives the same noise");
        }
        Layer l = new GaussianNoise(0.3).seed(2);
        assertNotEquals(Arrays.toString(l.call(x, true).toArray()), Arrays.toString(l.call(x, true).toArray()),
                "successive training calls draw fresh noise");
    }

    @Test
    void spatialDropout2DDropsWholeChannelsInEitherFormat() {
        Tensor x = Tensor.ones(2, 3, 3, 4);
        float[] last = new SpatialDropout.SpatialDropout2D(0.5).seed(9).call(x, true).toArray();
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < 4; c++)
                for (int s = 1; s < 9; s++) assertEquals(last[n * 36 + c], last[n * 36 + s * 4 + c]);
        float[] first = new SpatialDropout.SpatialDropout2D(0.5, "channels_first").seed(9).call(x, true).toArray();
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < 3; c++)
                for (int s = 1; s < 12; s++) assertEquals(first[n * 36 + c * 12], first[n * 36 + c * 12 + s]);
    }

    @Test
    void activityRegularizationAddsItsPenaltyPerSample() {
        ActivityRegularization reg = new ActivityRegularization(0.5, 0.25);
        Tensor x = Tensor.of(new float[][] {{1, -2}, {3, 0}});
        assertArrayEquals(x.toArray(), reg.call(x, true).toArray());
        List<Tensor> losses = reg.losses();
        assertEquals(1, losses.size());
        double expected = (0.5 * (1 + 2 + 3) + 0.25 * (1 + 4 + 9)) / 2;   // Keras 3 divides by the batch size
        assertEquals(expected, losses.get(0).item(), 1e-6);
        assertFalse(reg.getConfig().containsKey("activity_regularizer"));
    }

    @Test
    void layersRoundTripThroughKerasFiles() {
        FileRoundTrip.check(new SpatialDropout.SpatialDropout1D(0.2).seed(4), 2, 3, 4);
        FileRoundTrip.check(new SpatialDropout.SpatialDropout2D(0.2, "channels_first"), 2, 3, 2, 2);
        FileRoundTrip.check(new SpatialDropout.SpatialDropout3D(0.2), 2, 2, 2, 2, 3);
        FileRoundTrip.check(new GaussianNoise(0.1).seed(1), 3, 4);
        FileRoundTrip.check(new GaussianDropout(0.1), 3, 4);
        FileRoundTrip.check(new AlphaDropout(0.1).seed(2), 3, 4);
        FileRoundTrip.check(new ActivityRegularization(0.1, 0.2), 3, 4);
    }

    @Test
    void badInputGetsClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GaussianDropout(1.5));
        assertTrue(e.getMessage().contains("rate=1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GaussianNoise(-1));
        assertTrue(e.getMessage().contains("stddev=-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SpatialDropout.SpatialDropout2D(0.1, "nhwc"));
        assertTrue(e.getMessage().contains("data_format=nhwc"), e.getMessage());
        Layer d = new SpatialDropout.SpatialDropout2D(0.1);
        e = assertThrows(IllegalArgumentException.class, () -> d.call(Tensor.ones(2, 3, 4), true));
        assertTrue(e.getMessage().toLowerCase().contains("ndim") || e.getMessage().contains("rank")
                || e.getMessage().contains("4"), e.getMessage());
    }
}
