package org.jkeras.layers.rnn;

import java.util.List;
import java.util.Map;
import org.jkeras.initializers.Initializer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.RecurrentOps;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code LSTMCell}: gates i, f, c, o ({@code kernel [F, 4u]}, {@code recurrent_kernel [u, 4u]}, {@code bias [4u]}),
 * {@code c' = f ⊙ c + i ⊙ activation(x W_c + h U_c + b_c)}, {@code h' = o ⊙ activation(c')}; {@code unit_forget_bias}
 * (default true) starts the forget-gate bias at one. States: {@code [h, c]}.
 *
 * <pre>{@code
 * Layer lstm = new RNN(new LSTMCell(32).unitForgetBias(false));
 * }</pre>
 */
public class LSTMCell extends RecurrentCell {
    private boolean unitForgetBias = true;

    public LSTMCell(int units) {
        super(units);
    }

    @Override
    RecurrentCell freshCopy() {
        return copyInto(new LSTMCell(units)).unitForgetBias(unitForgetBias);
    }

    @Override
    int gates() {
        return 4;
    }

    @Override
    public int stateCount() {
        return 2;
    }

    /** Keras's {@code unit_forget_bias} (default true). */
    public LSTMCell unitForgetBias(boolean b) {
        requireUnbuilt("unit_forget_bias");
        this.unitForgetBias = b;
        return this;
    }

    public boolean unitForgetBias() {
        return unitForgetBias;
    }

    @Override
    Initializer biasInit() {
        if (!unitForgetBias) {
            return biasInitializer;
        }
        Initializer base = biasInitializer;
        int u = units;
        return new Initializer() {
            @Override
            public Tensor init(int[] shape, long seed) {
                float[] v = base.init(shape, seed).toArray();
                for (int j = u; j < 2 * u; j++) {
                    v[j] = 1f;
                }
                return Tensor.of(v, shape);
            }

            @Override
            public String className() {
                return base.className();
            }

            @Override
            public Map<String, Object> getConfig() {
                return base.getConfig();
            }
        };
    }

    @Override
    Tensor sequence(Tensor x, List<Tensor> states, Tensor mask, Tensor recMask, boolean goBackwards, boolean zero) {
        Tensor h0 = states == null || states.isEmpty() ? null : states.get(0);
        Tensor c0 = states == null || states.size() < 2 ? null : states.get(1);
        return RecurrentOps.lstm(x, kernel.value(), recurrentKernel.value(), bias == null ? null : bias.value(), h0, c0,
                mask, recMask, goBackwards, zero, activation, recurrentActivation);
    }

    @Override
    Map<String, Object> cellConfig() {
        Map<String, Object> c = commonConfig(true);
        c.put("unit_forget_bias", unitForgetBias);
        putRegularizersAndRest(c);
        c.put("seed", seed);
        return c;
    }

    public static LSTMCell fromConfig(LayerConfig c) {
        LSTMCell cell = new LSTMCell(c.integer("units"));
        cell.readCommon(c, isKeras2(c));
        cell.unitForgetBias(c.bool("unit_forget_bias", true));
        return cell;
    }
}
