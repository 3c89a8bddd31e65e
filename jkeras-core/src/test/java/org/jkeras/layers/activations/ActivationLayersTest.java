package org.jkeras.layers.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.layers.LayerTestCase;
import org.jkeras.saving.LayerSerialization;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The activation layers: the harness, values against a direct loop, Keras config keys, bad arguments. */
class ActivationLayersTest {
    private static final Tensor X = GradientCheck.randomInput(5, 3, 4);

    @Test
    void activationAndReluInEveryMode() {
        LayerTestCase.of(() -> new Activation("tanh")).inputShape(3, 4).run();
        LayerTestCase.of(ReLU::new).inputShape(3, 4).run();
        LayerTestCase.of(() -> new ReLU().maxValue(6)).inputShape(3, 4).run();
        LayerTestCase.of(() -> new ReLU().negativeSlope(0.1)).inputShape(2, 3, 4).run();
        Tensor y = LayerTestCase.of(() -> new ReLU().negativeSlope(0.2).maxValue(1.5).threshold(0.4)).inputs(X).run();
        for (int i = 0; i < X.size(); i++) {
            float v = X.buffer()[i];
            double expected = Math.min(Math.max(v > 0.4 ? v : 0, 0), 1.5) - 0.2 * Math.max(0.4 - v, 0);
            assertEquals(expected, y.buffer()[i], 1e-6);
        }
    }

    @Test
    void leakyReluEluValues() {
        Tensor y = LayerTestCase.of(LeakyReLU::new).inputs(X).run();
        Tensor e = LayerTestCase.of(() -> new ELU().alpha(0.5)).inputs(X).run();
        for (int i = 0; i < X.size(); i++) {
            float v = X.buffer()[i];
            assertEquals(v >= 0 ? v : 0.3 * v, y.buffer()[i], 1e-6); // Keras's default negative_slope 0.3
            assertEquals(v > 0 ? v : 0.5 * (Math.exp(v) - 1), e.buffer()[i], 1e-6);
        }
    }

    @Test
    void preluLearnsOneSlopePerSharedGroup() {
        Tensor x = GradientCheck.randomInput(6, 2, 3, 3, 2);
        PReLU layer = new PReLU().sharedAxes(1, 2).alphaInitializer("ones");
        layer.call(x, false);
        assertArrayEquals(new int[] {1, 1, 2}, layer.alpha().shape());
        layer.alpha().assign(Tensor.of(new float[] {0.25f, -0.5f}, 1, 1, 2));
        Tensor y = layer.call(x, false);
        for (int i = 0; i < x.size(); i++) {
            float v = x.buffer()[i];
            float a = i % 2 == 0 ? 0.25f : -0.5f;
            assertEquals(v > 0 ? v : a * v, y.buffer()[i], 1e-6);
        }
        LayerTestCase.of(() -> new PReLU().sharedAxes(1, 2).alphaInitializer("random_uniform")).inputShape(2, 3, 3, 2).run();
        LayerTestCase.of(() -> new PReLU().alphaInitializer("random_uniform")).inputShape(2, 5).run();
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> layer.call(Tensor.zeros(2, 3, 3, 4), false));
        assertTrue(bad.getMessage().contains(layer.name()) && bad.getMessage().contains("axis 3"), bad.getMessage());
    }

    @Test
    void softmaxOverAxesAndWithAMask() {
        Tensor y = LayerTestCase.of(Softmax::new).inputs(X).run();
        for (int r = 0; r < 3; r++) {
            double z = 0;
            for (int c = 0; c < 4; c++) {
                z += Math.exp(X.get(r, c));
            }
            for (int c = 0; c < 4; c++) {
                assertEquals(Math.exp(X.get(r, c)) / z, y.get(r, c), 1e-6);
            }
        }
        LayerTestCase.of(() -> new Softmax(1, 2)).inputShape(2, 3, 4).run();
        Softmax sm = new Softmax();
        Tensor mask = Tensor.of(new float[] {1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1}, 3, 4);
        Tensor masked = sm.callAll(List.of(X), List.of(mask), false).get(0);
        assertEquals(0f, masked.get(0, 1), 0f);
        double z = Math.exp(X.get(0, 0)) + Math.exp(X.get(0, 2)) + Math.exp(X.get(0, 3));
        assertEquals(Math.exp(X.get(0, 2)) / z, masked.get(0, 2), 1e-6);
        assertEquals(List.of(mask), sm.computeMask(List.of(X), List.of(mask)), "Softmax passes the mask on");
        assertThrows(IllegalArgumentException.class, () -> new Softmax(3).call(X, false));
    }

    @Test
    void kerasConfigKeysAreRead() {
        ReLU relu = (ReLU) LayerSerialization.fromJson("{\"class_name\": \"ReLU\", \"config\": {\"name\": \"r\", "
                + "\"max_value\": 6.0, \"negative_slope\": 0.0, \"threshold\": 0.0}}");
        assertEquals(6.0, relu.maxValue());
        LeakyReLU keras2 = (LeakyReLU) LayerSerialization.fromJson("{\"class_name\": \"LeakyReLU\", \"config\": "
                + "{\"name\": \"l\", \"alpha\": 0.1}}");
        assertEquals(0.1, keras2.negativeSlope());
        Softmax joint = (Softmax) LayerSerialization.fromJson("{\"class_name\": \"Softmax\", \"config\": {\"axis\": [1, 2]}}");
        assertArrayEquals(new int[] {1, 2}, joint.axes());
        PReLU p = (PReLU) LayerSerialization.fromJson("{\"class_name\": \"PReLU\", \"config\": {\"name\": \"PReLU1\", "
                + "\"alpha_initializer\": {\"class_name\": \"Zeros\", \"config\": {}}, \"alpha_regularizer\": null, "
                + "\"alpha_constraint\": null, \"shared_axes\": [1, 2]}}");
        assertArrayEquals(new int[] {1, 2}, p.sharedAxes());
        Map<String, Object> c = new LeakyReLU().getConfig();
        assertEquals(0.3, c.get("negative_slope"));
    }

    @Test
    void badArgumentsNameTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReLU().threshold(-1));
        assertTrue(e.getMessage().contains("threshold=-1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ReLU().maxValue(-2));
        assertTrue(e.getMessage().contains("max_value=-2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LeakyReLU().negativeSlope(-0.1));
        assertTrue(e.getMessage().contains("negative_slope=-0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PReLU().sharedAxes(0));
        assertTrue(e.getMessage().contains("shared_axes=[0]"), e.getMessage());
    }
}
