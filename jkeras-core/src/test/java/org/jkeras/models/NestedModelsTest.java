package org.jkeras.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jkeras.autodiff.Variable;
import org.jkeras.layers.KerasTensor;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.core.Input;
import org.jkeras.layers.core.InputLayer;
import org.jkeras.layers.merging.Add;
import org.jkeras.layers.normalization.BatchNormalization;
import org.jkeras.saving.Models;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.EvaluateOptions;
import org.jkeras.training.FitOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models used as layers of other models (transfer learning): a functional model with a nested Sequential backbone
 * (with BatchNormalization) and a nested functional block — frozen, trained, unfrozen, fine-tuned, summarised,
 * saved and reloaded in .keras and .h5.
 */
class NestedModelsTest {
    @TempDir
    Path dir;

    static final EvaluateOptions QUIET = EvaluateOptions.defaults().verbose(0);

    static Model build() {
        Sequential backbone = new Sequential("backbone", new InputLayer(6), new Dense(8, "relu"), new BatchNormalization(),
                new Dense(4, "relu"));
        KerasTensor bi = Input.of("block_in", 4);
        Model block = new Model(bi, new Add().apply(bi, new Dense(4, "tanh").apply(bi)), "block");
        KerasTensor x = Input.of("features", 6);
        KerasTensor out = new Dense(3, "softmax").name("head").apply(block.apply(backbone.apply(x)));
        Model m = new Model(x, out, "transfer");
        m.compile("adam", "categorical_crossentropy", "accuracy");
        return m;
    }

    static Tensor[] data() {
        Tensor x = Tensor.randomNormal(4, 1f, 2f, 32, 6);
        float[] y = new float[32 * 3];
        for (int i = 0; i < 32; i++) y[i * 3 + (x.get(i, 0) > 1 ? 1 : i % 3)] = 1;
        return new Tensor[] {x, Tensor.of(y, 32, 3)};
    }

    private static List<float[]> values(List<Variable> vs) {
        List<float[]> out = new ArrayList<>();
        for (Variable v : vs) out.add(v.value().toArray());
        return out;
    }

    private static boolean same(List<float[]> a, List<float[]> b) {
        for (int i = 0; i < a.size(); i++) if (!Arrays.equals(a.get(i), b.get(i))) return false;
        return true;
    }

    @Test
    void freezeTrainTheHeadUnfreezeFineTune() {
        Seeds.setGlobalSeed(3);
        Model m = build();
        Tensor[] d = data();
        Model backbone = (Model) m.getLayer("backbone");
        assertEquals(List.of("features", "backbone", "block", "head"), m.layers().stream().map(l -> l.name()).toList());
        backbone.setTrainable(false);
        m.compile("adam", "categorical_crossentropy", "accuracy");
        assertTrue(backbone.trainableWeights().isEmpty());
        List<float[]> frozen = values(backbone.weights());
        List<float[]> head = values(m.getLayer("head").weights());
        m.fit(d[0], d[1], FitOptions.defaults().epochs(2).batchSize(8).verbose(0));
        assertTrue(same(frozen, values(backbone.weights())), "a frozen backbone (BN statistics included) does not change");
        assertFalse(same(head, values(m.getLayer("head").weights())), "the head trains");

        backbone.setTrainable(true);
        m.compile("adam", "categorical_crossentropy", "accuracy");
        BatchNormalization bn = (BatchNormalization) backbone.layers().get(1);
        assertEquals(List.of("gamma", "beta"), bn.trainableWeights().stream().map(Variable::name).toList());
        m.fit(d[0], d[1], FitOptions.defaults().epochs(1).batchSize(8).verbose(0));
        assertFalse(same(frozen, values(backbone.weights())), "fine-tuning moves the backbone");
    }

