package org.jkeras.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.tensor.UpdateKernels;

/**
 * Keras's {@code Adamax} in the torch backend's float32 order, slots {@code momentum} ({@code m}) and {@code norm}
 * ({@code u}), {@code t} the 1-based step:
 * <pre>
 *   m = m·beta_1 + (1 - beta_1)·g
 *   u = max(u·beta_2, |g|)
 *   w = w - (m·lr) / ((u + epsilon)·(1 - beta_1^t))
 * </pre>
 *
 * <pre>{@code
 * Optimizer opt = new Adamax();                        // lr 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7
 * Optimizer custom = new Adamax(0.002, 0.9, 0.99, 1e-7);
 * }</pre>
 */
public final class Adamax extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final List<Variable> m = new ArrayList<>();
    private final List<Variable> u = new ArrayList<>();

    /** Keras defaults: learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7. */
    public Adamax() {
        this(0.001);
    }

    public Adamax(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    public Adamax(double learningRate, double beta1, double beta2, double epsilon) {
        super("adamax", learningRate);
        this.beta1 = checkRange("beta_1", beta1, 0, 1, true);
        this.beta2 = checkRange("beta_2", beta2, 0, 1, false);
        this.epsilon = checkNonNegative("epsilon", epsilon);
    }

    @Override
    protected void createSlots(int k, Variable variable) {
        m.add(addSlot(variable, "momentum"));
        u.add(addSlot(variable, "norm"));
    }

    @Override
    protected void update(int k, Variable variable, float[] g, int go, float lr, long step, int from, int to) {
        float b1 = (float) beta1;
        float corr = 1f - (float) Math.pow(b1, (float) step);
        Variable mk = m.get(k), uk = u.get(k);
        UpdateKernels.adamax(variable.value().buffer(), variable.value().offset(), mk.value().buffer(),
                mk.value().offset(), uk.value().buffer(), uk.value().offset(), g, go, from, to, b1,
                (float) (1.0 - beta1), (float) beta2, lr, (float) epsilon, corr);
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig("beta_1", beta1, "beta_2", beta2, "epsilon", epsilon);
    }
}
