package org.jkeras.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jkeras.data.TestData;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.core.InputLayer;
import org.jkeras.layers.regularization.Dropout;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.Adam;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by jkeras have the structure of Keras's own files (fixture keras3-generated/mlp, Keras 3.16). */
class StructureTest {
    @TempDir
    Path dir;

    /** The fixture's model, rebuilt in jkeras: Input(20) > Dense(32 relu) > Dropout(0.2) > Dense(16 tanh) > Dense(3 softmax), Adam. */
    private Sequential mlp() {
        Seeds.setGlobalSeed(2);
        org.jkeras.layers.Names.reset();
        Sequential m = new Sequential(new InputLayer(20), new Dense(32, "relu"), new Dropout(0.2), new Dense(16, "tanh"),
                new Dense(3, "softmax"));
        m.compile(new Adam(), "categorical_crossentropy", "accuracy");
        Tensor x = Tensor.randomNormal(3, 0f, 1f, 8, 20);
        Tensor y = Tensor.of(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0}, 8, 3);
        m.fit(x, y, org.jkeras.training.FitOptions.defaults().epochs(1).batchSize(8).verbose(0));
        return m;
    }

    static void keyPaths(Object v, String path, TreeSet<String> out) {
        if (v instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                String p = path + "/" + e.getKey();
                if (!"shared_object_id".equals(e.getKey())) {
                    out.add(p);
                    keyPaths(e.getValue(), p, out);
                }
            }
        } else if (v instanceof List) {
            for (Object o : (List<?>) v) {
                keyPaths(o, path + "[]", out);
            }
        }
    }

    static TreeSet<String> keyPaths(String json) {
        TreeSet<String> out = new TreeSet<>();
        keyPaths(Json.parse(json), "", out);
        return out;
    }

    static void h5Paths(Node n, String path, TreeSet<String> out) {
        for (String a : n.getAttributes().keySet()) {
            out.add(path + "@" + a);
        }
        if (n instanceof Group) {
            for (Node c : ((Group) n).getChildren().values()) {
                String p = path + "/" + c.getName();
                out.add(p + (c instanceof Group ? "/" : ""));
                h5Paths(c, p, out);
            }
        }
    }

    static TreeSet<String> h5Paths(HdfFile f) {
        TreeSet<String> out = new TreeSet<>();
        h5Paths(f, "", out);
        return out;
    }

    @Test
    void kerasArchiveMatchesKeras() throws IOException {
        Path fixture = TestData.fixture("keras3-generated/mlp/mlp.keras");
        Path ours = dir.resolve("mlp.keras");
        mlp().save(ours);
        try (ZipFile a = new ZipFile(fixture.toFile()); ZipFile b = new ZipFile(ours.toFile())) {
            assertEquals(names(a), names(b), "zip members");
            for (ZipEntry e : b.stream().toList()) {
                assertEquals(ZipEntry.STORED, e.getMethod(), e.getName() + " is STORED");
            }
            assertEquals(keyPaths(read(a, "metadata.json")), keyPaths(read(b, "metadata.json")), "metadata.json keys");
            assertEquals(keyPaths(read(a, "config.json")), keyPaths(read(b, "config.json")), "config.json keys");
            try (HdfFile ha = HdfFile.fromBytes(a.getInputStream(a.getEntry("model.weights.h5")).readAllBytes());
                    HdfFile hb = HdfFile.fromBytes(b.getInputStream(b.getEntry("model.weights.h5")).readAllBytes())) {
                assertEquals(h5Paths(ha), h5Paths(hb), "model.weights.h5 groups, datasets and attributes");
            }
        }
    }

    @Test
    void weightsFileMatchesKeras() throws IOException {
        Path ours = dir.resolve("mlp.weights.h5");
        mlp().saveWeights(ours);
        try (HdfFile a = new HdfFile(TestData.fixture("keras3-generated/mlp/mlp.weights.h5")); HdfFile b = new HdfFile(ours)) {
            assertEquals(h5Paths(a), h5Paths(b));
        }
    }

    @Test
    void toJsonMatchesKerasToJson() throws IOException {
        String fixture = Files.readString(TestData.fixture("keras3-generated/mlp/config.json"));
        assertEquals(keyPaths(fixture), keyPaths(mlp().toJson()));
    }

    @Test
    void legacyH5MatchesKeras2Layout() throws IOException {
        Path ours = dir.resolve("mlp.h5");
        mlp().save(ours);
        try (HdfFile b = new HdfFile(ours)) {
            TreeSet<String> p = h5Paths(b);
            for (String expected : new String[] {"@backend", "@keras_version", "@model_config", "@training_config",
                    "/model_weights/", "/model_weights@layer_names", "/model_weights@backend", "/model_weights@keras_version",
                    "/model_weights/dense/", "/model_weights/dense@weight_names", "/model_weights/dense/dense/kernel:0",
                    "/model_weights/dense/dense/bias:0", "/model_weights/dropout@weight_names"}) {
                org.junit.jupiter.api.Assertions.assertTrue(p.contains(expected), expected + " in " + p);
            }
            // the same attribute keys as a real Keras 2 file
            try (HdfFile k2 = new HdfFile(TestData.fixture("keras2/with_reference/dl4j_simple_sparse_xent_mlp_keras_2_model.h5"))) {
                assertEquals(k2.getAttributes().keySet(), b.getAttributes().keySet());
                assertEquals(((Group) k2.getChild("model_weights")).getAttributes().keySet(),
                        ((Group) b.getChild("model_weights")).getAttributes().keySet());
                Map<String, Object> cfg = ConfigValues.map(Json.parse(Hdf5.string(b, "model_config")), "model_config");
                Map<String, Object> k2cfg = ConfigValues.map(Json.parse(Hdf5.string(k2, "model_config")), "model_config");
                assertEquals(k2cfg.keySet(), cfg.keySet());
                Object dense = ((List<?>) ((Map<?, ?>) cfg.get("config")).get("layers")).get(1);
                Object k2dense = ((List<?>) ((Map<?, ?>) k2cfg.get("config")).get("layers")).get(0);
                TreeSet<String> ours2 = new TreeSet<>();
                keyPaths(dense, "", ours2);
                TreeSet<String> theirs = new TreeSet<>();
                keyPaths(k2dense, "", theirs);
                theirs.remove("/config/batch_input_shape"); // ours has an explicit InputLayer, as tf.keras >= 2.4
                // tf.keras 2.x writes GlorotUniform {seed}; Keras 2.3 wrote VarianceScaling {scale, mode, distribution, seed}
                theirs.removeIf(s -> s.startsWith("/config/kernel_initializer/config/"));
                ours2.removeIf(s -> s.startsWith("/config/kernel_initializer/config/"));
                assertEquals(theirs, ours2);
            }
        }
    }

    private static List<String> names(ZipFile z) {
        List<String> out = new ArrayList<>();
        z.stream().forEach(e -> out.add(e.getName()));
        return out;
    }

    private static String read(ZipFile z, String name) throws IOException {
        return new String(z.getInputStream(z.getEntry(name)).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
