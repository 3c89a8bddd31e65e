package org.jkeras.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.tensor.UpdateKernels;

/**
 * Keras's {@code Adagrad} in the torch backend's float32 order, slot {@code accumulator} starting at
 * {@code initial_accumulator_value}: {@code acc += g²; w -= (g·lr) / sqrt(acc + epsilon)}.
 *
 * <pre>{@code
 * Optimizer opt = new Adagrad();                       // lr 0.001, initial_accumulator_value 0.1, epsilon 1e-7
 * Optimizer fast = new Adagrad(0.1, 0.1, 1e-7);
 * }</pre>
 */
public final class Adagrad extends Optimizer {
    private final double initialAccumulatorValue;
    private final double epsilon;
    private final List<Variable> accumulators = new ArrayList<>();

    /** Keras defaults: learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7. */
    public Adagrad() {
        this(0.001);
    }

    public Adagrad(double learningRate) {
        this(learningRate, 0.1, 1e-7);
    }

    public Adagrad(double learningRate, double initialAccumulatorValue, double epsilon) {
        super("adagrad", learningRate);
        this.initialAccumulatorValue = checkNonNegative("initial_accumulator_value", initialAccumulatorValue);
        this.epsilon = checkNonNegative("epsilon", epsilon);
    }

    @Override
    protected void createSlots(int k, Variable variable) {
        accumulators.add(addSlot(variable, "accumulator", (float) initialAccumulatorValue));
    }

    @Override
    protected void update(int k, Variable variable, float[] g, int go, float lr, long step, int from, int to) {
        Variable a = accumulators.get(k);
        UpdateKernels.adagrad(variable.value().buffer(), variable.value().offset(), a.value().buffer(),
                a.value().offset(), g, go, from, to, lr, (float) epsilon);
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig("initial_accumulator_value", initialAccumulatorValue, "epsilon", epsilon);
    }
}
