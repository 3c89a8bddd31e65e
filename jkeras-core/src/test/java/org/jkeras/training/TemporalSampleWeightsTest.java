package org.jkeras.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jkeras.layers.core.Dense;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.SGD;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Temporal sample weights (KERAS-SEMANTICS.md §1.2, §2.6): weights of shape (samples, timesteps) for an output
 * with a time axis, accepted directly as Keras 3 does, and required by compile's
 * {@code sampleWeightMode("temporal")} as Keras 2 does. Expected losses are computed here by hand: the loss is
 * {@code Σ w·l / (N·T)} ("sum over batch size" over every time step), a weighted metric {@code Σ w·l / Σ w}.
 */
class TemporalSampleWeightsTest {
    private static final int N = 4, T = 3;

    private static float xv(int n, int t, int f) {
        return (float) Math.cos(0.7 * n + 1.1 * t + 0.3 * f);
    }

    private static Tensor x() {
        Tensor x = Tensor.zeros(N, T, 2);
        for (int n = 0; n < N; n++) {
            for (int t = 0; t < T; t++) {
                for (int f = 0; f < 2; f++) {
                    x.set(xv(n, t, f), n, t, f);
                }
            }
        }
        return x;
    }

    private static float yv(int n, int t) {
        return 0.2f * n - 0.1f * t;
    }

    private static Tensor y() {
        Tensor y = Tensor.zeros(N, T, 1);
        for (int n = 0; n < N; n++) {
            for (int t = 0; t < T; t++) {
                y.set(yv(n, t), n, t, 0);
            }
        }
        return y;
    }

    private static float wv(int n, int t) {
        return (n + 2 * t) % 3; // includes zero weights
    }

    private static Tensor w() {
        Tensor w = Tensor.zeros(N, T);
        for (int n = 0; n < N; n++) {
            for (int t = 0; t < T; t++) {
                w.set(wv(n, t), n, t);
            }
        }
        return w;
    }

    /** Dense(1) on (timesteps, 2) with kernel (0.5, -1), bias 0.25. */
    private static Sequential model(CompileOptions o) {
        Sequential m = new Sequential(new Dense(1).inputShape(T, 2));
        m.compile(o);
        m.setWeights(List.of(Tensor.of(new float[] {0.5f, -1f}, 2, 1), Tensor.of(new float[] {0.25f}, 1)));
        return m;
    }

    private static CompileOptions mse() {
        return CompileOptions.optimizer(new SGD(0.0)).loss("mse").weightedMetrics("mse");
    }

    private static double err(int n, int t) {
        double pred = 0.5 * xv(n, t, 0) - xv(n, t, 1) + 0.25;
        double d = pred - yv(n, t);
        return d * d;
    }

    @Test
    void perTimestepWeightsWeighTheLossOfEachStep() {
        double wl = 0, ws = 0;
        for (int n = 0; n < N; n++) {
            for (int t = 0; t < T; t++) {
                wl += wv(n, t) * err(n, t);
                ws += wv(n, t);
            }
        }
        for (CompileOptions o : List.of(mse(), mse().sampleWeightMode("temporal"))) {
            for (int batch : new int[] {N, 1}) {
                Map<String, Double> r = model(o).evaluate(x(), y(),
                        EvaluateOptions.defaults().batchSize(batch).verbose(0).sampleWeight(w()));
                assertEquals(wl / (N * T), r.get("loss"), 1e-6, "loss, batch " + batch);
                assertEquals(wl / ws, r.get("mse"), 1e-6, "weighted mse, batch " + batch);
            }
        }
    }

    @Test
    void oneWeightPerSampleAppliesToEveryStepOfItsSample() {
        float[] perSample = {1, 0, 2, 0.5f};
        Tensor rows = Tensor.zeros(N, T);
        for (int n = 0; n < N; n++) {
            for (int t = 0; t < T; t++) {
                rows.set(perSample[n], n, t);
            }
        }
        double wl = 0;
        for (int n = 0; n < N; n++) {
            for (int t = 0; t < T; t++) {
                wl += perSample[n] * err(n, t);
            }
        }
        Map<String, Double> r1 = model(mse()).evaluate(x(), y(), EvaluateOptions.defaults().verbose(0)
                .sampleWeight(Tensor.of(perSample, N)));
        Map<String, Double> r2 = model(mse()).evaluate(x(), y(), EvaluateOptions.defaults().verbose(0).sampleWeight(rows));
        assertEquals(wl / (N * T), r1.get("loss"), 1e-6);
        assertEquals(r2.get("loss"), r1.get("loss"), 1e-7);
        assertEquals(r2.get("mse"), r1.get("mse"), 1e-7);
    }

    @Test
    void zeroWeightedStepsDoNotTrain() {
        // with zero weight on the last step, its targets cannot change what fit learns
        Tensor w = Tensor.zeros(N, T);
        for (int n = 0; n < N; n++) {
            w.set(1f, n, 0);
            w.set(1f, n, 1);
        }
        Tensor y1 = y(), y2 = y();
        for (int n = 0; n < N; n++) {
            y2.set(100f + n, n, T - 1, 0);
        }
        float[][] trained = new float[2][];
        for (int k = 0; k < 2; k++) {
            Sequential m = model(CompileOptions.optimizer(new SGD(0.1)).loss("mse").sampleWeightMode("temporal"));
            m.fit(x(), k == 0 ? y1 : y2, FitOptions.defaults().epochs(3).batchSize(2).shuffle(false).verbose(0)
                    .sampleWeight(w));
            trained[k] = m.getWeights().get(0).toArray();
        }
        assertArrayEquals(trained[0], trained[1]);
        assertTrue(trained[0][0] != 0.5f, "it trained");
    }

    @Test
    void shapesThatCannotApplyAreRefusedClearly() {
        Sequential temporal = model(mse().sampleWeightMode("temporal"));
        expect(() -> temporal.evaluate(x(), y(), EvaluateOptions.defaults().verbose(0).sampleWeight(Tensor.zeros(N))),
                "sample_weight_mode=\"temporal\"", "[4, 3]");
        expect(() -> model(mse()).evaluate(x(), y(), EvaluateOptions.defaults().verbose(0)
                .sampleWeight(Tensor.zeros(N, T + 1))), "sample_weight", "[4, 4]", "[4] (one weight per sample)", "[4, 3]");
        Sequential flat = new Sequential(new Dense(1).inputDim(2));
        flat.compile(new SGD(0.0), "mse");
        expect(() -> flat.evaluate(Tensor.zeros(N, 2), Tensor.zeros(N, 1), EvaluateOptions.defaults().verbose(0)
                .sampleWeight(Tensor.zeros(N, 1))), "no time axis", "[4, 1]");
        expect(() -> model(mse().sampleWeightMode("timestep")), "sample_weight_mode", "\"timestep\"");
    }

    private static void expect(Executable body, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, body);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' in: " + e.getMessage());
        }
    }
}
