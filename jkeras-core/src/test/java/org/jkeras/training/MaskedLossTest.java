package org.jkeras.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.core.Embedding;
import org.jkeras.layers.core.InputLayer;
import org.jkeras.layers.rnn.LSTM;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.SGD;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Losses and metrics honour the predictions' masks (Keras 3, KERAS-SEMANTICS §2.6): masked timesteps weigh 0. */
class MaskedLossTest {
    private static Sequential model() {
        Sequential m = new Sequential(new InputLayer(4).dtype("int32"), new Embedding(5, 3).maskZero(true),
                new LSTM(2).returnSequences(true), new Dense(2));
        m.compile(new SGD(0.0), "mse", "mae");
        return m;
    }

    @Test
    void maskedTimestepsWeighZeroAndDoNotDiluteTheMean() {
        Sequential m = model();
        Tensor x = Tensor.of(new float[] {1, 2, 0, 0, 3, 4, 1, 0}, 2, 4);
        Tensor y = Tensor.of(new float[] {1, 0, 0, 1, 9, 9, 9, 9, 0, 1, 1, 1, 1, 0, 5, 5}, 2, 4, 2);
        Tensor p = m.predict(x, EvaluateOptions.defaults().verbose(0));
        double sum = 0, abs = 0;
        int kept = 0;
        float[] mask = {1, 1, 0, 0, 1, 1, 1, 0};
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 4; t++) {
                if (mask[b * 4 + t] == 0) {
                    continue;
                }
                kept++;
                double se = 0, ae = 0;
                for (int c = 0; c < 2; c++) {
                    double d = p.get(b, t, c) - y.get(b, t, c);
                    se += d * d;
                    ae += Math.abs(d);
                }
                sum += se / 2;
                abs += ae / 2;
            }
        }
        Map<String, Double> r = m.evaluate(x, y, EvaluateOptions.defaults().verbose(0));
        assertEquals(sum / kept, r.get("loss"), 1e-5, "the mean over the 5 unmasked timesteps");
        assertEquals(abs / kept, r.get("mae"), 1e-5);
        // the targets at masked timesteps do not matter
        Tensor y2 = y.copy();
        y2.set(-100f, 0, 2, 0);
        y2.set(-100f, 1, 3, 1);
        assertEquals(r.get("loss"), m.evaluate(x, y2, EvaluateOptions.defaults().verbose(0)).get("loss"), 1e-6);
    }

    @Test
    void aMaskNotMatchingTheOutputIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputMasks.fold(null,
                List.of(Tensor.zeros(2, 4, 2)), List.of(Tensor.ones(2, 3)), true));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 4]"), e.getMessage());
    }
}
