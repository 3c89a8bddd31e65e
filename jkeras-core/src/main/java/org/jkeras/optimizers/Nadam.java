package org.jkeras.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.tensor.UpdateKernels;

/**
 * Keras's {@code Nadam} (Adam with Nesterov momentum) in the torch backend's float32 order, slots
 * {@code momentum} and {@code velocity}, plus the momentum-cache product {@code Πu} (starting at 1) updated once
 * per step. With {@code t} the 1-based step:
 * <pre>
 *   u_t = beta_1·(1 - 0.5·0.96^t);  u_t1 = beta_1·(1 - 0.5·0.96^(t+1));  Πu = Πu·u_t
 *   m = m·beta_1 + (1 - beta_1)·g;  v = v·beta_2 + (1 - beta_2)·g²
 *   m̂ = u_t1·m / (1 - Πu·u_t1) + (1 - u_t)·g / (1 - Πu);  v̂ = v / (1 - beta_2^t)
 *   w = w - (m̂·lr) / (sqrt(v̂) + epsilon)
 * </pre>
 *
 * <pre>{@code
 * Optimizer opt = new Nadam();                         // lr 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7
 * }</pre>
 */
public final class Nadam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final List<Variable> momentums = new ArrayList<>();
    private final List<Variable> velocities = new ArrayList<>();
    private float uProduct = 1f;
    // Per-step constants, set in beginStep.
    private float uT1, cu, d1, d0, dv;

    /** Keras defaults: learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7. */
    public Nadam() {
        this(0.001);
    }

    public Nadam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    public Nadam(double learningRate, double beta1, double beta2, double epsilon) {
        super("nadam", learningRate);
        this.beta1 = checkRange("beta_1", beta1, 0, 1, true);
        this.beta2 = checkRange("beta_2", beta2, 0, 1, true);
        this.epsilon = checkNonNegative("epsilon", epsilon);
    }

    /** The momentum-cache product {@code Πu} after the last step (1 before any step). */
    public float uProduct() {
        return uProduct;
    }

    @Override
    protected void createSlots(int k, Variable variable) {
        momentums.add(addSlot(variable, "momentum"));
        velocities.add(addSlot(variable, "velocity"));
    }

    @Override
    protected void beginStep(long step, float lr) {
        float b1 = (float) beta1;
        float t = (float) step, t1 = (float) (step + 1);
        float uT = b1 * (1f - 0.5f * (float) Math.pow(0.96f, t));
        uT1 = b1 * (1f - 0.5f * (float) Math.pow(0.96f, t1));
        float uProductT = uProduct * uT;
        float uProductT1 = uProductT * uT1;
        uProduct = uProductT;
        cu = 1f - uT;
        d1 = 1f - uProductT1;
        d0 = 1f - uProductT;
        dv = 1f - (float) Math.pow((float) beta2, t);
    }

    @Override
    protected void update(int k, Variable variable, float[] g, int go, float lr, long step, int from, int to) {
        Variable mk = momentums.get(k), vk = velocities.get(k);
        UpdateKernels.nadam(variable.value().buffer(), variable.value().offset(), mk.value().buffer(),
                mk.value().offset(), vk.value().buffer(), vk.value().offset(), g, go, from, to, (float) beta1,
                (float) (1.0 - beta1), (float) beta2, (float) (1.0 - beta2), uT1, cu, d1, d0, dv, lr, (float) epsilon);
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig("beta_1", beta1, "beta_2", beta2, "epsilon", epsilon);
    }
}
