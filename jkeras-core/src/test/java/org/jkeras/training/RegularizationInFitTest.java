package org.jkeras.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jkeras.autodiff.Variable;
import org.jkeras.layers.core.Dense;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.SGD;
import org.jkeras.regularizers.L2;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The training loop applies what layers and optimizers declare: penalties, constraints, EMA. */
class RegularizationInFitTest {
    private static Tensor[] data() {
        Tensor x = Tensor.randomNormal(1, 0, 1, 32, 4);
        Tensor y = Tensor.randomNormal(2, 0, 1, 32, 2);
        return new Tensor[] {x, y};
    }

    @Test
    void reportedLossIncludesTheL2PenaltyAsKerasDoes() {
        Tensor[] d = data();
        Seeds.setGlobalSeed(4);
        Dense dense = new Dense(2).kernelRegularizer(new L2(0.5)).inputDim(4);
        Sequential m = new Sequential(dense);
        m.compile(new SGD(0.0), "mse"); // learning rate 0: the weights never change, so the figures can be checked
        double loss = m.fit(d[0], d[1], FitOptions.defaults().epochs(1).batchSize(32).verbose(0)).history().get("loss").get(0);
        double mse = m.evaluate(d[0], d[1], EvaluateOptions.defaults().verbose(0).batchSize(32)).get("loss");
        double penalty = 0;
        for (float w : dense.kernel().value().toArray()) {
            penalty += 0.5 * w * w; // Keras's l2: factor · Σ w²
        }
        assertEquals(mse, loss, 1e-4 + 1e-9, "evaluate reports the penalty too");
        Sequential plain = new Sequential(new Dense(2).inputDim(4));
        plain.setWeights(m.getWeights());
        plain.compile(new SGD(0.0), "mse");
        double unpenalised = plain.evaluate(d[0], d[1], EvaluateOptions.defaults().verbose(0).batchSize(32)).get("loss");
        assertEquals(unpenalised + penalty, loss, 1e-4);
    }

    @Test
    void constraintsHoldAfterEveryUpdate() {
        Tensor[] d = data();
        Dense dense = new Dense(3, "relu").kernelConstraint("non_neg").inputDim(4);
        Sequential m = new Sequential(dense, new Dense(2));
        m.compile(new SGD(0.5), "mse");
        m.fit(d[0], d[1], FitOptions.defaults().epochs(3).batchSize(8).verbose(0));
        for (float w : dense.kernel().value().toArray()) {
            assertTrue(w >= 0f, "non_neg kernel after training: " + w);
        }
    }

    @Test
    void emaWeightsReplaceTheModelsAtTheEndOfFit() {
        Tensor[] d = data();
        Seeds.setGlobalSeed(9);
        Sequential plain = new Sequential(new Dense(2).inputDim(4));
        Sequential ema = new Sequential(new Dense(2).inputDim(4));
        ema.setWeights(plain.getWeights());
        plain.compile(new SGD(0.1), "mse");
        SGD withEma = new SGD(0.1).useEma(true);
        ema.compile(withEma, "mse");
        FitOptions o = FitOptions.defaults().epochs(2).batchSize(8).shuffle(false).verbose(0);
        plain.fit(d[0], d[1], o);
        ema.fit(d[0], d[1], FitOptions.defaults().epochs(2).batchSize(8).shuffle(false).verbose(0));
        List<Variable> a = plain.trainableWeights(), b = ema.trainableWeights();
        boolean differs = false;
        for (int i = 0; i < a.size(); i++) {
            float[] x = a.get(i).value().toArray(), y = b.get(i).value().toArray();
            for (int j = 0; j < x.length; j++) {
                differs |= Math.abs(x[j] - y[j]) > 1e-6;
            }
        }
        assertTrue(differs, "with use_ema the final weights are the moving averages, not the last iterate");
    }
}
