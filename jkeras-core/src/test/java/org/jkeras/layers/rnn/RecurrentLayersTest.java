package org.jkeras.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.layers.KerasTensor;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerTestCase;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.core.Input;
import org.jkeras.models.Model;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SimpleRNN, LSTM, GRU and RNN(cell) through the per-layer harness in every mode, plus their specific behaviour. */
class RecurrentLayersTest {
    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("SimpleRNN", (Supplier<Layer>) () -> new SimpleRNN(3)),
                Arguments.of("SimpleRNN seq relu", (Supplier<Layer>) () -> {
                    SimpleRNN l = new SimpleRNN(3).returnSequences(true);
                    l.cell().activation("relu");
                    return l;
                }),
                Arguments.of("LSTM", (Supplier<Layer>) () -> new LSTM(3)),
                Arguments.of("LSTM seq go_backwards", (Supplier<Layer>) () -> new LSTM(3).returnSequences(true)
                        .goBackwards(true)),
                Arguments.of("LSTM return_state", (Supplier<Layer>) () -> new LSTM(3).returnState(true)),
                Arguments.of("GRU reset_after", (Supplier<Layer>) () -> new GRU(3).returnSequences(true)),
                Arguments.of("GRU reset_before state", (Supplier<Layer>) () -> {
                    GRU g = new GRU(3).returnState(true);
                    g.cell().resetAfter(false);
                    return g;
                }),
                Arguments.of("GRU no bias", (Supplier<Layer>) () -> {
                    GRU g = new GRU(2);
                    g.cell().useBias(false);
                    return g;
                }),
                Arguments.of("RNN(LSTMCell)", (Supplier<Layer>) () -> new RNN(new LSTMCell(2)).returnSequences(true)),
                Arguments.of("RNN(GRUCell)", (Supplier<Layer>) () -> new RNN(new GRUCell(2))),
                Arguments.of("RNN(SimpleRNNCell) unroll", (Supplier<Layer>) () -> new RNN(new SimpleRNNCell(2)).unroll(true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void passesTheHarness(String name, Supplier<Layer> factory) {
        LayerTestCase.of(factory).inputShape(2, 4, 3).run();
    }

    @Test
    void dropoutLayersPassTheHarnessInInferenceAndDropInTraining() {
        Supplier<Layer> f = () -> {
            LSTM l = new LSTM(3).returnSequences(true);
            l.cell().dropout(0.3).recurrentDropout(0.3).seed(7L);
            return l;
        };
        LayerTestCase.of(f).inputShape(2, 4, 3).notDifferentiableInTraining().run();
        Layer l = f.get();
        Tensor x = GradientCheck.randomInput(1, 2, 4, 3);
        Tensor inference = l.call(x, false), training = l.call(x, true);
        assertTrue(inference.allClose(l.call(x, false), 0, 0));
        assertTrue(!inference.allClose(training, 1e-6, 1e-6), "dropout changes the training output");
    }

    @Test
    void cellProcessesOneStepAsTheLayerDoes() {
        LSTM layer = new LSTM(3);
        Tensor x = GradientCheck.randomInput(3, 2, 1, 4);
        Tensor y = layer.call(x, false);
        LSTMCell cell = layer.cell();
        List<Tensor> out = cell.callAll(List.of(x.reshape(2, 4)), false);
        assertEquals(3, out.size(), "[h, h, c]");
        assertTrue(y.allClose(out.get(0), 1e-6, 1e-6));
    }

    @Test
    void initialStatesAreExtraInputs() {
        KerasTensor x = Input.of(5, 2);
        KerasTensor h = Input.of(3), c = Input.of(3);
        LSTM lstm = new LSTM(3);
        KerasTensor y = lstm.apply(x, h, c);
        Model m = new Model(List.of(x, h, c), new Dense(1).apply(y));
        Tensor xs = GradientCheck.randomInput(1, 2, 5, 2);
        Tensor zeros = Tensor.zeros(2, 3), ones = Tensor.ones(2, 3);
        Tensor a = (Tensor) m.predict(List.of(xs, zeros, zeros), org.jkeras.training.EvaluateOptions.defaults().verbose(0));
        Tensor b = (Tensor) m.predict(List.of(xs, ones, ones), org.jkeras.training.EvaluateOptions.defaults().verbose(0));
        Tensor none = new Dense(1).call(lstm.call(xs, false), false);
        assertNotEquals(a.get(0, 0), b.get(0, 0));
        assertEquals(2, none.dim(0));
    }

    @Test
    void statefulCarriesStatesAcrossBatchesUntilReset() {
        LSTM l = new LSTM(3).stateful(true).batchSize(2);
        Tensor x = GradientCheck.randomInput(1, 2, 4, 3);
        Tensor first = l.call(x, false);
        Tensor second = l.call(x, false);
        assertTrue(!first.allClose(second, 1e-6, 1e-6), "the second batch starts from the first's states");
        l.resetStates();
        assertTrue(first.allClose(l.call(x, false), 1e-6, 1e-6), "reset_states starts again from zeros");
        // the same as one sequence twice as long
        Tensor twice = org.jkeras.ops.Ops.concatenate(new Tensor[] {x, x}, 1);
        LSTM plain = new LSTM(3);
        plain.call(twice, false);
        for (int i = 0; i < 3; i++) {
            plain.weights().get(i).assign(l.weights().get(i).value());
        }
        assertTrue(second.allClose(plain.call(twice, false), 1e-5, 1e-5));
    }

    @Test
    void badInputsHaveClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LSTM(3).call(Tensor.zeros(2, 4), false));
        assertTrue(e.getMessage().contains("ndim=3") && e.getMessage().contains("found ndim=2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LSTM(3).stateful(true).call(Tensor.zeros(2, 4, 3), false));
        assertTrue(e.getMessage().contains("stateful") && e.getMessage().contains("batch size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new GRU(3).callAll(List.of(Tensor.zeros(2, 4, 3)), List.of(Tensor.ones(2, 5)), false));
        assertTrue(e.getMessage().contains("mask") && e.getMessage().contains("[2, 5]")
                && e.getMessage().contains("[2, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LSTM(0));
        assertTrue(e.getMessage().contains("units"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LSTM(2).cell().dropout(1.5));
        assertTrue(e.getMessage().contains("dropout"), e.getMessage());
    }

    @Test
    void configUsesKerasKeysAndUnitForgetBiasStartsForgetGateAtOne() {
        LSTM l = new LSTM(4);
        Map<String, Object> c = l.getConfig();
        for (String k : new String[] {"return_sequences", "return_state", "go_backwards", "stateful", "unroll",
                "zero_output_for_mask", "units", "activation", "recurrent_activation", "unit_forget_bias", "dropout",
                "recurrent_dropout", "seed"}) {
            assertTrue(c.containsKey(k), k);
        }
        l.call(Tensor.zeros(1, 2, 3), false);
        float[] b = l.cell().bias().value().toArray();
        for (int j = 0; j < 16; j++) {
            assertEquals(j >= 4 && j < 8 ? 1f : 0f, b[j], "bias " + j);
        }
        assertArrayEquals(new int[] {2, 9}, new GRU(3).cellBiasShapeFor(5));
    }
}
