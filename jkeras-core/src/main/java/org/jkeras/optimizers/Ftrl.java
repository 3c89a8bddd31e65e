package org.jkeras.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.tensor.UpdateKernels;

/**
 * Keras's {@code Ftrl} (FTRL-proximal), as Keras's generic {@code update_step} computes it, slots
 * {@code accumulator} (starting at {@code initial_accumulator_value}) and {@code linear}; with
 * {@code p = -learning_rate_power} and {@code l2' = l2 + beta / (2·lr)}:
 * <pre>
 *   g' = g + 2·l2_shrinkage·w;   n' = n + g²
 *   linear += g' - (n'^p - n^p) / lr · w
 *   w = (clip(linear, -l1, l1) - linear) / (n'^p / lr + 2·l2');   n = n'
 * </pre>
 *
 * <pre>{@code
 * Optimizer opt = new Ftrl();        // lr 0.001, power -0.5, initial accumulator 0.1, no regularization
 * Optimizer sparse = Ftrl.builder().learningRate(0.1).l1(0.01).build();
 * }</pre>
 */
public final class Ftrl extends Optimizer {
    private final double learningRatePower;
    private final double initialAccumulatorValue;
    private final double l1;
    private final double l2;
    private final double l2Shrinkage;
    private final double beta;
    private final List<Variable> accumulators = new ArrayList<>();
    private final List<Variable> linears = new ArrayList<>();

    /** Keras defaults (see {@link Builder}). */
    public Ftrl() {
        this(0.001);
    }

    public Ftrl(double learningRate) {
        this(builder().learningRate(learningRate));
    }

    private Ftrl(Builder b) {
        super("ftrl", b.learningRate);
        if (!(b.initialAccumulatorValue >= 0)) {
            throw new IllegalArgumentException("`initial_accumulator_value` needs to be positive or zero. Received: "
                    + "initial_accumulator_value=" + b.initialAccumulatorValue + ".");
        }
        if (!(b.learningRatePower <= 0)) {
            throw new IllegalArgumentException("`learning_rate_power` needs to be negative or zero. Received: "
                    + "learning_rate_power=" + b.learningRatePower + ".");
        }
        if (!(b.l1 >= 0)) {
            throw new IllegalArgumentException("`l1_regularization_strength` needs to be positive or zero. Received: "
                    + "l1_regularization_strength=" + b.l1 + ".");
        }
        if (!(b.l2 >= 0)) {
            throw new IllegalArgumentException("`l2_regularization_strength` needs to be positive or zero. Received: "
                    + "l2_regularization_strength=" + b.l2 + ".");
        }
        if (!(b.l2Shrinkage >= 0)) {
            throw new IllegalArgumentException("`l2_shrinkage_regularization_strength` needs to be positive or zero. "
                    + "Received: l2_shrinkage_regularization_strength=" + b.l2Shrinkage + ".");
        }
        this.learningRatePower = b.learningRatePower;
        this.initialAccumulatorValue = b.initialAccumulatorValue;
        this.l1 = b.l1;
        this.l2 = b.l2;
        this.l2Shrinkage = b.l2Shrinkage;
        this.beta = checkNonNegative("beta", b.beta);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void createSlots(int k, Variable variable) {
        accumulators.add(addSlot(variable, "accumulator", (float) initialAccumulatorValue));
        linears.add(addSlot(variable, "linear"));
    }

    @Override
    protected void update(int k, Variable variable, float[] g, int go, float lr, long step, int from, int to) {
        float l2Reg = (float) (l2 + beta / (2.0 * lr));
        Variable a = accumulators.get(k), lin = linears.get(k);
        UpdateKernels.ftrl(variable.value().buffer(), variable.value().offset(), a.value().buffer(), a.value().offset(),
                lin.value().buffer(), lin.value().offset(), g, go, from, to, lr, (float) -learningRatePower,
                (float) l1, l2Reg, (float) l2Shrinkage);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = baseConfig();
        c.put("learning_rate_power", learningRatePower);
        c.put("initial_accumulator_value", initialAccumulatorValue);
        c.put("l1_regularization_strength", l1);
        c.put("l2_regularization_strength", l2);
        c.put("l2_shrinkage_regularization_strength", l2Shrinkage);
        c.put("beta", beta);
        return c;
    }

    /**
     * Options with Keras's defaults: learning_rate=0.001, learning_rate_power=-0.5, initial_accumulator_value=0.1,
     * l1/l2/l2_shrinkage regularization strengths 0, beta=0.
     */
    public static final class Builder {
        private double learningRate = 0.001;
        private double learningRatePower = -0.5;
        private double initialAccumulatorValue = 0.1;
        private double l1;
        private double l2;
        private double l2Shrinkage;
        private double beta;

        private Builder() {}

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** {@code <= 0}. */
        public Builder learningRatePower(double v) {
            learningRatePower = v;
            return this;
        }

        public Builder initialAccumulatorValue(double v) {
            initialAccumulatorValue = v;
            return this;
        }

        /** Keras's {@code l1_regularization_strength}. */
        public Builder l1(double v) {
            l1 = v;
            return this;
        }

        /** Keras's {@code l2_regularization_strength}. */
        public Builder l2(double v) {
            l2 = v;
            return this;
        }

        /** Keras's {@code l2_shrinkage_regularization_strength}. */
        public Builder l2Shrinkage(double v) {
            l2Shrinkage = v;
            return this;
        }

        public Builder beta(double v) {
            beta = v;
            return this;
        }

        public Ftrl build() {
            return new Ftrl(this);
        }
    }
}
