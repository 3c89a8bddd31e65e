package org.jkeras.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jkeras.data.Npy;
import org.jkeras.data.TestData;
import org.jkeras.models.Model;
import org.jkeras.saving.Models;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real Keras files (test-data/fixtures/keras3-layers, written by Keras 3 with {@code generate.py}): one model per
 * activation and reshaping layer configuration loads from {@code .keras} and legacy {@code .h5}, predicts Keras's
 * outputs, and predicts the same again after jkeras saves and reloads it.
 */
class KerasLayerFixturesTest {
    @TempDir
    Path dir;

    static Stream<String> cases() {
        return Stream.of("relu_all", "relu6", "leaky_relu", "prelu_shared", "prelu_full", "elu", "softmax_axis1",
                "softmax_joint", "zero_padding1d", "zero_padding2d", "zero_padding2d_cf", "zero_padding3d", "cropping1d",
                "cropping2d", "cropping2d_cf", "cropping3d", "up_sampling1d", "up_sampling2d", "up_sampling2d_bilinear",
                "up_sampling2d_bilinear_cf", "up_sampling3d", "permute", "repeat_vector", "flatten_cf", "reshape");
    }

    private static Path fixture(String file) {
        return TestData.fixture("keras3-layers/" + file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void predictsWhatKerasPredicted(String name) throws IOException {
        Tensor x = Npy.read(fixture("in_" + name + ".npy"));
        Tensor expected = Npy.read(fixture("out_" + name + ".npy"));
        for (String ext : List.of(".keras", ".h5")) {
            Model m = Models.load(fixture(name + ext));
            assertClose(expected, m.callAll(List.of(x), false).get(0), name + ext);
            Path again = dir.resolve(name + ext);
            m.save(again);
            assertClose(expected, Models.load(again).callAll(List.of(x), false).get(0), name + ext + " saved by jkeras");

            Files.delete(again);
        }
    }

    private static void assertClose(Tensor expected, Tensor got, String what) {
        assertArrayEquals(expected.shape(), got.shape(), what + ": shape");
        float[] e = expected.toArray(), g = got.toArray();
        for (int i = 0; i < e.length; i++) {
            if (Math.abs(e[i] - g[i]) > 1e-5) {
                fail(what + ": value " + i + " is " + g[i] + ", Keras gave " + e[i]);
            }
        }
        assertEquals(e.length, g.length);
    }
}
