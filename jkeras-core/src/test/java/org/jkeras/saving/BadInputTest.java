package org.jkeras.saving;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.jkeras.data.TestData;
import org.jkeras.layers.Layer;
import org.jkeras.layers.core.Dense;
import org.jkeras.models.Model;
import org.jkeras.models.Sequential;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken and foreign files fail with messages that say what was found, what was expected and what to do. */
class BadInputTest {
    @TempDir
    Path dir;

    private static final Path MLP = TestData.fixture("keras3-generated/mlp/mlp.keras");

    private static void assertMentions(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message should mention '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void truncatedZip() throws IOException {
        byte[] all = Files.readAllBytes(MLP);
        Path p = dir.resolve("cut.keras");
        Files.write(p, Arrays.copyOf(all, all.length / 2));
        ModelFileException e = assertThrows(ModelFileException.class, () -> Models.load(p));
        assertMentions(e, "cut.keras", "zip", "truncated");
    }

    @Test
    void truncatedHdf5() throws IOException {
        byte[] all = Files.readAllBytes(TestData.fixture("keras3-generated/mlp/mlp.h5"));
        Path p = dir.resolve("cut.h5");
        Files.write(p, Arrays.copyOf(all, 3000));
        ModelFileException e = assertThrows(ModelFileException.class, () -> Models.load(p));
        assertMentions(e, "cut.h5", "HDF5", "truncated");
        Path w = dir.resolve("cut.weights.h5");
        byte[] weights = Files.readAllBytes(TestData.fixture("keras3-generated/mlp/mlp.weights.h5"));
        Files.write(w, Arrays.copyOf(weights, 600));
        Model m = Models.fromJson(Files.readString(TestData.fixture("keras3-generated/mlp/config.json")));
        IOException e2 = assertThrows(IOException.class, () -> m.loadWeights(w));
        assertMentions(e2, "cut.weights.h5");
    }

