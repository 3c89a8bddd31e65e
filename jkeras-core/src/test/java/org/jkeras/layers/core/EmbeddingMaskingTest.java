package org.jkeras.layers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.autodiff.Variable;
import org.jkeras.layers.KerasTensor;
import org.jkeras.layers.LayerTestCase;
import org.jkeras.layers.pooling.GlobalAveragePooling1D;
import org.jkeras.layers.rnn.GRU;
import org.jkeras.layers.rnn.LSTM;
import org.jkeras.layers.rnn.SimpleRNN;
import org.jkeras.models.Model;
import org.jkeras.ops.EmbeddingOps;
import org.jkeras.ops.Ops;
import org.jkeras.saving.Models;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embedding, Masking and mask propagation (Embedding mask_zero > recurrent / pooling layers). */
class EmbeddingMaskingTest {
    private static Tensor ids() {
        return Tensor.of(new float[] {1, 4, 0, 2, 3, 3, 0, 0}, 2, 4);
    }

    @Test
    void embeddingPassesTheHarnessAndLooksUpRows() {
        Tensor y = LayerTestCase.of(() -> new Embedding(5, 3)).inputs(ids()).notDifferentiable().run();
        assertArrayEquals(new int[] {2, 4, 3}, y.shape());
        Embedding e = new Embedding(5, 3);
        Tensor out = e.call(ids(), false);
        Tensor table = e.embeddings().value();
        float[] id = ids().toArray();
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(table.get((int) id[i], j), out.toArray()[i * 3 + j]);
            }
        }
        LayerTestCase.of(() -> new Masking(0.5)).inputShape(2, 4, 3).run();
    }

    @Test
    void embeddingGradientTouchesOnlyTheLookedUpRowsAndPassesGradientCheck() {
        Tensor ids = ids();
        GradientCheck.Result r = GradientCheck.check(in -> EmbeddingOps.lookup(in[0], ids, "e"),
                new Tensor[] {GradientCheck.randomInput(1, 6, 3)}, 1e-3);
        assertTrue(r.passed(1e-2, 1e-3), r.toString());
        Embedding e = new Embedding(6, 3);
        e.call(ids, false);
        Variable table = e.embeddings();
        Tensor g;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(List.of(table));
            g = tape.gradient(Ops.sum(e.call(ids, true), new int[0], false), new Tensor[] {table.value()})[0];
        }
        // ids 0 (x3), 1, 2, 3 (x2), 4 looked up; row 5 never: its gradient is exactly zero; counts accumulate
        float[] counts = {3, 1, 1, 2, 1, 0};
        for (int row = 0; row < 6; row++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(counts[row], g.get(row, j), "row " + row);
            }
        }
    }

    @Test
    void embeddingRefusesBadIdsNamingTheIndexAndInputDim() {
        Embedding e = new Embedding(5, 2);
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> e.call(Tensor.of(new float[] {1, 7}, 1, 2), false));
        assertTrue(x.getMessage().contains("index 7") && x.getMessage().contains("input_dim=5"), x.getMessage());
        x = assertThrows(IllegalArgumentException.class, () -> e.call(Tensor.of(new float[] {-1, 0}, 1, 2), false));
        assertTrue(x.getMessage().contains("index -1"), x.getMessage());
        x = assertThrows(IllegalArgumentException.class, () -> e.call(Tensor.of(new float[] {1.5f, 0}, 1, 2), false));
        assertTrue(x.getMessage().contains("integer"), x.getMessage());
        x = assertThrows(IllegalArgumentException.class, () -> new Embedding(0, 3));
        assertTrue(x.getMessage().contains("input_dim"), x.getMessage());
    }

    @Test
    void maskZeroAndMaskingCreateMasks() {
        Embedding e = new Embedding(5, 2).maskZero(true);
        Tensor m = e.computeMask(List.of(ids()), null).get(0);
        assertArrayEquals(new float[] {1, 1, 0, 1, 1, 1, 0, 0}, m.toArray());
        assertEquals(null, new Embedding(5, 2).computeMask(List.of(ids()), null).get(0));
        Masking masking = new Masking();
        Tensor x = Tensor.of(new float[] {1, 0, 0, 0, 0, 2}, 1, 3, 2);
        assertArrayEquals(new float[] {1, 0, 1}, masking.computeMask(List.of(x), null).get(0).toArray());
    }

    /** Sequences of lengths 2 and 4, padded with id 0 to length 5 (right-padded) or run alone, unpadded. */
    @Test
    void paddedBatchGivesTheSameOutputsLossesAndGradientsAsUnpaddedSequences() {
        float[][] seqs = {{3, 1}, {2, 4, 4, 1}};
        for (String kind : new String[] {"lstm", "gru", "simple", "gap"}) {
            KerasTensor in = Input.of(null, "int32", 5);
            Embedding emb = new Embedding(6, 4).maskZero(true);
            org.jkeras.layers.Layer mid = kind.equals("lstm") ? new LSTM(3) : kind.equals("gru") ? new GRU(3)
                    : kind.equals("simple") ? new SimpleRNN(3) : new GlobalAveragePooling1D();
            Model padded = new Model(in, new Dense(2).apply(mid.apply(emb.apply(in))));
            Tensor batch = Tensor.of(new float[] {3, 1, 0, 0, 0, 2, 4, 4, 1, 0}, 2, 5);
            Tensor target = Tensor.of(new float[] {0.5f, -1, 1, 0.25f}, 2, 2);
            List<Variable> vars = padded.trainableWeights();
            Tensor[] gPadded;
            Tensor out;
            double lossPadded;
            try (GradientTape tape = new GradientTape()) {
                tape.watch(vars);
                out = padded.call(batch, true);
                Tensor loss = Ops.sum(Ops.square(Ops.subtract(out, target)), new int[0], false);
                lossPadded = loss.item();
                gPadded = tape.gradient(loss, vars.stream().map(Variable::value).toArray(Tensor[]::new));
            }
            double lossAlone = 0;
            Tensor[] gAlone = null;
            for (int s = 0; s < 2; s++) {
                // the same layers on one unpadded sequence: a model over an input of that length
                KerasTensor in1 = Input.of(null, "int32", seqs[s].length);
                Model alone = new Model(in1, padded.layers().get(3).apply(mid.apply(emb.apply(in1))));
                Tensor x = Tensor.of(seqs[s], 1, seqs[s].length);
                Tensor t = Tensor.of(new float[] {target.get(s, 0), target.get(s, 1)}, 1, 2);
                try (GradientTape tape = new GradientTape()) {
                    tape.watch(vars);
                    Tensor o = alone.call(x, true);
                    for (int j = 0; j < 2; j++) {
                        assertEquals(out.get(s, j), o.get(0, j), 1e-6, kind + " output of sequence " + s);
                    }
                    Tensor loss = Ops.sum(Ops.square(Ops.subtract(o, t)), new int[0], false);
                    lossAlone += loss.item();
                    Tensor[] g = tape.gradient(loss, vars.stream().map(Variable::value).toArray(Tensor[]::new));
                    if (gAlone == null) {
                        gAlone = g;
                    } else {
                        for (int i = 0; i < g.length; i++) {
                            gAlone[i] = gAlone[i].add(g[i]);
                        }
                    }
                }
            }
            assertEquals(lossAlone, lossPadded, 1e-5, kind + " loss");
            for (int i = 0; i < vars.size(); i++) {
                assertTrue(gAlone[i].allClose(gPadded[i], 1e-4, 1e-6), kind + " gradient of " + vars.get(i).name());
            }
        }
    }

    @Test
    void returnSequencesPassesTheMaskOnAndMaskedMeanPoolsOnlyKeptSteps() {
        Tensor x = GradientCheck.randomInput(1, 2, 4, 3);
        Tensor mask = Tensor.of(new float[] {1, 1, 0, 0, 1, 1, 1, 0}, 2, 4);
        LSTM seq = new LSTM(2).returnSequences(true);
        List<Tensor> masks = new ArrayList<>();
        masks.add(mask);
        assertTrue(seq.computeMask(List.of(x), masks).get(0) == mask);
        assertEquals(null, new LSTM(2).computeMask(List.of(x), masks).get(0));
        GlobalAveragePooling1D gap = new GlobalAveragePooling1D();
        Tensor y = gap.callAll(List.of(x), masks, false).get(0);
        for (int b = 0; b < 2; b++) {
            int kept = b == 0 ? 2 : 3;
            for (int c = 0; c < 3; c++) {
                double s = 0;
                for (int t = 0; t < kept; t++) {
                    s += x.get(b, t, c);
                }
                assertEquals(s / kept, y.get(b, c), 1e-6);
            }
        }
        GradientCheck.Result r = GradientCheck.check(in -> gap.callAll(List.of(in[0]), masks, false).get(0),
                new Tensor[] {x}, 1e-3);
        assertTrue(r.passed(1e-2, 1e-3), r.toString());
    }

    @Test
    void intInputsAreSavedWithTheirDtype(@TempDir Path tmp) throws Exception {
        KerasTensor in = Input.of("tokens", "int64", 4);
        Model m = new Model(in, new GlobalAveragePooling1D().apply(new Embedding(5, 2).maskZero(true).apply(in)));
        Path p = tmp.resolve("m.keras");
        m.save(p);
        Model back = Models.load(p);
        assertEquals("int64", ((InputLayer) back.layers().get(0)).dtype());
        assertTrue(m.call(ids(), false).allClose(back.call(ids(), false), 1e-6, 1e-6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Input.of("s", "complex64", 3));
        assertTrue(e.getMessage().contains("complex64"), e.getMessage());
    }
}
