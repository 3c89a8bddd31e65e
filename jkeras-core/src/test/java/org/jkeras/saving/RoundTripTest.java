package org.jkeras.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jkeras.layers.activations.Activation;
import org.jkeras.layers.activations.ReLU;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.core.InputLayer;
import org.jkeras.layers.regularization.Dropout;
import org.jkeras.layers.reshaping.Flatten;
import org.jkeras.layers.reshaping.Reshape;
import org.jkeras.models.Model;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.Adam;
import org.jkeras.optimizers.Optimizer;
import org.jkeras.optimizers.RMSprop;
import org.jkeras.optimizers.SGD;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.EvaluateOptions;
import org.jkeras.training.FitOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model trained in jkeras, saved and reloaded, predicts and keeps training exactly as the original. */
class RoundTripTest {
    @TempDir
    Path dir;

    /** Every savable layer; Dropout only when asked (its mask stream is not model state, so it would not resume). */
    static Sequential model(Optimizer opt) {
        return model(opt, false);
    }

    static Sequential model(Optimizer opt, boolean dropout) {
        Sequential m = new Sequential(new InputLayer(2, 3), new Reshape(6), new Dense(8, "relu"),
                dropout ? new Dropout(0.1).seed(3) : new Activation("linear"),
                new Dense(5), new ReLU(), new Flatten(), new Dense(3), new Activation("softmax"));
        m.compile(opt, "categorical_crossentropy", "accuracy");
        return m;
    }

    static Tensor[] data() {
        Tensor x = Tensor.randomNormal(11, 0f, 1f, 40, 2, 3);
        float[] y = new float[40 * 3];
        for (int i = 0; i < 40; i++) {
            y[i * 3 + (i % 3)] = 1f;
        }
        return new Tensor[] {x, Tensor.of(y, 40, 3)};
    }

    static Tensor predict(Model m, Tensor x) {
        return m.predict(x, EvaluateOptions.defaults().verbose(0));
    }

    static void fit(Model m, Tensor[] d, int epochs) {
        m.fit(d[0], d[1], FitOptions.defaults().epochs(epochs).batchSize(8).shuffle(false).verbose(0));
    }

    private void resumes(Optimizer first, String fileName) throws IOException {
        Seeds.setGlobalSeed(5);
        Sequential a = model(first);
        Tensor[] d = data();
        fit(a, d, 2);
        Path p = dir.resolve(fileName);
        a.save(p);
        Model b = Models.load(p);
        assertArrayEquals(predict(a, d[0]).toArray(), predict(b, d[0]).toArray(), "predictions after reload");
        assertEquals(a.optimizer().iterations(), b.optimizer().iterations());
        assertEquals(a.optimizer().getConfig(), b.optimizer().getConfig());
        fit(a, d, 2);
        fit(b, d, 2);
        List<Tensor> wa = a.getWeights(), wb = b.getWeights();
        for (int i = 0; i < wa.size(); i++) {
            assertArrayEquals(wa.get(i).toArray(), wb.get(i).toArray(), "weight " + i + " after resumed training");
        }
    }

    @Test
    void adamResumesExactly() throws IOException {
        resumes(new Adam(0.01), "adam.keras");
    }

    @Test
    void sgdMomentumResumesExactly() throws IOException {
        resumes(SGD.builder().learningRate(0.05).momentum(0.9).nesterov(true).build(), "sgd.keras");
    }

    @Test
    void rmspropResumesExactly() throws IOException {
        resumes(RMSprop.builder().learningRate(0.01).momentum(0.5).centered(true).build(), "rms.keras");
    }

    @Test
    void legacyH5AndWeightsFilesRoundTrip() throws IOException {
        Seeds.setGlobalSeed(6);
        Sequential a = model(new Adam(), true);
        Tensor[] d = data();
        fit(a, d, 1);
        Tensor expected = predict(a, d[0]);
        a.save(dir.resolve("m.h5"));
        assertArrayEquals(expected.toArray(), predict(Models.load(dir.resolve("m.h5")), d[0]).toArray(), ".h5");
        for (String name : new String[] {"w.weights.h5", "w.h5"}) {
            a.saveWeights(dir.resolve(name));
            Model b = Models.fromJson(a.toJson());
            b.loadWeights(dir.resolve(name));
            assertArrayEquals(expected.toArray(), predict(b, d[0]).toArray(), name);
        }
        Model c = Models.fromJson(a.toJson());
        c.loadWeights(dir.resolve("m.h5"));
        assertArrayEquals(expected.toArray(), predict(c, d[0]).toArray(), "loadWeights from a full .h5");
    }

    @Test
    void toJsonRoundTripsTheConfig() {
        Seeds.setGlobalSeed(7);
        Sequential a = model(new Adam(), true);
        String json = a.toJson();
        assertTrue(json.contains("\"compile_config\": {\"loss\": \"categorical_crossentropy\""), json);
        Model b = Models.fromJson(json);
        b.compile(new Adam(), "categorical_crossentropy", "accuracy");
        assertEquals(json, b.toJson());
        assertTrue(json.startsWith("{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {\"name\": "), json);
    }

    @Test
    void failedSaveLeavesNoFile() throws IOException {
        Sequential unbuilt = new Sequential(new Dense(3));
        Path p = dir.resolve("x.keras");
        IllegalStateException notBuilt = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> unbuilt.save(p));
        assertTrue(notBuilt.getMessage().contains("not been built"), notBuilt.getMessage());
        Sequential withCustom = new Sequential(new Dense(3).inputDim(2), new Unregistered());
        Files.writeString(p, "previous content");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> withCustom.save(p));
        assertTrue(e.getMessage().contains("SavingRegistry.register"), e.getMessage());
        assertEquals("previous content", Files.readString(p), "the old file is untouched");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList(), "no temporary files left behind");
        }
    }

    /** A user layer nobody registered. */
    static final class Unregistered extends org.jkeras.layers.Layer {
        @Override
        public java.util.List<int[]> computeOutputShape(java.util.List<int[]> s) {
            return s;
        }

        @Override
        protected java.util.List<Tensor> call(java.util.List<Tensor> in, org.jkeras.layers.CallContext ctx) {
            Tensor x = in.get(0);
            return java.util.List.of(x);
        }
    }
}
