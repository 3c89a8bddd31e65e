package org.jkeras.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipFile;
import org.jkeras.constraints.MaxNorm;
import org.jkeras.data.TestData;
import org.jkeras.layers.KerasTensor;
import org.jkeras.layers.Names;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.core.Input;
import org.jkeras.layers.merging.Add;
import org.jkeras.layers.merging.Concatenate;
import org.jkeras.models.Model;
import org.jkeras.optimizers.Adam;
import org.jkeras.optimizers.Optimizer;
import org.jkeras.optimizers.SGD;
import org.jkeras.optimizers.schedules.ExponentialDecay;
import org.jkeras.regularizers.L2;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.CompileOptions;
import org.jkeras.training.EvaluateOptions;
import org.jkeras.training.FitOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trained functional model (two inputs, two outputs, a shared layer) survives every file format. */
class FunctionalRoundTripTest {
    @TempDir
    Path dir;

    /** in_a, in_b (4) > shared Dense(6, L2, MaxNorm) on each > Concatenate > Dense(8) > out_a; Add > out_b. */
    static Model model(Optimizer opt) {
        KerasTensor a = Input.of("in_a", 4), b = Input.of("in_b", 4);
        Dense shared = new Dense(6, "relu").kernelRegularizer(new L2(1e-3)).kernelConstraint(new MaxNorm(2.0));
        shared.name("shared");
        KerasTensor ha = shared.apply(a), hb = shared.apply(b);
        KerasTensor h = new Dense(8, "tanh").apply(new Concatenate().apply(ha, hb));
        KerasTensor outA = new Dense(1, "sigmoid").name("out_a").apply(h);
        KerasTensor outB = new Dense(3, "softmax").name("out_b").apply(new Add().apply(ha, hb));
        Model m = new Model(List.of(a, b), List.of(outA, outB), "two_by_two");
        m.compile(CompileOptions.optimizer(opt)
                .loss(Map.of("out_a", "binary_crossentropy", "out_b", "categorical_crossentropy"))
                .lossWeights(Map.of("out_a", 1.0, "out_b", 0.5))
                .metrics(Map.of("out_a", List.of("accuracy"), "out_b", List.of("accuracy"))));
        return m;
    }

    static Map<String, Tensor> x() {
        return Map.of("in_a", Tensor.randomNormal(21, 0f, 1f, 32, 4), "in_b", Tensor.randomNormal(22, 0f, 1f, 32, 4));
    }

    static Map<String, Tensor> y() {
        float[] ya = new float[32], yb = new float[32 * 3];
        for (int i = 0; i < 32; i++) {
            ya[i] = i % 2;
            yb[i * 3 + i % 3] = 1;
        }
        return Map.of("out_a", Tensor.of(ya, 32, 1), "out_b", Tensor.of(yb, 32, 3));
    }

    static void fit(Model m, int epochs) {
        m.fit(x(), y(), FitOptions.defaults().epochs(epochs).batchSize(8).shuffle(false).verbose(0));
    }

    static List<Tensor> predict(Model m) {
        return m.predict(List.of(x().get("in_a"), x().get("in_b")), EvaluateOptions.defaults().verbose(0));
    }

    static void assertSamePredictions(Model a, Model b, String what) {
        List<Tensor> pa = predict(a), pb = predict(b);
        for (int i = 0; i < pa.size(); i++) {
            assertArrayEquals(pa.get(i).toArray(), pb.get(i).toArray(), what + ": output " + i);
        }
    }

    private void resumes(Optimizer opt, String file) throws IOException {
        Seeds.setGlobalSeed(7);
        Names.reset();
        Model a = model(opt);
        fit(a, 2);
        Path p = dir.resolve(file);
        a.save(p);
        Model b = Models.load(p);
        assertEquals(a.toJson(), b.toJson(), "the same config after reload");
        assertSamePredictions(a, b, "after reload");
        assertEquals(a.optimizer().iterations(), b.optimizer().iterations());
        assertEquals(a.optimizer().getConfig(), b.optimizer().getConfig());
        fit(a, 2);
        fit(b, 2);
        List<Tensor> wa = a.getWeights(), wb = b.getWeights();
        assertEquals(wa.size(), wb.size());
        for (int i = 0; i < wa.size(); i++) {
            assertArrayEquals(wa.get(i).toArray(), wb.get(i).toArray(), "weight " + i + " after resumed training");
        }
    }

