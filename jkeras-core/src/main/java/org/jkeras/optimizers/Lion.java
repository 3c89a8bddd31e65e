package org.jkeras.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.tensor.UpdateKernels;

/**
 * Keras's {@code Lion} in the torch backend's float32 order, slot {@code momentum}:
 * {@code c = m·beta_1 + (1 - beta_1)·g; w = w - sign(c)·lr; m = m·beta_2 + (1 - beta_2)·g}.
 *
 * <pre>{@code
 * Optimizer opt = new Lion();                          // lr 0.001, beta_1 0.9, beta_2 0.99
 * Optimizer decayed = new Lion(1e-4).weightDecay(0.1);
 * }</pre>
 */
public final class Lion extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final List<Variable> momentums = new ArrayList<>();

    /** Keras defaults: learning_rate=0.001, beta_1=0.9, beta_2=0.99. */
    public Lion() {
        this(0.001);
    }

    public Lion(double learningRate) {
        this(learningRate, 0.9, 0.99);
    }

    public Lion(double learningRate, double beta1, double beta2) {
        super("lion", learningRate);
        if (!(beta1 > 0 && beta1 <= 1)) {
            throw new IllegalArgumentException("Argument `beta_1` must be in the [0, 1] range. Otherwise, the "
                    + "optimizer degenerates to SignSGD. Received: beta_1=" + beta1 + ".");
        }
        this.beta1 = beta1;
        this.beta2 = checkRange("beta_2", beta2, 0, 1, false);
    }

    @Override
    protected void createSlots(int k, Variable variable) {
        momentums.add(addSlot(variable, "momentum"));
    }

    @Override
    protected void update(int k, Variable variable, float[] g, int go, float lr, long step, int from, int to) {
        Variable mk = momentums.get(k);
        UpdateKernels.lion(variable.value().buffer(), variable.value().offset(), mk.value().buffer(),
                mk.value().offset(), g, go, from, to, (float) beta1, (float) (1.0 - beta1), (float) beta2,
                (float) (1.0 - beta2), lr);
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig("beta_1", beta1, "beta_2", beta2);
    }
}
