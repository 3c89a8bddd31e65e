package org.jkeras.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.jkeras.layers.core.Dense;
import org.jkeras.models.Model;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.Adam;
import org.jkeras.saving.Models;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradientStepsTest {
    private static Path saved(Path dir) throws Exception {
        Sequential m = new Sequential(new Dense(4, "tanh").inputDim(3), new Dense(2));
        m.compile(new Adam(0.05), "mse");
        Path file = dir.resolve("m.keras");
        m.save(file);
        return file;
    }

    private static void assertSameWeights(Model a, Model b, double tol) {
        List<Tensor> wa = a.getWeights();
        List<Tensor> wb = b.getWeights();
        for (int i = 0; i < wa.size(); i++) {
            float[] x = wa.get(i).toArray();
            float[] y = wb.get(i).toArray();
            for (int k = 0; k < x.length; k++) {
                assertEquals(x[k], y[k], tol, "weight " + i + " value " + k);
            }
        }
    }

    @Test
    void computeThenApplyIsOneTrainStep(@TempDir Path dir) throws Exception {
        Path file = saved(dir);
        Model a = Models.load(file);
        Model b = Models.load(file);
        Tensor x = Tensor.randomNormal(1, 0, 1, 6, 3);
        Tensor y = Tensor.randomNormal(2, 0, 1, 6, 2);
        for (int step = 0; step < 3; step++) {
            double want = a.trainOnBatch(x, y).get("loss");
            GradientSteps.Result r = GradientSteps.computeGradients(b, x, y);
            assertEquals(want, r.loss(), 1e-6, "the loss before the update");
            assertEquals(6, r.rows());
            GradientSteps.applyGradients(b, r.gradients());
        }
        assertSameWeights(a, b, 1e-6);
    }

    @Test
    void rowWeightedShardGradientsSumToTheFullBatchGradient(@TempDir Path dir) throws Exception {
        Model m = Models.load(saved(dir));
        Tensor x = Tensor.randomNormal(3, 0, 1, 7, 3);
        Tensor y = Tensor.randomNormal(4, 0, 1, 7, 2);
        float[][] full = GradientSteps.computeGradients(m, x, y).gradients();
        float[][] head = GradientSteps.computeGradients(m, x.slice(0, 4), y.slice(0, 4)).gradients();
        float[][] tail = GradientSteps.computeGradients(m, x.slice(4, 7), y.slice(4, 7)).gradients();
        for (int i = 0; i < full.length; i++) {
            for (int k = 0; k < full[i].length; k++) {
                assertEquals(full[i][k], (4 * head[i][k] + 3 * tail[i][k]) / 7, 1e-6, "gradient " + i + "," + k);
            }
        }
        assertTrue(Math.abs(full[0][0]) > 0, "a real gradient");
    }

    @Test
    void wrongGradientsAndUncompiledModelsAreRefused(@TempDir Path dir) throws Exception {
        Model m = Models.load(saved(dir));
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> GradientSteps.applyGradients(m, new float[1][]));
        assertTrue(count.getMessage().contains("got 1 gradients") && count.getMessage().contains("4 trainable"),
                count.getMessage());
        float[][] g = GradientSteps.computeGradients(m, Tensor.zeros(2, 3), Tensor.zeros(2, 2)).gradients();
        g[1] = new float[5];
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> GradientSteps.applyGradients(m, g));
        assertTrue(length.getMessage().contains("has 5 values") && length.getMessage().contains("has 4"),
                length.getMessage());
        Sequential raw = new Sequential(new Dense(2).inputDim(3));
        assertThrows(IllegalStateException.class,
                () -> GradientSteps.computeGradients(raw, Tensor.zeros(1, 3), Tensor.zeros(1, 2)));
    }

    @Test
    void summedMetricStatesOfTwoHalvesAreTheWholeEvaluation(@TempDir Path dir) throws Exception {
        Sequential m = new Sequential(new Dense(4, "tanh").inputDim(3), new Dense(3, "softmax"));
        assertTrue(dir.toFile().isDirectory());
        m.compile(CompileOptions.optimizer(new Adam(0.05)).loss("categorical_crossentropy")
                .metrics(List.of("accuracy", "mae", new org.jkeras.metrics.AUC())));
        Tensor x = Tensor.randomNormal(5, 0, 1, 9, 3);
        float[] oneHot = new float[27];
        for (int r = 0; r < 9; r++) {
            oneHot[r * 3 + r % 3] = 1;
        }
        Tensor y = Tensor.of(oneHot, 9, 3);
        java.util.Map<String, Double> want = m.evaluate(x, y, EvaluateOptions.defaults().verbose(0));
        GradientSteps.resetMetrics(m);
        GradientSteps.testStep(m, x.slice(0, 5), y.slice(0, 5));
        double[] a = GradientSteps.metricState(m);
        GradientSteps.resetMetrics(m);
        GradientSteps.testStep(m, x.slice(5, 9), y.slice(5, 9));
        double[] b = GradientSteps.metricState(m);
        for (int k = 0; k < a.length; k++) {
            a[k] += b[k];
        }
        java.util.Map<String, Double> got = GradientSteps.metricsResult(m, a);
        assertEquals(List.copyOf(want.keySet()), List.copyOf(got.keySet()));
        for (String k : want.keySet()) {
            assertEquals(want.get(k), got.get(k), 1e-6, k);
        }
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> GradientSteps.metricsResult(m, new double[2]));
        assertTrue(wrong.getMessage().contains("does not fit"), wrong.getMessage());
    }
}
