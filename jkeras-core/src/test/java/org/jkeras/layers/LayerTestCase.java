package org.jkeras.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.autodiff.Variable;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * One harness for every layer (Keras's {@code run_layer_test}): builds the layer for an input shape, checks the
 * output shape against {@code computeOutputShape}, checks the gradients of the output with respect to the input
 * and every weight against finite differences, takes one SGD step and checks the weights moved, and checks that
 * the config names the layer.
 */
public final class LayerTestCase {
    private LayerTestCase() {}

    /** Runs the shared checks; {@code inputShape} includes the batch size. Returns the output. */
    public static Tensor run(Layer layer, int[] inputShape, boolean differentiable) {
        int[] symbolic = inputShape.clone();
        symbolic[0] = -1;
        layer.build(symbolic);
        Tensor x = GradientCheck.randomInput(99, inputShape);
        Tensor y = layer.call(x, false);
        int[] expected = layer.computeOutputShape(symbolic);
        expected[0] = inputShape[0];
        assertArrayEquals(expected, y.shape(), layer + ": output shape vs computeOutputShape");

        if (differentiable) {
            List<Tensor> inputs = new ArrayList<>();
            inputs.add(x);
            for (Variable v : layer.weights()) {
                inputs.add(v.value());
            }
            // A small step: piecewise-linear activations (relu, leaky_relu, hard_sigmoid) have kinks that a larger
            // step could straddle, since pre-activations are not controlled here (the op tests cover the kinks).
            GradientCheck.Result r = GradientCheck.check(in -> layer.call(in[0], false), inputs.toArray(new Tensor[0]), 1e-3);
            assertTrue(r.passed(3e-2, 3e-3), layer + " " + layer.getConfig() + ": " + r);
        }

        List<Variable> trainable = layer.trainableWeights();
        if (!trainable.isEmpty()) {
            List<float[]> before = new ArrayList<>();
            for (Variable v : trainable) {
                before.add(v.value().toArray());
            }
            Tensor[] grads;
            try (GradientTape tape = new GradientTape()) {
                tape.watch(trainable);
                Tensor loss = Ops.mean(Ops.square(layer.call(x, true)), new int[0], false);
                grads = tape.gradient(loss, trainable);
            }
            for (int i = 0; i < trainable.size(); i++) {
                Variable v = trainable.get(i);
                v.assign(v.value().sub(grads[i].scale(0.1f)));
                assertFalse(Arrays.equals(before.get(i), v.value().toArray()), layer + ": weight " + v.name() + " moved");
            }
        }
        Map<String, Object> config = layer.getConfig();
        assertTrue(config.containsKey("name"), layer + ": config has a name");
        return y;
    }
}
