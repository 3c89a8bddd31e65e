package org.jkeras.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jkeras.data.TestData;
import org.jkeras.layers.normalization.BatchNormalization;
import org.jkeras.models.Model;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.EvaluateOptions;
import org.junit.jupiter.api.Test;

/**
 * A real Keras 2 model with trained BatchNormalization layers (hls4ml's 3-layer MLP: Dense > BN(epsilon 1e-6) >
 * relu, four times, then softmax) loads from its JSON and weights-only h5, and predicts what a direct computation
 * from the file's datasets (read here by name, independently of the loader) gives.
 */
class BatchNormFixturesTest {
    private static final String DIR = "keras2/no_reference/";

    private static float[] dataset(HdfFile f, String path) {
        Object d = ((Dataset) f.getByPath(path)).getData();
        int n = 1;
        Object probe = d;
        while (probe.getClass().isArray() && !(probe instanceof float[])) {
            n *= Array.getLength(probe);
            probe = Array.get(probe, 0);
        }
        n *= ((float[]) probe).length;
        float[] out = new float[n];
        int[] pos = {0};
        flatten(d, out, pos);
        return out;
    }

    private static void flatten(Object d, float[] out, int[] pos) {
        if (d instanceof float[]) {
            float[] a = (float[]) d;
            System.arraycopy(a, 0, out, pos[0], a.length);
            pos[0] += a.length;
        } else {
            for (int i = 0; i < Array.getLength(d); i++) flatten(Array.get(d, i), out, pos);
        }
    }

    @Test
    void keras2TrainedBatchNormMlpPredictsTheDirectComputation() throws IOException {
        Path json = TestData.fixture(DIR + "hls4ml_KERAS_3layer_batch_norm.json");
        Path weights = TestData.fixture(DIR + "hls4ml_KERAS_3layer_batch_norm_weights_only.h5");
        Model m = Models.fromJson(Files.readString(json));
        m.loadWeights(weights);
        BatchNormalization bn1 = (BatchNormalization) m.layers().stream().filter(l -> l.name().equals("bn1")).findFirst()
                .orElseThrow();
        assertEquals(1e-6, bn1.epsilon(), 1e-12);
        assertEquals(0.9, bn1.momentum(), 1e-12);

        Tensor x = Tensor.randomNormal(3, 0f, 1f, 4, 16);
        double[][] h = new double[4][];
        for (int r = 0; r < 4; r++) {
            h[r] = new double[16];
            for (int j = 0; j < 16; j++) h[r][j] = x.get(r, j);
        }
        String[][] blocks = {{"fc1_relu", "bn1"}, {"fc2_relu", "bn2"}, {"fc3_relu", "bn3"}, {"output_softmax", "bn4"}};
        boolean nonTrivial = false;
        try (HdfFile f = new HdfFile(weights)) {
            for (int b = 0; b < blocks.length; b++) {
                String d = blocks[b][0], n = blocks[b][1];
                float[] k = dataset(f, d + "/" + d + "/kernel:0"), bias = dataset(f, d + "/" + d + "/bias:0");
                float[] g = dataset(f, n + "/" + n + "/gamma:0"), be = dataset(f, n + "/" + n + "/beta:0");
                float[] mm = dataset(f, n + "/" + n + "/moving_mean:0"), mv = dataset(f, n + "/" + n + "/moving_variance:0");
                nonTrivial |= Math.abs(mm[0]) > 1e-3 && Math.abs(mv[0] - 1) > 1e-3;
                int in = h[0].length, out = bias.length;
                for (int r = 0; r < 4; r++) {
                    double[] o = new double[out];
                    for (int j = 0; j < out; j++) {
                        double s = bias[j];
                        for (int i = 0; i < in; i++) s += h[r][i] * k[i * out + j];
                        s = (s - mm[j]) / Math.sqrt(mv[j] + 1e-6) * g[j] + be[j];
                        o[j] = b < 3 ? Math.max(0, s) : s;
                    }
                    h[r] = o;
                }
            }
        }
        assertTrue(nonTrivial, "the file's moving statistics are trained (not 0 and 1)");
        Tensor p = m.predict(x, EvaluateOptions.defaults().verbose(0));
        for (int r = 0; r < 4; r++) {
            double max = Double.NEGATIVE_INFINITY, z = 0;
            for (double v : h[r]) max = Math.max(max, v);
            for (double v : h[r]) z += Math.exp(v - max);
            for (int j = 0; j < 5; j++) {
                assertEquals(Math.exp(h[r][j] - max) / z, p.get(r, j), 1e-5, "row " + r + " class " + j);
            }
        }
    }

    @Test
    void keras2CnnWithBatchNormPredictsKerasOutputs() throws IOException {
        Path dir = TestData.fixture("keras2/with_reference");
        Model m = Models.load(dir.resolve("dl4j_cnn_batch_norm.h5"), false);
        Tensor x = org.jkeras.data.Npy.read(dir.resolve("dl4j_cnn_batch_norm_input.npy"));
        Tensor expected = org.jkeras.data.Npy.read(dir.resolve("dl4j_cnn_batch_norm_predictions.npy"));
        Tensor p = m.predict(x, EvaluateOptions.defaults().verbose(0));
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.toArray()[i], p.toArray()[i], 1e-5, "prediction " + i);
        }
    }

    @Test
    void keras2JetTaggerBatchNormVariablesLoadInKerasOrder() throws IOException {
        Path json = TestData.fixture(DIR + "hls4ml_jetTagger_Conv2D_Small.json");
        Path weights = TestData.fixture(DIR + "hls4ml_jetTagger_Conv2D_Small_weights_only.h5");
        Model m = Models.fromJson(Files.readString(json));
        m.loadWeights(weights);
        try (HdfFile f = new HdfFile(weights)) {
            for (String n : new String[] {"batch_normalization_1", "batch_normalization_2"}) {
                BatchNormalization bn = (BatchNormalization) m.getLayer(n);
                String[] names = {"gamma", "beta", "moving_mean", "moving_variance"};
                for (int k = 0; k < 4; k++) {
                    float[] file = dataset(f, n + "/" + n + "/" + names[k] + ":0");
                    assertEquals(java.util.Arrays.toString(file), java.util.Arrays.toString(bn.weights().get(k).value().toArray()),
                            n + " " + names[k]);
                }
            }
            float[] mv = dataset(f, "batch_normalization_1/batch_normalization_1/moving_variance:0");
            assertTrue(mv[0] > 10, "trained statistics (moving variance " + mv[0] + ")");
        }
        Tensor p = m.predict(Tensor.randomUniform(1, 0f, 1f, 2, 25, 25, 1), EvaluateOptions.defaults().verbose(0));
        assertEquals(2 * 5, p.size());
        double rowSum = 0;
        for (int j = 0; j < 5; j++) rowSum += p.get(0, j);
        assertEquals(1.0, rowSum, 1e-5, "softmax output");
    }
}