    @Test
    void adamWithScheduleAndClippingResumesExactly() throws IOException {
        resumes(new Adam().learningRate(new ExponentialDecay(0.01, 3, 0.9)).clipnorm(1.0), "adam.keras");
    }

    @Test
    void sgdWithWeightDecayAndEmaResumesExactly() throws IOException {
        resumes(new SGD(0.05, 0.9, true).weightDecay(1e-3).useEma(true), "sgd.keras");
    }

    @Test
    void sharedLayerKeepsBothCalls() throws IOException {
        Seeds.setGlobalSeed(8);
        Names.reset();
        Model a = model(new Adam(0.01));
        fit(a, 1);
        Path p = dir.resolve("m.keras");
        a.save(p);
        Model b = Models.load(p);
        assertEquals(2, b.getLayer("shared").inboundNodes().size());
        assertEquals(List.of("in_a", "in_b"), b.inputNames());
        assertEquals(List.of("out_a", "out_b"), b.outputNames());
        Dense shared = (Dense) b.getLayer("shared");
        Map<String, Object> c = shared.getConfig();
        assertEquals(new L2(1e-3).serialize().toString(), String.valueOf(c.get("kernel_regularizer")));
        assertEquals(new MaxNorm(2.0).serialize().toString(), String.valueOf(c.get("kernel_constraint")));
        assertEquals(a.losses().size(), b.losses().size(), "the regularization penalty is back");
    }

    @Test
    void legacyH5WeightsAndJsonRoundTrip() throws IOException {
        Seeds.setGlobalSeed(9);
        Names.reset();
        Model a = model(new Adam(0.01));
        fit(a, 1);
        Path h5 = dir.resolve("m.h5");
        a.save(h5);
        Model b = Models.load(h5);
        assertSamePredictions(a, b, "legacy .h5");
        assertNotNull(b.optimizer(), "compiled from training_config");
        Map<?, ?> lw = (Map<?, ?>) b.compileOptions().getLossWeights();
        assertEquals(0.5, ((Number) lw.get("out_b")).doubleValue());
        Map<String, Object> mc = ConfigValues.map(Json.parse(hdf5Attr(h5, "model_config")), "model_config");
        assertEquals("Functional", mc.get("class_name"));
        List<?> layers = (List<?>) ((Map<?, ?>) mc.get("config")).get("layers");
        Map<?, ?> add = (Map<?, ?>) layers.stream().filter(l -> "Add".equals(((Map<?, ?>) l).get("class_name"))).findFirst().get();
        assertEquals("[[[shared, 0, 0, {}], [shared, 1, 0, {}]]]", String.valueOf(add.get("inbound_nodes")));

        Model c = Models.fromJson(a.toJson());
        Path w = dir.resolve("m.weights.h5");
        a.saveWeights(w);
        c.loadWeights(w);
        assertSamePredictions(a, c, "toJson + .weights.h5");
        Path lw2 = dir.resolve("legacy_weights.h5");
        a.saveWeights(lw2);
        Model d = Models.fromJson(a.toJson());
        d.loadWeights(lw2);
        assertSamePredictions(a, d, "toJson + legacy weights");
    }

    private static String hdf5Attr(Path p, String name) {
        try (HdfFile f = new HdfFile(p)) {
            return Hdf5.string(f, name);
        }
    }

