package org.jkeras.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.autodiff.Variable;
import org.jkeras.layers.core.Dense;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.SGD;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A custom train step written as the package comment shows (Keras's {@code train_step} override): the fit loop,
 * callbacks and logs stay, the step is the user's.
 */
class CustomTrainStepTest {

    private static Tensor x() {
        Tensor x = Tensor.zeros(12, 3);
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 3; j++) {
                x.set((float) Math.sin(i + 2.0 * j), i, j);
            }
        }
        return x;
    }

    private static Tensor y() {
        Tensor y = Tensor.zeros(12, 1);
        for (int i = 0; i < 12; i++) {
            y.set(0.1f * i - 0.4f, i, 0);
        }
        return y;
    }

    /** Halves every gradient, then lets the optimizer apply it; adds the gradient norm to the logs. */
    static final class HalvedGradients extends Sequential {
        final List<Double> norms = new ArrayList<>();

        HalvedGradients() {
            super(new Dense(2, "tanh").inputDim(3), new Dense(1));
        }

        @Override
        protected Map<String, Double> trainStep(StepData data) {
            List<Variable> vars = trainableWeights();
            List<Tensor> yPred;
            Tensor[] grads;
            try (GradientTape tape = new GradientTape()) {
                tape.watch(vars);
                yPred = forward(data.x(), true);
                grads = tape.gradient(computeLoss(data, yPred), vars);
            }
            double sq = 0;
            for (int i = 0; i < grads.length; i++) {
                grads[i] = grads[i].scale(0.5f);
                for (float g : grads[i].toArray()) {
                    sq += g * g;
                }
            }
            optimizer().apply(vars, grads);
            updateMetrics(data, yPred);
            Map<String, Double> logs = new LinkedHashMap<>(metricsResult());
            logs.put("grad_norm", Math.sqrt(sq));
            norms.add(Math.sqrt(sq));
            return logs;
        }
    }

    @Test
    void halvedGradientsWithTwiceTheRateTrainAsPlainSgd() {
        Seeds.setGlobalSeed(3);
        HalvedGradients custom = new HalvedGradients();
        Seeds.setGlobalSeed(3);
        Sequential plain = new Sequential(new Dense(2, "tanh").inputDim(3), new Dense(1));
        plain.setWeights(custom.getWeights());
        custom.compile(new SGD(0.2), "mse", "mae");
        plain.compile(new SGD(0.1), "mse", "mae");
        FitOptions o = FitOptions.defaults().epochs(3).batchSize(5).shuffle(false).verbose(0);
        custom.fit(x(), y(), o);
        plain.fit(x(), y(), FitOptions.defaults().epochs(3).batchSize(5).shuffle(false).verbose(0));
        for (int i = 0; i < plain.getWeights().size(); i++) {
            assertArrayEquals(plain.getWeights().get(i).toArray(), custom.getWeights().get(i).toArray(), 1e-6f);
        }
        // the step's own logs reach History (Keras's _get_metrics_result_or_logs: other keys => the step's logs)
        Map<String, List<Double>> h = custom.history().history();
        assertEquals(List.of("grad_norm", "loss", "mae"), new ArrayList<>(h.keySet()));
        assertEquals(9, custom.norms.size());
        for (int e = 0; e < 3; e++) {
            // logs reach callbacks as float32, as Keras's (callbacks branch)
            assertEquals((double) custom.norms.get(3 * e + 2).floatValue(), h.get("grad_norm").get(e), 0.0,
                    "the last batch's value");
            assertEquals(plain.history().history().get("loss").get(e), h.get("loss").get(e), 1e-6);
        }
        assertTrue(h.get("loss").get(2) < h.get("loss").get(0));
    }
}
