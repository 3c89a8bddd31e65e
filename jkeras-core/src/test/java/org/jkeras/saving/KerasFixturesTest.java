package org.jkeras.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jkeras.data.Npy;
import org.jkeras.data.TestData;
import org.jkeras.layers.Layer;
import org.jkeras.layers.core.Dense;
import org.jkeras.models.Model;
import org.jkeras.optimizers.Adam;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real Keras files (shared/fixtures) load in jkeras and predict what Keras predicted. */
class KerasFixturesTest {
    static void assertClose(Tensor expected, Tensor actual, double atol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.toArray(), a = actual.toArray();
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            worst = Math.max(worst, Math.abs(e[i] - a[i]));
        }
        assertTrue(worst <= atol, what + ": max abs difference " + worst + " > " + atol);
    }

    private static Path gen(String model, String file) {
        return TestData.fixture("keras3-generated/" + model + "/" + file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "seed_example"})
    void keras3GeneratedKerasFile(String name) throws IOException {
        Model m = Models.load(gen(name, name + ".keras"));
        assertClose(Npy.read(gen(name, "out.npy")), m.predict(Npy.read(gen(name, "in_input.npy"))), 1e-5, name + ".keras");
        assertNotNull(m.optimizer(), "compiled from compile_config");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "seed_example"})
    void keras3GeneratedLegacyH5(String name) throws IOException {
        Model m = Models.load(gen(name, name + ".h5"));
        assertClose(Npy.read(gen(name, "out.npy")), m.predict(Npy.read(gen(name, "in_input.npy"))), 1e-5, name + ".h5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "seed_example"})
    void keras3GeneratedConfigPlusWeights(String name) throws IOException {
        Model m = Models.fromJson(Files.readString(gen(name, "config.json")));
        m.loadWeights(gen(name, name + ".weights.h5"));
        assertClose(Npy.read(gen(name, "out.npy")), m.predict(Npy.read(gen(name, "in_input.npy"))), 1e-5, name + " config+weights");
    }

    @Test
    void mlpOptimizerStateRestored() throws IOException {
        Model m = Models.load(gen("mlp", "mlp.keras"));
        Adam adam = (Adam) m.optimizer();
        assertEquals(14 - 2, adam.slotVariables().size());
        try (HdfFile h5 = new HdfFile(gen("mlp", "mlp.weights.h5"))) {
            assertEquals((long) Hdf5.scalar((io.jhdf.api.Dataset) h5.getByPath("optimizer/vars/0")), adam.iterations());
            Tensor m0 = Hdf5.tensor((io.jhdf.api.Dataset) h5.getByPath("optimizer/vars/2"));
            assertArrayEquals(m0.toArray(), adam.slotVariables().get(0).value().toArray());
        }
    }

    @Test
    void keras2SparseXentMlp() throws IOException {
        Path dir = TestData.fixture("keras2/with_reference");
        Model m = Models.load(dir.resolve("dl4j_simple_sparse_xent_mlp_keras_2_model.h5"));
        try (HdfFile io = new HdfFile(dir.resolve("dl4j_simple_sparse_xent_mlp_keras_2_inputs_and_outputs.h5"))) {
            Tensor x = Hdf5.tensor((io.jhdf.api.Dataset) io.getByPath("inputs/dense_1_input"));
            Tensor y = Hdf5.tensor((io.jhdf.api.Dataset) io.getByPath("predictions/activation_1"));
            assertClose(y, m.predict(x), 1e-5, "dl4j simple_sparse_xent_mlp");
        }
    }

    @Test
    void keras2HlsMnistJsonPlusWeights() throws IOException {
        Path dir = TestData.fixture("keras2/with_reference");
        Model m = Models.fromJson(Files.readString(dir.resolve("hls4ml_KERAS_mnist_mlp.json")));
        m.loadWeights(dir.resolve("hls4ml_KERAS_mnist_mlp_weights.h5"));
        Tensor x = dat(dir.resolve("hls4ml_KERAS_mnist_mlp_inputs.dat"));
        Tensor y = dat(dir.resolve("hls4ml_KERAS_mnist_mlp_outputs.dat"));
        assertClose(y, m.predict(x), 1e-5, "hls4ml mnist mlp");
    }

    /** hls4ml .dat: one sample per line, values separated by spaces. */
    static Tensor dat(Path p) throws IOException {
        List<float[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(p)) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            float[] r = new float[parts.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = Float.parseFloat(parts[i]);
            }
            rows.add(r);
        }
        return Tensor.of(rows.toArray(new float[0][]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gurobi_diabetes.keras", "gurobi_diabetes_v2.keras", "omlt_keras_linear_2353.keras",
            "omlt_keras_linear_131_sigmoid_softplus_output_activation.keras", "omlt_big.keras"})
    void keras3PublicStructural(String file) throws IOException {
        Path p = TestData.fixture("keras3-public/" + file);
        Model m = Models.load(p, false);
        try (HdfFile h5 = openWeights(p)) {
            List<String> keys = WeightsH5.layerKeys(m.layers());
            for (int i = 0; i < m.layers().size(); i++) {
                Layer l = m.layers().get(i);
                for (int k = 0; k < l.weights().size(); k++) {
                    Tensor stored = Hdf5.tensor((io.jhdf.api.Dataset) h5.getByPath("layers/" + keys.get(i) + "/vars/" + k));
                    assertArrayEquals(stored.toArray(), l.weights().get(k).value().toArray(), file + " " + l.name() + " var " + k);
                }
            }
        }
        assertTrue(m.layers().get(0) instanceof Dense);
        // inference runs with the stored weights
        int in = m.layers().get(0).builtInputShape()[1];
        assertEquals(2, m.predict(Tensor.zeros(3, in)).rank());
    }

    static HdfFile openWeights(Path keras) throws IOException {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(keras.toFile())) {
            return HdfFile.fromBytes(z.getInputStream(z.getEntry("model.weights.h5")).readAllBytes());
        }
    }

    @Test
    void keras3CallbackCheckpointsAndScenarioWeights() throws IOException {
        // ModelCheckpoint(save_best_only) wrote a whole .keras model; save_weights_only wrote .weights.h5 files
        Model best = Models.load(TestData.fixture("keras3-callbacks/checkpoint_best/ck.01-1.20.keras"));
        assertNotNull(best.optimizer());
        for (String w : new String[] {"w.01.weights.h5", "w.02.weights.h5", "w.03.weights.h5"}) {
            Model m = Models.load(TestData.fixture("keras3-callbacks/checkpoint_best/ck.01-1.20.keras"), false);
            m.loadWeights(TestData.fixture("keras3-callbacks/checkpoint_weights_every_epoch/" + w));
        }
        // init.weights.h5 holds the arrays of init_weights.npz, in get_weights() order
        Model m = Models.load(TestData.fixture("keras3-callbacks/checkpoint_best/ck.01-1.20.keras"), false);
        m.loadWeights(TestData.fixture("keras3-scenarios/init.weights.h5"));
        java.util.Map<String, Tensor> npz = Npy.readNpz(TestData.fixture("keras3-scenarios/init_weights.npz"));
        List<Tensor> w = m.getWeights();
        for (int i = 0; i < w.size(); i++) {
            assertArrayEquals(npz.get("arr_" + i).toArray(), w.get(i).toArray(), "arr_" + i);
        }
    }
}
