package org.jkeras.layers.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.jkeras.layers.KerasTensor;
import org.jkeras.layers.core.Embedding;
import org.jkeras.layers.core.Input;
import org.jkeras.models.Model;
import org.jkeras.saving.Models;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embedding(mask_zero) masks reach the attention layers through a functional model, as in Keras. */
class AttentionMaskingTest {
    @TempDir
    Path dir;

    private static void assertRowsEqual(Tensor a, int aLen, Tensor b, int bLen, int rows, int dim) {
        float[] x = a.toArray(), y = b.toArray();
        for (int i = 0; i < rows; i++) {
            for (int d = 0; d < dim; d++) {
                assertEquals(y[i * dim + d], x[i * dim + d], 1e-5, "position " + i + " feature " + d);
            }
        }
    }

    @Test
    void paddedSequenceGivesTheUnpaddedOutputsAtItsTokens() throws Exception {
        KerasTensor tokens = Input.of("tokens", "int32", 5);
        Embedding emb = new Embedding(10, 8).maskZero(true);
        MultiHeadAttention mha = new MultiHeadAttention(2, 4).biasInitializer("random_normal");
        KerasTensor e = emb.apply(tokens);
        Model padded = new Model(tokens, mha.apply(e, e));
        Tensor out = padded.callAll(List.of(Tensor.of(new float[] {3, 5, 2, 0, 0}, 1, 5)), false).get(0);

        KerasTensor short3 = Input.of("tokens3", "int32", 3);
        KerasTensor e3 = emb.apply(short3);
        Model unpadded = new Model(short3, mha.apply(e3, e3));
        Tensor ref = unpadded.callAll(List.of(Tensor.of(new float[] {3, 5, 2}, 1, 3)), false).get(0);
        assertRowsEqual(out, 5, ref, 3, 3, 8);

        // the same for Attention and AdditiveAttention (value mask in the scores, query mask on the output)
        for (Attention a : List.of(new Attention(), new AdditiveAttention())) {
            Tensor p = new Model(tokens, a.apply(e, e)).callAll(List.of(Tensor.of(new float[] {3, 5, 2, 0, 0}, 1, 5)),
                    false).get(0);
            Tensor r = new Model(short3, a.apply(e3, e3)).callAll(List.of(Tensor.of(new float[] {3, 5, 2}, 1, 3)), false)
                    .get(0);
            assertRowsEqual(p, 5, r, 3, 3, 8);
            float[] pv = p.toArray();
            for (int i = 3 * 8; i < 5 * 8; i++) {
                assertEquals(0.0, pv[i], 0.0, "padded query positions are zeroed");
            }
        }

        // and the saved model keeps the behaviour
        Path file = dir.resolve("masked.keras");
        padded.save(file);
        Tensor again = Models.load(file).callAll(List.of(Tensor.of(new float[] {3, 5, 2, 0, 0}, 1, 5)), false).get(0);
        assertRowsEqual(again, 5, out, 5, 5, 8);
    }
}
