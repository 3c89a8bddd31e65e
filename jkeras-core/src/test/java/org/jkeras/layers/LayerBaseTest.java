package org.jkeras.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.layers.activations.Activation;
import org.jkeras.layers.activations.ReLU;
import org.jkeras.layers.activations.Softmax;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.core.Input;
import org.jkeras.layers.merging.Add;
import org.jkeras.models.Model;
import org.jkeras.regularizers.L2;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The base's one call path (Keras's Layer.__call__): build on first use, InputSpec, masks, activity losses. */
class LayerBaseTest {
    private static final Tensor X = GradientCheck.randomInput(3, 4, 5);

    @Test
    void anUnbuiltLayerCalledDirectlyBuildsItself() {
        Dense d = new Dense(3);
        assertTrue(!d.built());
        Tensor y = d.call(X);
        assertTrue(d.built());
        assertArrayEquals(new int[] {4, 3}, y.shape());
        assertArrayEquals(new int[] {-1, 5}, d.builtInputShape());
        assertArrayEquals(new int[] {5, 3}, d.kernel().shape());
    }

    @Test
    void inputSpecErrorsNameLayerExpectedAndGiven() {
        Dense d = new Dense(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.call(Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("\"" + d.name() + "\"") && e.getMessage().contains("expected min_ndim=2, found "
                + "ndim=1") && e.getMessage().contains("(4,)"), e.getMessage());
        InputSpec spec = InputSpec.ndim(4).axis(-1, 3);
        e = assertThrows(IllegalArgumentException.class, () -> spec.check(new int[] {-1, 8, 8, 1}, 1, "conv"));
        assertTrue(e.getMessage().startsWith("Input 1 of layer \"conv\"") && e.getMessage().contains("axis -1")
                && e.getMessage().contains("value 3"), e.getMessage());
        spec.check(new int[] {-1, 8, 8, 3}, 0, "conv");
        e = assertThrows(IllegalArgumentException.class, () -> new ReLU().callAll(List.of(X, X), false));
        assertTrue(e.getMessage().contains("takes one input but was given 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DataFormat.parse("NHWC", "conv2d"));
        assertTrue(e.getMessage().contains("data_format=NHWC") && e.getMessage().contains("conv2d"), e.getMessage());
    }

    @Test
    void everyLayerRecordsItsActivityLoss() {
        Activation a = new Activation("relu").activityRegularizer(new L2(0.5));
        Tensor y = a.call(X);
        double expected = 0;
        for (float v : y.toArray()) {
            expected += 0.5 * v * v;
        }
        assertEquals(1, a.losses().size());
        assertEquals(expected / 4, a.losses().get(0).item(), 1e-5); // divided by the batch size, as Keras 3
        assertTrue(a.getConfig().containsKey("activity_regularizer"));
        assertTrue(!new Activation("relu").getConfig().containsKey("activity_regularizer"));
    }

    @Test
    void masksFlowThroughTheFunctionalGraph() {
        KerasTensor in = Input.of(5);
        KerasTensor out = new Softmax().apply(new ReLU().apply(in));
        Model m = new Model(in, out);
        Tensor mask = Tensor.of(new float[] {1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0}, 4, 5);
        Tensor y = m.callAll(List.of(X), List.of(mask), false).get(0);
        for (int r = 0; r < 4; r++) {
            double z = 0;
            for (int c = 0; c < 5; c++) {
                z += mask.get(r, c) * Math.exp(Math.max(X.get(r, c), 0));
            }
            for (int c = 0; c < 5; c++) {
                double expected = mask.get(r, c) * Math.exp(Math.max(X.get(r, c), 0)) / z;
                assertEquals(expected, y.get(r, c), 1e-6);
            }
        }
        // Dense supports masking in Keras 3 (supports_masking = True): the mask passes through it, so the softmax
        // after it gives masked positions exactly 0 and the others a positive share
        KerasTensor in2 = Input.of(5);
        Model m2 = new Model(in2, new Softmax().apply(new Dense(5).apply(in2)));
        float[] probs = m2.callAll(List.of(X), List.of(mask), false).get(0).toArray();
        for (int i = 0; i < probs.length; i++) {
            assertTrue(mask.toArray()[i] == 0 ? probs[i] == 0 : probs[i] > 0, "position " + i + ": " + probs[i]);
        }
    }

    @Test
    void elementwiseMergesAndTheirMasks() {
        Tensor m1 = Tensor.of(new float[] {1, 0, 1}, 1, 3), m2 = Tensor.of(new float[] {1, 1, 0}, 1, 3);
        Tensor and = new Add().computeMask(List.of(X, X), java.util.Arrays.asList(m1, m2)).get(0);
        assertArrayEquals(new float[] {1, 0, 0}, and.toArray());
        assertArrayEquals(m1.toArray(), new Add().computeMask(List.of(X, X), java.util.Arrays.asList(m1, null)).get(0).toArray());
        assertEquals(null, new Add().computeMask(List.of(X, X), java.util.Arrays.asList(null, null)));
    }

    @Test
    void aModelIsALayerOfAnotherModel() {
        KerasTensor a = Input.of(5), b = Input.of(5);
        Model inner = new Model(List.of(a, b), new Add().apply(a, b));
        KerasTensor x = Input.of(5);
        Model outer = new Model(x, new Dense(2).apply(inner.apply(x, x)));
        assertArrayEquals(new int[] {4, 2}, outer.callAll(List.of(X), false).get(0).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> inner.callAll(List.of(X), false));
        assertTrue(e.getMessage().contains("exactly 2 inputs"), e.getMessage());
    }
}
