package org.jkeras.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jkeras.data.Npy;
import org.jkeras.data.TestData;
import org.jkeras.layers.Layer;
import org.jkeras.layers.convolutional.Conv2D;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.pooling.AveragePooling2D;
import org.jkeras.layers.pooling.MaxPooling2D;
import org.jkeras.layers.reshaping.Flatten;
import org.jkeras.models.Model;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Convolution and pooling layers against files written by real Keras. The Keras 3 cnn model also holds a
 * BatchNormalization layer, which jkeras does not have yet, so that model cannot load as a whole; its
 * convolution, pooling and dense layers are rebuilt here with the file's weights, the batch normalization is
 * computed by hand in the test (inference: {@code (x − mean) / sqrt(var + ε) · γ + β}), and the result must
 * equal Keras's own {@code model.predict} output.
 */
class ConvFixturesTest {

    private static Tensor var(HdfFile f, String layer, int i) {
        Dataset d = (Dataset) f.getByPath("layers/" + layer + "/vars/" + i);
        List<Float> flat = new ArrayList<>();
        flatten(d.getData(), flat);
        float[] v = new float[flat.size()];
        for (int k = 0; k < v.length; k++) v[k] = flat.get(k);
        return Tensor.of(v, d.getDimensions());
    }

    private static void flatten(Object data, List<Float> out) {
        if (data instanceof float[]) {
            for (float x : (float[]) data) out.add(x);
        } else {
            for (int i = 0; i < Array.getLength(data); i++) flatten(Array.get(data, i), out);
        }
    }

    private static Tensor call(Layer layer, Tensor x, Tensor... weights) {
        layer.build(x.shape());
        for (int i = 0; i < weights.length; i++) {
            layer.weights().get(i).assign(weights[i]);
        }
        return layer.call(x, false);
    }

    @Test
    void keras3CnnConvAndPoolingLayersComputeKerasOutputs() throws IOException {
        Path dir = TestData.fixture("keras3-generated/cnn");
        Tensor x = Npy.read(dir.resolve("in_input.npy"));
        Tensor expected = Npy.read(dir.resolve("out.npy"));
        Tensor y;
        try (HdfFile f = new HdfFile(dir.resolve("cnn.weights.h5"))) {
            y = call(new Conv2D(8, 3, "relu"), x, var(f, "conv2d", 0), var(f, "conv2d", 1));
            y = call(new MaxPooling2D(2), y);
            y = call(new Conv2D(16, 3).padding("same").strides(2), y, var(f, "conv2d_1", 0), var(f, "conv2d_1", 1));
            assertArrayEquals(new int[] {x.dim(0), 7, 7, 16}, y.shape());
            float[] gamma = var(f, "batch_normalization", 0).toArray(), beta = var(f, "batch_normalization", 1).toArray();
            float[] mean = var(f, "batch_normalization", 2).toArray(), variance = var(f, "batch_normalization", 3).toArray();
            float[] d = y.buffer();
            for (int i = 0; i < y.size(); i++) {
                int c = i % 16;
                double bn = (d[y.offset() + i] - mean[c]) / Math.sqrt(variance[c] + 1e-3) * gamma[c] + beta[c];
                d[y.offset() + i] = (float) Math.max(bn, 0.0);   // then Activation(relu)
            }
            y = call(new AveragePooling2D(2), y);
            y = call(new Flatten(), y);
            y = call(new Dense(10, "softmax"), y, var(f, "dense", 0), var(f, "dense", 1));
        }
        assertArrayEquals(expected.shape(), y.shape());
        assertTrue(y.allClose(expected, 0, 1e-5), "max difference to Keras: " + maxDiff(y, expected));
    }

    private static double maxDiff(Tensor a, Tensor b) {
        double m = 0;
        for (int i = 0; i < a.size(); i++) m = Math.max(m, Math.abs(a.buffer()[a.offset() + i] - b.buffer()[b.offset() + i]));
        return m;
    }

    @Test
    @SuppressWarnings("unchecked")
    void kerasConfigsOfConvAndPoolingLayersReadAndWriteBackUnchanged() throws IOException {
        String json = java.nio.file.Files.readString(TestData.fixture("keras3-generated/cnn/config.json"));
        Map<String, Object> cfg = (Map<String, Object>) Json.parse(json);
        List<Object> layers = (List<Object>) ((Map<String, Object>) cfg.get("config")).get("layers");
        layers.removeIf(l -> "BatchNormalization".equals(((Map<String, Object>) l).get("class_name")));
        Model m = Models.fromJson(Json.write(cfg));
        Map<String, Object> back = (Map<String, Object>) Json.parse(Models.toJson(m));
        List<Object> written = (List<Object>) ((Map<String, Object>) back.get("config")).get("layers");
        int checked = 0;
        for (Object o : layers) {
            Map<String, Object> keras = (Map<String, Object>) o;
            String cls = (String) keras.get("class_name");
            if (!cls.contains("Conv") && !cls.contains("Pooling")) {
                continue;
            }
            Map<String, Object> ours = null;
            for (Object w : written) {
                Map<String, Object> wm = (Map<String, Object>) w;
                if (((Map<String, Object>) wm.get("config")).get("name").equals(((Map<String, Object>) keras.get("config")).get("name"))) {
                    ours = wm;
                }
            }
            assertEquals(keras.get("class_name"), ours.get("class_name"));
            assertEquals(keras.get("config"), ours.get("config"), cls);
            checked++;
        }
        assertEquals(4, checked);   // conv2d, max_pooling2d, conv2d_1, average_pooling2d
    }

    @Test
    void keras2SimpleConv2dSequentialLoads() throws IOException {
        Model m = Models.load(TestData.fixture("keras2/no_reference/dl4j_simpleconv2d_sequential.hdf5"), false);
        StringBuilder kinds = new StringBuilder();
        for (Layer l : m.layers()) kinds.append(l.className()).append(' ');
        assertTrue(kinds.toString().contains("Conv2D") && kinds.toString().contains("MaxPooling2D"), kinds.toString());
        int[] in = m.layers().get(0).builtInputShape();
        int[] shape = in.clone();
        shape[0] = 2;
        Tensor p = m.predict(Tensor.randomUniform(1, 0, 1, shape), org.jkeras.training.EvaluateOptions.defaults().verbose(0));
        assertEquals(2, p.dim(0));
    }
}
