package org.jkeras.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jkeras.activations.Activations;
import org.jkeras.layers.activations.Activation;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.core.InputLayer;
import org.jkeras.layers.regularization.Dropout;
import org.jkeras.layers.reshaping.Flatten;
import org.jkeras.layers.reshaping.Reshape;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CoreLayersTest {

    @ParameterizedTest
    @ValueSource(strings = {"linear", "relu", "sigmoid", "tanh", "softmax", "elu", "selu", "softplus", "softsign",
            "gelu", "silu", "leaky_relu", "hard_sigmoid"})
    void denseWithEveryActivation(String activation) {
        LayerTestCase.run(new Dense(3, activation), new int[] {4, 5}, true);
    }

    @Test
    void denseComputesXWPlusB() {
        Dense d = new Dense(2).kernelInitializer("ones").biasInitializer("ones");
        d.build(new int[] {-1, 3});
        Tensor y = d.call(Tensor.of(new float[][] {{1, 2, 3}, {0, 0, 1}}), false);
        // [1,2,3]·ones(3,2) + 1 = 7 ; [0,0,1]·ones + 1 = 2
        assertArrayEquals(new float[] {7, 7, 2, 2}, y.toArray());
        assertEquals(8, d.countParams());
    }

    @Test
    void denseOnRank3AppliesToLastAxis() {
        LayerTestCase.run(new Dense(4, "tanh").useBias(false), new int[] {2, 3, 5}, true);
    }

    @Test
    void activationLayer() {
        Tensor y = LayerTestCase.run(new Activation("relu"), new int[] {3, 4}, true);
        for (float v : y.toArray()) {
            assertTrue(v >= 0);
        }
    }

    @Test
    void flattenAndReshape() {
        LayerTestCase.run(new Flatten(), new int[] {2, 3, 4}, true);
        Tensor y = LayerTestCase.run(new Reshape(2, -1), new int[] {3, 8}, true);
        assertArrayEquals(new int[] {3, 2, 4}, y.shape());
        assertArrayEquals(new int[] {-1, 4, 2}, new Reshape(4, 2).computeOutputShape(new int[] {-1, 8}));
        assertThrows(IllegalArgumentException.class, () -> new Reshape(3, 3).computeOutputShape(new int[] {-1, 8}));
    }

    @Test
    void dropoutThroughTheHarness() {
        LayerTestCase.of(() -> new Dropout(0.3).seed(5)).inputShape(4, 6).notDifferentiableInTraining().run();
        LayerTestCase.of(() -> new Dropout(0.5)).inputShape(2, 3, 4).notDifferentiableInTraining().run();
    }

    @Test
    void dropoutIsIdentityAtInferenceAndScalesInTraining() {
        Dropout d = new Dropout(0.5).seed(7);
        d.build(new int[] {-1, 1000});
        Tensor x = Tensor.ones(4, 1000);
        assertArrayEquals(x.toArray(), d.call(x, false).toArray());
        float[] y = d.call(x, true).toArray();
        int zeros = 0;
        for (float v : y) {
            if (v == 0f) {
                zeros++;
            } else {
                assertEquals(2f, v, 1e-6); // 1 / (1 - 0.5)
            }
        }
        assertTrue(zeros > 1800 && zeros < 2200, "about half dropped: " + zeros);
        // seeded: the same seed gives the same mask, another seed a different one
        Dropout same = new Dropout(0.5).seed(7);
        assertArrayEquals(y, same.call(x, true).toArray());
        assertNotEquals(java.util.Arrays.toString(y), java.util.Arrays.toString(new Dropout(0.5).seed(8).call(x, true).toArray()));
    }

    @Test
    void automaticNamesFollowKeras() {
        Names.reset();
        assertEquals("dense", new Dense(1).name());
        assertEquals("dense_1", new Dense(1).name());
        assertEquals("batch_normalization", Names.snake("BatchNormalization"));
        assertEquals("input_layer", new InputLayer(3).name());
        assertEquals("custom", new Dense(1).name("custom").name());
    }

    @Test
    void badArgumentsAreRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dense(0));
        assertTrue(e.getMessage().contains("units=0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dense(3, "relux"));
        assertTrue(e.getMessage().contains("relux") && e.getMessage().contains("relu"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5));
        assertTrue(e.getMessage().contains("rate=1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dense(3).kernelInitializer("glorot_unifrom"));
        assertTrue(e.getMessage().contains("glorot_unifrom") && e.getMessage().contains("glorot_uniform"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dense(3).inputShape(0));
        assertTrue(e.getMessage().contains("[0]"), e.getMessage());
        Dense built = new Dense(2);
        built.build(new int[] {-1, 3});
        e = assertThrows(IllegalArgumentException.class, () -> built.call(Tensor.zeros(2, 4), false));
        // Keras's InputSpec message: the layer, the axis and size expected, the shape given
        assertTrue(e.getMessage().contains("\"" + built.name() + "\"") && e.getMessage().contains("expected axis -1 of input "
                + "shape to have value 3") && e.getMessage().contains("(2, 4)"), e.getMessage());
    }

    @Test
    void activationRegistryKnowsKerasNames() {
        assertEquals("linear", Activations.get(null).name());
        assertEquals("silu", Activations.get("swish").name());
        float[] hs = Activations.get("hard_sigmoid").apply(Tensor.vector(-4f, 0f, 1.5f, 4f)).toArray();
        assertArrayEquals(new float[] {0f, 0.5f, 0.75f, 1f}, hs, 1e-6f); // Keras 3: relu6(x + 3) / 6
        float[] lr = Activations.get("leaky_relu").apply(Tensor.vector(-1f, 2f)).toArray();
        assertArrayEquals(new float[] {-0.2f, 2f}, lr, 1e-6f);
        // gelu(1) = 0.5·(1 + erf(1/√2)) = 0.8413447460685429 (exact form, Keras's default)
        assertEquals(0.8413447f, Activations.get("gelu").apply(Tensor.vector(1f)).item(), 1e-6f);
        // selu(-1) = 1.0507009873554805 · 1.6732632423543772 · (e^-1 − 1) = -1.1113307378125625
        assertEquals(-1.1113307f, Activations.get("selu").apply(Tensor.vector(-1f)).item(), 1e-6f);
    }
}