    @Test
    void savedAndReloadedInKerasAndLegacyFilesPredictTheSame() throws IOException {
        Seeds.setGlobalSeed(4);
        Model m = build();
        Tensor[] d = data();
        ((Model) m.getLayer("backbone")).setTrainable(false);
        m.compile("adam", "categorical_crossentropy", "accuracy");
        m.fit(d[0], d[1], FitOptions.defaults().epochs(1).batchSize(8).verbose(0));
        ((Model) m.getLayer("backbone")).setTrainable(true);
        m.compile("adam", "categorical_crossentropy", "accuracy");
        m.fit(d[0], d[1], FitOptions.defaults().epochs(1).batchSize(8).verbose(0));
        Tensor expected = m.predict(d[0], QUIET);
        for (String name : new String[] {"nested.keras", "nested.h5"}) {
            Path p = dir.resolve(name);
            m.save(p);
            Model back = Models.load(p);
            assertInstanceOf(Sequential.class, back.getLayer("backbone"), name);
            assertEquals("Functional", back.getLayer("block").className(), name);
            assertArrayEquals(expected.toArray(), back.predict(d[0], QUIET).toArray(), 1e-6f, name + ": predictions");
            if (name.endsWith(".keras")) {
                // (the legacy .h5 drops Keras-3-only keys such as the initializers' input_axes, as Keras 2 files lack them)
                assertEquals(m.toJson(), back.toJson(), name + ": config");
            }
        }
        for (String name : new String[] {"nested.weights.h5", "nested_weights.h5"}) {
            Path p = dir.resolve(name);
            m.saveWeights(p);
            Model fresh = Models.fromJson(m.toJson());
            fresh.loadWeights(p);
            assertArrayEquals(expected.toArray(), fresh.predict(d[0], QUIET).toArray(), 1e-6f, name);
        }
    }

    @Test
    void modelsNestedInASequentialRoundTripToo() throws IOException {
        Seeds.setGlobalSeed(8);
        KerasTensor bi = Input.of("block_in", 6);
        Model block = new Model(bi, new Add().apply(bi, new Dense(6, "tanh").apply(bi)), "block");
        Sequential inner = new Sequential("inner", new InputLayer(6), new Dense(5, "relu"), new BatchNormalization());
        Sequential m = new Sequential("outer", new InputLayer(6), block, inner, new Dense(3, "softmax"));
        m.compile("adam", "categorical_crossentropy", "accuracy");
        Tensor[] d = data();
        m.fit(d[0], d[1], FitOptions.defaults().epochs(1).batchSize(8).verbose(0));
        Tensor expected = m.predict(d[0], QUIET);
        for (String name : new String[] {"seq.keras", "seq.h5"}) {
            Path p = dir.resolve(name);
            m.save(p);
            Model back = Models.load(p);
            assertInstanceOf(Sequential.class, back);
            assertEquals("Functional", back.layers().get(0).className(), name);
            assertInstanceOf(Sequential.class, back.layers().get(1), name);
            assertArrayEquals(expected.toArray(), back.predict(d[0], QUIET).toArray(), 1e-6f, name + ": predictions");
        }
    }

    @Test
    void frozenNestedModelStaysFrozenThroughAFile() throws IOException {
        Seeds.setGlobalSeed(5);
        Model m = build();
        ((Model) m.getLayer("backbone")).setTrainable(false);
        Path p = dir.resolve("frozen.keras");
        m.save(p);
        Model back = Models.load(p);
        assertFalse(back.getLayer("backbone").trainable());
        assertTrue(((Model) back.getLayer("backbone")).trainableWeights().isEmpty());
    }

    @Test
    void summaryShowsNestedModelsAsOneRowEach() {
        Seeds.setGlobalSeed(6);
        Model m = build();
        String s = m.summaryText(98);
        assertTrue(s.contains("backbone (Sequential)"), s);
        assertTrue(s.contains("block (Functional)"), s);
        long backboneParams = m.getLayer("backbone").countParams();
        assertEquals(6 * 8 + 8 + 4 * 8 + 8 * 4 + 4, backboneParams);
        assertTrue(s.contains(String.format("%,d", backboneParams)) || s.contains(String.valueOf(backboneParams)), s);
    }

    @Test
    void aNestedModelWhoseInputsDoNotMatchIsRefused() {
        Sequential backbone = new Sequential("backbone", new InputLayer(6), new Dense(4));
        KerasTensor x = Input.of("wrong", 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backbone.apply(x));
        assertTrue(e.getMessage().contains("backbone") && e.getMessage().contains("6") && e.getMessage().contains("5"),
                e.getMessage());
        KerasTensor bi = Input.of("a", 4), bj = Input.of("b", 4);
        Model two = new Model(List.of(bi, bj), new Add().apply(bi, bj), "pair");
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> two.apply(Input.of("c", 4)));
        assertTrue(e2.getMessage().contains("pair") && e2.getMessage().contains("2"), e2.getMessage());
    }
}
