package org.jkeras.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each schedule at several steps against Keras 3's formulas (learning_rate_schedule.py) evaluated with python3. */
class SchedulesTest {
    private static void at(LearningRateSchedule s, long[] steps, double[] expected) {
        for (int i = 0; i < steps.length; i++) {
            assertEquals(expected[i], s.apply(steps[i]), 1e-12, s + " at step " + steps[i]);
        }
    }

    @Test
    void exponentialDecay() {
        // 0.1·0.5^(step/100); staircase floors the exponent
        long[] st = {0, 50, 100, 250};
        at(new ExponentialDecay(0.1, 100, 0.5), st, new double[] {0.1, 0.07071067811865477, 0.05, 0.01767766952966369});
        at(new ExponentialDecay(0.1, 100, 0.5, true), st, new double[] {0.1, 0.1, 0.05, 0.025});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0.1, 0, 0.5));
        assertTrue(e.getMessage().contains("decay_steps=0.0"), e.getMessage());
    }

    @Test
    void inverseTimeDecay() {
        // 0.1 / (1 + 0.5·step/10)
        long[] st = {0, 5, 10, 35};
        at(new InverseTimeDecay(0.1, 10, 0.5), st, new double[] {0.1, 0.08, 0.06666666666666667, 0.03636363636363637});
        at(new InverseTimeDecay(0.1, 10, 0.5, true), st, new double[] {0.1, 0.1, 0.06666666666666667, 0.04});
    }

    @Test
    void piecewiseConstantDecay() {
        PiecewiseConstantDecay s = new PiecewiseConstantDecay(new long[] {100, 200}, new double[] {1.0, 0.5, 0.1});
        at(s, new long[] {0, 100, 101, 200, 201, 10_000}, new double[] {1.0, 1.0, 0.5, 0.5, 0.1, 0.1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PiecewiseConstantDecay(new long[] {100}, new double[] {1.0}));
        assertTrue(e.getMessage().contains("1 less than the length of values"), e.getMessage());
    }

    @Test
    void polynomialDecay() {
        // (0.1 - 1e-4)·(1 - min(step,100)/100) + 1e-4
        at(new PolynomialDecay(0.1, 100), new long[] {0, 25, 100, 150},
                new double[] {0.1, 0.075025, 0.0001, 0.0001});
        // power 2, end 0.01, cycle: decay_steps·ceil(step/100) (1 at step 0)
        at(new PolynomialDecay(0.1, 100, 0.01, 2.0, true), new long[] {0, 50, 100, 150, 250},
                new double[] {0.1, 0.0325, 0.01, 0.015625, 0.0125});
    }

    @Test
    void cosineDecay() {
        // 0.1·0.5·(1 + cos(π·min(step,100)/100))
        at(new CosineDecay(0.1, 100), new long[] {0, 25, 50, 100, 150},
                new double[] {0.1, 0.08535533905932738, 0.05, 0.0, 0.0});
        // alpha 0.1: ((1-0.1)·cosine + 0.1)·0.1
        at(new CosineDecay(0.1, 100, 0.1), new long[] {50, 200}, new double[] {0.055, 0.01});
        // warmup from 0 to 0.2 over 10 steps, then cosine from 0.2 over 100 steps
        at(new CosineDecay(0.0, 100, 0.0, 0.2, 10), new long[] {0, 5, 10, 60, 110, 500},
                new double[] {0.0, 0.1, 0.2, 0.1, 0.0, 0.0});
    }

    @Test
    void cosineDecayRestarts() {
        // first period 10 steps, t_mul 2: restarts at 10 and 30
        at(new CosineDecayRestarts(0.1, 10), new long[] {0, 5, 10, 20, 30, 40},
                new double[] {0.1, 0.05, 0.1, 0.05, 0.1, 0.08535533905932738});
        // t_mul 1, m_mul 0.5, alpha 0.1: each period 10 steps, peaks halve
        at(new CosineDecayRestarts(0.1, 10, 1.0, 0.5, 0.1), new long[] {0, 5, 10, 15, 25},
                new double[] {0.1, 0.055, 0.055, 0.0325, 0.02125});
    }
}
