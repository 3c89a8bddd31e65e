package org.jkeras.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.layers.LayerTestCase;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bidirectional: harness in every merge mode, values against its two layers run by hand. */
class BidirectionalTest {
    @ParameterizedTest
    @ValueSource(strings = {"concat", "sum", "mul", "ave"})
    void passesTheHarnessInEveryMergeMode(String mode) {
        LayerTestCase.of(() -> new Bidirectional(new LSTM(2).returnSequences(true), mode, null)).inputShape(2, 3, 2).run();
        LayerTestCase.of(() -> new Bidirectional(new GRU(2), mode, null)).inputShape(2, 3, 2).run();
    }

    @Test
    void passesTheHarnessWithoutMergeWithStatesAndWithABackwardLayer() {
        LayerTestCase.of(() -> new Bidirectional(new SimpleRNN(2).returnSequences(true), null, null))
                .inputShape(2, 3, 2).noSaveCheck().run();
        LayerTestCase.of(() -> new Bidirectional(new LSTM(2).returnState(true))).inputShape(2, 3, 2).run();
        LayerTestCase.of(() -> new Bidirectional(new LSTM(2), "concat", new LSTM(3).goBackwards(true)))
                .inputShape(2, 3, 2).run();
    }

    @Test
    void concatIsForwardThenTimeReversedBackward() {
        Tensor x = GradientCheck.randomInput(1, 2, 4, 3);
        Bidirectional bi = new Bidirectional(new GRU(2).returnSequences(true));
        Tensor y = bi.call(x, false);
        assertArrayEquals(new int[] {2, 4, 4}, y.shape());
        Tensor f = bi.forwardLayer().call(x, false), b = bi.backwardLayer().call(x, false);
        assertTrue(bi.backwardLayer().goBackwards());
        for (int s = 0; s < 2; s++) {
            for (int t = 0; t < 4; t++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(f.get(s, t, j), y.get(s, t, j));
                    assertEquals(b.get(s, 3 - t, j), y.get(s, t, 2 + j), "backward output re-reversed into time order");
                }
            }
        }
        assertEquals(2 * bi.forwardLayer().countParams(), bi.countParams());
        List<Tensor> none = new Bidirectional(new GRU(2), null, null).callAll(List.of(x), false);
        assertEquals(2, none.size());
    }

    @Test
    void badArgumentsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Bidirectional(new LSTM(2), "max", null));
        assertTrue(e.getMessage().contains("max"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Bidirectional(new LSTM(2), "sum", new LSTM(2).returnSequences(true)));
        assertTrue(e.getMessage().contains("return_sequences"), e.getMessage());
    }
}
