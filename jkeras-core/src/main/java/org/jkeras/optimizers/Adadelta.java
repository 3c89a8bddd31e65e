package org.jkeras.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.tensor.UpdateKernels;

/**
 * Keras's {@code Adadelta} in the torch backend's float32 order, slots {@code accumulated_grad} and
 * {@code accumulated_delta_var}:
 * <pre>
 *   ag  = ag·rho + (1 - rho)·g²
 *   d   = -(sqrt(adv + eps)·g) / sqrt(ag + eps)
 *   adv = adv·rho + (1 - rho)·d²
 *   w   = w + lr·d
 * </pre>
 *
 * <pre>{@code
 * Optimizer opt = new Adadelta();                      // lr 0.001, rho 0.95, epsilon 1e-7
 * Optimizer classic = new Adadelta(1.0, 0.95, 1e-6);
 * }</pre>
 */
public final class Adadelta extends Optimizer {
    private final double rho;
    private final double epsilon;
    private final List<Variable> accumulatedGrads = new ArrayList<>();
    private final List<Variable> accumulatedDeltas = new ArrayList<>();

    /** Keras defaults: learning_rate=0.001, rho=0.95, epsilon=1e-7. */
    public Adadelta() {
        this(0.001);
    }

    public Adadelta(double learningRate) {
        this(learningRate, 0.95, 1e-7);
    }

    public Adadelta(double learningRate, double rho, double epsilon) {
        super("adadelta", learningRate);
        this.rho = checkRange("rho", rho, 0, 1, false);
        this.epsilon = checkNonNegative("epsilon", epsilon);
    }

    @Override
    protected void createSlots(int k, Variable variable) {
        accumulatedGrads.add(addSlot(variable, "accumulated_grad"));
        accumulatedDeltas.add(addSlot(variable, "accumulated_delta_var"));
    }

    @Override
    protected void update(int k, Variable variable, float[] g, int go, float lr, long step, int from, int to) {
        Variable ag = accumulatedGrads.get(k), adv = accumulatedDeltas.get(k);
        UpdateKernels.adadelta(variable.value().buffer(), variable.value().offset(), ag.value().buffer(),
                ag.value().offset(), adv.value().buffer(), adv.value().offset(), g, go, from, to, lr, (float) rho,
                (float) (1.0 - rho), (float) epsilon);
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig("rho", rho, "epsilon", epsilon);
    }
}
