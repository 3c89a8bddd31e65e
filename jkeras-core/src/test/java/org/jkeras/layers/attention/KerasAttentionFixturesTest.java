package org.jkeras.layers.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Real Keras 3 files (test-data/fixtures/keras3-attention, written with {@code generate.py}): MultiHeadAttention
 * (self, cross with key and output_shape, no bias), Attention (dot, scaled with key, concat), AdditiveAttention,
 * EinsumDense (explicit and {@code ...} equations) and a Transformer encoder block load from {@code .keras} and
 * legacy {@code .h5}, predict Keras's outputs to 1e-5, and again after jkeras saves and reloads them.
 */
class KerasAttentionFixturesTest {
    @TempDir
    Path dir;

    static Stream<String> cases() {
        return Stream.of("mha_self", "mha_cross", "mha_no_bias", "attention_dot", "attention_scaled_key",
                "attention_concat", "additive_attention", "einsum_dense", "einsum_dense_elided", "transformer_encoder");
    }

    private static Path fixture(String file) {
        return TestData.fixture("keras3-attention/" + file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void predictsWhatKerasPredicted(String name) throws IOException {
        List<Tensor> xs = new ArrayList<>();
        for (int i = 0; Files.exists(fixture("in_" + name + "_" + i + ".npy")); i++) {
            xs.add(Npy.read(fixture("in_" + name + "_" + i + ".npy")));
        }
        Tensor expected = Npy.read(fixture("out_" + name + ".npy"));
        for (String ext : List.of(".keras", ".h5")) {
            Model m = Models.load(fixture(name + ext));
            assertClose(expected, m.callAll(xs, false).get(0), name + ext);
            Path again = dir.resolve(name + ext);
            m.save(again);
            assertClose(expected, Models.load(again).callAll(xs, false).get(0), name + ext + " saved by jkeras");
            Files.delete(again);
        }
    }

    private static void assertClose(Tensor expected, Tensor got, String what) {
        assertArrayEquals(expected.shape(), got.shape(), what + ": shape");
        float[] e = expected.toArray(), g = got.toArray();
        assertEquals(e.length, g.length);
        for (int i = 0; i < e.length; i++) {
            if (Math.abs(e[i] - g[i]) > 1e-5) {
                fail(what + ": value " + i + " is " + g[i] + ", Keras gave " + e[i]);
            }
        }
    }
}
