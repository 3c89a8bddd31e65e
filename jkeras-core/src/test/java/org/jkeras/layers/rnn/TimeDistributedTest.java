package org.jkeras.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jkeras.autodiff.GradientCheck;
import org.jkeras.layers.LayerTestCase;
import org.jkeras.layers.convolutional.Conv1D;
import org.jkeras.layers.core.Dense;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** TimeDistributed: harness, and each step equals the inner layer on that step alone. */
class TimeDistributedTest {
    @Test
    void passesTheHarnessAndAppliesTheLayerPerStep() {
        Tensor y = LayerTestCase.of(() -> new TimeDistributed(new Dense(3, "tanh"))).inputShape(2, 4, 5).run();
        assertArrayEquals(new int[] {2, 4, 3}, y.shape());
        LayerTestCase.of(() -> new TimeDistributed(new Conv1D(2, 2))).inputShape(2, 3, 5, 2).run();
        TimeDistributed td = new TimeDistributed(new Dense(3));
        Tensor x = GradientCheck.randomInput(1, 2, 4, 5);
        Tensor out = td.call(x, false);
        Dense d = (Dense) td.layer();
        for (int t = 0; t < 4; t++) {
            float[] step = new float[2 * 5];
            for (int b = 0; b < 2; b++) {
                for (int f = 0; f < 5; f++) {
                    step[b * 5 + f] = x.get(b, t, f);
                }
            }
            Tensor alone = d.call(Tensor.of(step, 2, 5), false);
            for (int b = 0; b < 2; b++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(alone.get(b, j), out.get(b, t, j), 1e-6);
                }
            }
        }
        assertEquals(d.countParams(), td.countParams());
    }

    @Test
    void refusesInputsWithoutATimeAxis() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TimeDistributed(new Dense(2)).call(Tensor.zeros(2, 3), false));
        assertTrue(e.getMessage().contains("ndim"), e.getMessage());
    }
}
