package org.jkeras.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jkeras.models.Model;
import org.jkeras.models.Sequential;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.EvaluateOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code .keras} file of the shape Keras 3 writes for a functional model with a nested Sequential (Dense,
 * BatchNormalization) and a nested functional block (Dense + Add): config.json written by hand from Keras's
 * documented config schema (model dicts as layer entries, each with {@code name} and {@code inbound_nodes}),
 * weights at Keras's object-tree paths ({@code layers/sequential/layers/dense/vars/0}, ... — container members keyed
 * by class). Loaded by jkeras, it predicts a direct computation with those weights.
 */
class KerasNestedFileTest {
    @TempDir
    Path dir;

    private static final String POLICY = "{\"module\": \"keras\", \"class_name\": \"DTypePolicy\", \"config\": {\"name\": "
            + "\"float32\"}, \"registered_name\": null}";

    private static String tensorRef(String layer) {
        return "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": [null, 0], \"dtype\": \"float32\", "
                + "\"keras_history\": [\"" + layer + "\", 0, 0]}}";
    }

    private static String dense(String name, int units, String act) {
        return "{\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"name\": \"" + name + "\", "
                + "\"trainable\": true, \"dtype\": " + POLICY + ", \"units\": " + units + ", \"activation\": \"" + act
                + "\", \"use_bias\": true}, \"registered_name\": null";
    }

    static final String CONFIG = "{\"module\": \"keras.src.models.functional\", \"class_name\": \"Functional\", "
            + "\"registered_name\": \"Functional\", \"config\": {\"name\": \"outer\", \"trainable\": true, \"layers\": ["
            + "{\"module\": \"keras.layers\", \"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 3], "
            + "\"dtype\": \"float32\", \"sparse\": false, \"name\": \"inp\"}, \"registered_name\": null, \"name\": \"inp\", "
            + "\"inbound_nodes\": []},"
            // the nested Sequential: its whole model dict, plus name and inbound_nodes
            + "{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {\"name\": \"backbone\", \"trainable\": "
            + "true, \"dtype\": " + POLICY + ", \"layers\": [{\"module\": \"keras.layers\", \"class_name\": \"InputLayer\", "
            + "\"config\": {\"batch_shape\": [null, 3], \"dtype\": \"float32\", \"sparse\": false, \"name\": \"bb_in\"}, "
            + "\"registered_name\": null}, " + dense("d1", 4, "relu") + ", \"build_config\": {\"input_shape\": [null, 3]}}, "
            + "{\"module\": \"keras.layers\", \"class_name\": \"BatchNormalization\", \"config\": {\"name\": \"bn\", "
            + "\"trainable\": true, \"dtype\": " + POLICY + ", \"axis\": -1, \"momentum\": 0.99, \"epsilon\": 0.001, "
            + "\"center\": true, \"scale\": true}, \"registered_name\": null, \"build_config\": {\"input_shape\": [null, 4]}}], "
            + "\"build_input_shape\": [null, 3]}, \"registered_name\": null, \"build_config\": {\"input_shape\": [null, 3]}, "
            + "\"name\": \"backbone\", \"inbound_nodes\": [{\"args\": [" + tensorRef("inp") + "], \"kwargs\": {}}]},"
            // the nested functional block
            + "{\"module\": \"keras.src.models.functional\", \"class_name\": \"Functional\", \"config\": {\"name\": \"block\", "
            + "\"trainable\": true, \"layers\": [{\"module\": \"keras.layers\", \"class_name\": \"InputLayer\", \"config\": "
            + "{\"batch_shape\": [null, 4], \"dtype\": \"float32\", \"sparse\": false, \"name\": \"block_in\"}, "
            + "\"registered_name\": null, \"name\": \"block_in\", \"inbound_nodes\": []}, " + dense("d2", 4, "tanh")
            + ", \"build_config\": {\"input_shape\": [null, 4]}, \"name\": \"d2\", \"inbound_nodes\": [{\"args\": ["
            + tensorRef("block_in") + "], \"kwargs\": {}}]}, {\"module\": \"keras.layers\", \"class_name\": \"Add\", "
            + "\"config\": {\"name\": \"add\", \"trainable\": true, \"dtype\": " + POLICY + "}, \"registered_name\": null, "
            + "\"name\": \"add\", \"inbound_nodes\": [{\"args\": [[" + tensorRef("block_in") + ", " + tensorRef("d2")
            + "]], \"kwargs\": {}}]}], \"input_layers\": [[\"block_in\", 0, 0]], \"output_layers\": [[\"add\", 0, 0]]}, "
            + "\"registered_name\": \"Functional\", \"name\": \"block\", \"inbound_nodes\": [{\"args\": ["
            + tensorRef("backbone") + "], \"kwargs\": {}}]},"
            + dense("head", 2, "linear") + ", \"build_config\": {\"input_shape\": [null, 4]}, \"name\": \"head\", "
            + "\"inbound_nodes\": [{\"args\": [" + tensorRef("block") + "], \"kwargs\": {}}]}], "
            + "\"input_layers\": [[\"inp\", 0, 0]], \"output_layers\": [[\"head\", 0, 0]]}}";

