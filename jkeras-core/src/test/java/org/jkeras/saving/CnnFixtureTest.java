package org.jkeras.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jkeras.data.Npy;
import org.jkeras.data.TestData;
import org.jkeras.layers.normalization.BatchNormalization;
import org.jkeras.models.Model;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.EvaluateOptions;
import org.junit.jupiter.api.Test;

/**
 * The Keras 3 cnn fixture (Conv2D > MaxPooling2D > Conv2D > trained BatchNormalization > relu > AveragePooling2D >
 * Flatten > Dense softmax) loads whole from {@code .keras} and {@code .h5}, and from {@code config.json} plus
 * {@code .weights.h5}, and predicts Keras's stored outputs to 1e-5.
 */
class CnnFixtureTest {
    private static final Path DIR = TestData.fixture("keras3-generated/cnn");

    private static void predictsKeras(Model m, String what) throws IOException {
        Tensor x = Npy.read(DIR.resolve("in_input.npy"));
        Tensor expected = Npy.read(DIR.resolve("out.npy"));
        Tensor y = m.predict(x, EvaluateOptions.defaults().verbose(0));
        assertArrayEquals(expected.shape(), y.shape(), what);
        double max = 0;
        for (int i = 0; i < y.size(); i++) max = Math.max(max, Math.abs(y.toArray()[i] - expected.toArray()[i]));
        assertTrue(max <= 1e-5, what + ": max difference to Keras " + max);
        BatchNormalization bn = (BatchNormalization) m.getLayer("batch_normalization");
        float[] var = bn.movingVariance().value().toArray();
        assertTrue(Math.abs(var[0] - 1f) > 1e-3, what + ": the BN statistics are the trained ones");
    }

    @Test
    void loadsFromDotKeras() throws IOException {
        predictsKeras(Models.load(DIR.resolve("cnn.keras")), "cnn.keras");
    }

    @Test
    void loadsFromLegacyH5() throws IOException {
        predictsKeras(Models.load(DIR.resolve("cnn.h5"), false), "cnn.h5");
    }

    @Test
    void loadsFromConfigAndWeightsH5() throws IOException {
        Model m = Models.fromJson(Files.readString(DIR.resolve("config.json")));
        m.loadWeights(DIR.resolve("cnn.weights.h5"));
        predictsKeras(m, "config.json + cnn.weights.h5");
        assertEquals(8224 - 5462, m.countParams(), "Keras's summary: 8,224 total less 5,462 optimizer params");
    }
}