    @Test
    void zipWithoutConfig() throws IOException {
        Path p = dir.resolve("noconfig.keras");
        try (ZipFile src = new ZipFile(MLP.toFile()); OutputStream out = Files.newOutputStream(p);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : new String[] {"metadata.json", "model.weights.h5"}) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(src.getInputStream(src.getEntry(name)).readAllBytes());
                zip.closeEntry();
            }
        }
        ModelFileException e = assertThrows(ModelFileException.class, () -> Models.load(p));
        assertMentions(e, "no config.json", "metadata.json, model.weights.h5", "re-save");
    }

    @Test
    void weightShapeMismatchNamesLayerVariableAndShapes() throws IOException {
        Sequential wrong = new Sequential(new Dense(32, "relu").inputDim(20), new Dense(17, "tanh"), new Dense(3, "softmax"));
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> wrong.loadWeights(TestData.fixture("keras3-generated/mlp/mlp.weights.h5")));
        assertMentions(e, "'" + wrong.layers().get(1).name() + "'", "variable 0 ('kernel')", "(32, 17)", "(32, 16)");
        Tensor before = wrong.layers().get(0).weights().get(0).value().copy();
        assertTrue(Arrays.equals(before.toArray(), wrong.layers().get(0).weights().get(0).value().toArray()),
                "nothing assigned when any weight does not fit");
        Sequential wrongLegacy = new Sequential(new Dense(256, "relu").inputDim(784), new Dense(255, "relu"), new Dense(10, "softmax"));
        ModelFileException e2 = assertThrows(ModelFileException.class, () -> wrongLegacy.loadWeights(
                TestData.fixture("keras2/with_reference/hls4ml_KERAS_mnist_mlp_weights.h5")));
        assertMentions(e2, "variable 0 ('kernel')", "(256, 255)", "(256, 256)", "dense_2/kernel:0");
    }

    @Test
    void unknownLayerClass() {
        String json = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [{\"class_name\": \"Dense\","
                + " \"config\": {\"name\": \"d\", \"units\": 2, \"batch_input_shape\": [null, 3]}}, {\"class_name\": \"FancyAttention\","
                + " \"config\": {\"name\": \"f\"}}]}}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.fromJson(json));
        assertMentions(e, "Unknown layer class 'FancyAttention'", "SavingRegistry.register(\"package>FancyAttention\"");
        String custom = json.replace("\"class_name\": \"FancyAttention\",", "\"class_name\": \"Fancy\", \"registered_name\": \"my_pkg>Fancy\",");
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> Models.fromJson(custom));
        assertMentions(e2, "'my_pkg>Fancy'", "SavingRegistry.register(\"my_pkg>Fancy\"");
    }

    @Test
    void neitherZipNorHdf5() throws IOException {
        Path p = dir.resolve("model.keras");
        Files.writeString(p, "this is a text file, not a model");
        ModelFileException e = assertThrows(ModelFileException.class, () -> Models.load(p));
        assertMentions(e, "model.keras", "neither a zip", "nor an HDF5", "74 68 69 73");
        Path empty = dir.resolve("empty.h5");
        Files.write(empty, new byte[0]);
        assertThrows(ModelFileException.class, () -> Models.load(empty));
    }

    @Test
    void formatIsSniffedNotTakenFromTheName() throws IOException {
        Path p = dir.resolve("actually_hdf5.keras");
        Files.copy(TestData.fixture("keras3-generated/mlp/mlp.h5"), p);
        Model m = Models.load(p);
        assertTrue(m.layers().size() == 4);
        Path q = dir.resolve("actually_zip.h5");
        Files.copy(MLP, q);
        assertTrue(Models.load(q).layers().size() == 4);
    }

    @Test
    void customModelClassIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Models.load(TestData.fixture("keras3-public/keras_pre_pr22362_nested_container.keras")));
        assertMentions(e, "legacy_nested_container>NestedDenseModel", "cannot be rebuilt without its code");
    }

    // ------------------------------------------------------------------ custom objects

    /** A user layer: multiplies by a constant. */
    public static final class Scale extends Layer {
        final float factor;

        public Scale(float factor) {
            this.factor = factor;
        }

        public Scale(Map<String, Object> config) {
            this(((Number) config.get("factor")).floatValue());
        }

        @Override
        public java.util.List<int[]> computeOutputShape(java.util.List<int[]> s) {
            return s;
        }

        @Override
        protected java.util.List<Tensor> call(java.util.List<Tensor> in, org.jkeras.layers.CallContext ctx) {
            Tensor x = in.get(0);
            return java.util.List.of(org.jkeras.ops.Ops.scale(x, factor));
        }

        @Override
        public Map<String, Object> getConfig() {
            Map<String, Object> c = new java.util.LinkedHashMap<>(super.getConfig());
            c.put("factor", (double) factor);
            return c;
        }
    }

    @AfterEach
    void unregister() {
        SavingRegistry.unregister("my_pkg>Scale");
    }

    @Test
    void registeredCustomLayerRoundTrips() throws IOException {
        SavingRegistry.register("my_pkg>Scale", Scale.class);
        Sequential m = new Sequential(new Dense(2).inputDim(3), new Scale(3f));
        Path p = dir.resolve("custom.keras");
        m.save(p);
        String config;
        try (ZipFile z = new ZipFile(p.toFile())) {
            config = new String(z.getInputStream(z.getEntry("config.json")).readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(config.contains("\"class_name\": \"Scale\", \"config\": {\"name\": \"scale\""), config);
        assertTrue(config.contains("\"registered_name\": \"my_pkg>Scale\""), config);
        Model back = Models.load(p);
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        assertTrue(Arrays.equals(m.predict(x, org.jkeras.training.EvaluateOptions.defaults().verbose(0)).toArray(),
                back.predict(x, org.jkeras.training.EvaluateOptions.defaults().verbose(0)).toArray()));
        SavingRegistry.unregister("my_pkg>Scale");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.load(p));
        assertMentions(e, "my_pkg>Scale", "SavingRegistry.register");
    }

    @Test
    void registrationNeedsAPackageAndAConfigConstructor() {
        assertMentions(assertThrows(IllegalArgumentException.class, () -> SavingRegistry.register("Scale", Scale.class)), "package>ClassName");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> SavingRegistry.register("p>Dense2", RoundTripTest.Unregistered.class)), "constructor taking the config");
    }
}