    @Test
    void kerasShapedNestedModelFileLoadsAndPredicts() throws IOException {
        Tensor k1 = Tensor.randomNormal(1, 0f, 0.5f, 3, 4), b1 = Tensor.randomNormal(2, 0f, 0.1f, 4);
        Tensor gamma = Tensor.randomUniform(3, 0.5f, 1.5f, 4), beta = Tensor.randomNormal(4, 0f, 0.2f, 4);
        Tensor mean = Tensor.randomNormal(5, 0.3f, 0.2f, 4), var = Tensor.randomUniform(6, 0.5f, 2f, 4);
        Tensor k2 = Tensor.randomNormal(7, 0f, 0.5f, 4, 4), b2 = Tensor.randomNormal(8, 0f, 0.1f, 4);
        Tensor k3 = Tensor.randomNormal(9, 0f, 0.5f, 4, 2), b3 = Tensor.randomNormal(10, 0f, 0.1f, 2);
        Hdf5.Tree root = new Hdf5.Tree();
        Hdf5.Tree layers = root.group("layers");
        Hdf5.Tree seq = layers.group("sequential").group("layers");
        Hdf5.Tree d1 = seq.group("dense").group("vars");
        d1.tensor("0", k1);
        d1.tensor("1", b1);
        Hdf5.Tree bn = seq.group("batch_normalization").group("vars");
        bn.tensor("0", gamma);
        bn.tensor("1", beta);
        bn.tensor("2", mean);
        bn.tensor("3", var);
        Hdf5.Tree d2 = layers.group("functional").group("layers").group("dense").group("vars");
        d2.tensor("0", k2);
        d2.tensor("1", b2);
        Hdf5.Tree d3 = layers.group("dense").group("vars");
        d3.tensor("0", k3);
        d3.tensor("1", b3);
        Path weights = dir.resolve("model.weights.h5");
        root.write(weights);
        Path file = dir.resolve("nested.keras");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            put(zip, "metadata.json", "{\"keras_version\": \"3.16.0\", \"date_saved\": \"2026-12-04@02:40:00\"}".getBytes(StandardCharsets.UTF_8));
            put(zip, "config.json", CONFIG.getBytes(StandardCharsets.UTF_8));
            put(zip, "model.weights.h5", Files.readAllBytes(weights));
        }
        Model m = Models.load(file);
        assertTrue(m.getLayer("backbone") instanceof Sequential);
        assertEquals("Functional", m.getLayer("block").className());

        Tensor x = Tensor.randomNormal(11, 0f, 1f, 5, 3);
        Tensor p = m.predict(x, EvaluateOptions.defaults().verbose(0));
        for (int r = 0; r < 5; r++) {
            double[] h = new double[4];
            for (int j = 0; j < 4; j++) {
                double s = b1.get(j);
                for (int i = 0; i < 3; i++) s += x.get(r, i) * k1.get(i, j);
                s = Math.max(0, s);
                h[j] = (s - mean.get(j)) / Math.sqrt(var.get(j) + 1e-3) * gamma.get(j) + beta.get(j);
            }
            double[] g = new double[4];
            for (int j = 0; j < 4; j++) {
                double s = b2.get(j);
                for (int i = 0; i < 4; i++) s += h[i] * k2.get(i, j);
                g[j] = h[j] + Math.tanh(s);
            }
            for (int j = 0; j < 2; j++) {
                double s = b3.get(j);
                for (int i = 0; i < 4; i++) s += g[i] * k3.get(i, j);
                assertEquals(s, p.get(r, j), 1e-5, "row " + r + " output " + j);
            }
        }
    }

    @Test
    void jkerasWritesNestedWeightsAtKerasPaths() throws IOException {
        Path file = dir.resolve("config-only.json");
        Model m = Models.fromJson(CONFIG);
        Path w = dir.resolve("again.weights.h5");
        m.saveWeights(w);
        try (io.jhdf.HdfFile f = new io.jhdf.HdfFile(w)) {
            for (String path : new String[] {"layers/sequential/layers/dense/vars/1",
                "layers/sequential/layers/batch_normalization/vars/3", "layers/functional/layers/dense/vars/1",
                "layers/dense/vars/1"}) {
                assertTrue(f.getByPath(path) instanceof io.jhdf.api.Dataset, path);
            }
        }
        assertTrue(!Files.exists(file));
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        OutputStream o = zip;
        o.write(data);
        zip.closeEntry();
    }
}