    /** The multi_io fixture's model built in jkeras saves with exactly the structure Keras 3 wrote. */
    @Test
    void structureMatchesKerasMultiIo() throws IOException {
        Names.reset();
        KerasTensor in1 = Input.of("input_1", 3), in2 = Input.of("input_2", 5);
        KerasTensor h = new Concatenate().apply(new Dense(8, "relu").apply(in1), new Dense(8, "relu").apply(in2));
        h = new Dense(16, "relu").apply(h);
        KerasTensor outA = new Dense(1, "sigmoid").name("out_a").apply(h);
        KerasTensor outB = new Dense(4, "softmax").name("out_b").apply(h);
        Model m = new Model(Map.of("input_1", in1, "input_2", in2), Map.of("out_a", outA, "out_b", outB));
        m.compile(CompileOptions.optimizer(new Adam())
                .loss(Map.of("out_a", "binary_crossentropy", "out_b", "categorical_crossentropy"))
                .lossWeights(Map.of("out_a", 1.0, "out_b", 0.5))
                .metrics(Map.of("out_a", List.of("accuracy"), "out_b", List.of("accuracy"))));
        m.trainOnBatch(Map.of("input_1", Tensor.zeros(2, 3), "input_2", Tensor.zeros(2, 5)),
                Map.of("out_a", Tensor.zeros(2, 1), "out_b", Tensor.of(new float[] {1, 0, 0, 0, 0, 1, 0, 0}, 2, 4)));
        Path ours = dir.resolve("multi_io.keras");
        m.save(ours);
        Path fixture = TestData.fixture("keras3-generated/multi_io/multi_io.keras");
        try (ZipFile a = new ZipFile(fixture.toFile()); ZipFile b = new ZipFile(ours.toFile())) {
            assertEquals(a.stream().map(e -> e.getName()).toList(), b.stream().map(e -> e.getName()).toList());
            String ca = new String(a.getInputStream(a.getEntry("config.json")).readAllBytes());
            String cb = new String(b.getInputStream(b.getEntry("config.json")).readAllBytes());
            assertEquals(StructureTest.keyPaths(ca), StructureTest.keyPaths(cb), "config.json keys");
            Map<String, Object> ja = ConfigValues.map(Json.parse(ca), "a"), jb = ConfigValues.map(Json.parse(cb), "b");
            for (String k : new String[] {"module", "class_name", "registered_name", "build_config"}) {
                assertEquals(ja.get(k), jb.get(k), k);
            }
            Map<?, ?> cca = (Map<?, ?>) ja.get("compile_config"), ccb = (Map<?, ?>) jb.get("compile_config");
            for (String k : new String[] {"loss", "loss_weights", "metrics", "weighted_metrics"}) {
                assertEquals(cca.get(k), ccb.get(k), "compile_config " + k);
            }
            Map<?, ?> fa = (Map<?, ?>) ja.get("config"), fb = (Map<?, ?>) jb.get("config");
            assertEquals(fa.get("input_layers"), fb.get("input_layers"));
            assertEquals(fa.get("output_layers"), fb.get("output_layers"));
            for (int i = 0; i < 8; i++) {
                Map<?, ?> la = (Map<?, ?>) ((List<?>) fa.get("layers")).get(i), lb = (Map<?, ?>) ((List<?>) fb.get("layers")).get(i);
                assertEquals(la.get("class_name"), lb.get("class_name"), "layer " + i);
                assertEquals(la.get("build_config"), lb.get("build_config"), "layer " + i + " build_config");
                assertEquals(Json.write(la.get("inbound_nodes")).replaceAll("dense_[789]", "D").replaceAll("\"dense(_\\d)?\"", "\"D\""),
                        Json.write(lb.get("inbound_nodes")).replaceAll("\"dense(_\\d)?\"", "\"D\""), "layer " + i + " inbound_nodes");
            }
            try (HdfFile ha = HdfFile.fromBytes(a.getInputStream(a.getEntry("model.weights.h5")).readAllBytes());
                    HdfFile hb = HdfFile.fromBytes(b.getInputStream(b.getEntry("model.weights.h5")).readAllBytes())) {
                TreeSet<String> pa = StructureTest.h5Paths(ha), pb = StructureTest.h5Paths(hb);
                assertEquals(pa, pb, "model.weights.h5 groups, datasets and attributes");
            }
        }
        String toJson = java.nio.file.Files.readString(TestData.fixture("keras3-generated/multi_io/config.json"));
        assertEquals(StructureTest.keyPaths(toJson), StructureTest.keyPaths(m.toJson()), "toJson keys");
        assertTrue(m.toJson().contains("\"__keras_tensor__\""));
    }
}
