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
        super(b.name(), b.learningRate());
        // Checked in Keras's order, with Keras's messages.
        this.initialAccumulatorValue = checkSign("initial_accumulator_value", b.initialAccumulatorValue, false);
        this.learningRatePower = checkSign("learning_rate_power", b.learningRatePower, true);
        this.l1 = checkSign("l1_regularization_strength", b.l1, false);
        this.l2 = checkSign("l2_regularization_strength", b.l2, false);
        this.l2Shrinkage = checkSign("l2_shrinkage_regularization_strength", b.l2Shrinkage, false);
        this.beta = checkNonNegative("beta", b.beta);
    }

    /** Keras's check that {@code value} is {@code >= 0} (or {@code <= 0} when {@code negative}); NaN fails. */
    private static double checkSign(String argument, double value, boolean negative) {
        if (!(negative ? value <= 0 : value >= 0)) {
            throw new IllegalArgumentException("`" + argument + "` needs to be " + (negative ? "negative" : "positive")
                    + " or zero. Received: " + argument + "=" + value + ".");
        }
        return value;
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
        return baseConfig("learning_rate_power", learningRatePower,
                "initial_accumulator_value", initialAccumulatorValue,
                "l1_regularization_strength", l1, "l2_regularization_strength", l2,
                "l2_shrinkage_regularization_strength", l2Shrinkage, "beta", beta);
    }

    /**
     * Options with Keras's defaults: learning_rate=0.001, learning_rate_power=-0.5, initial_accumulator_value=0.1,
     * l1/l2/l2_shrinkage regularization strengths 0, beta=0; {@code name} and {@code learningRate} come from
     * {@link OptimizerBuilder}.
     */
    public static final class Builder extends OptimizerBuilder<Builder, Ftrl> {
        private double learningRatePower = -0.5;
        private double initialAccumulatorValue = 0.1;
        private double l1;
        private double l2;
        private double l2Shrinkage;
        private double beta;

        private Builder() {
            super("ftrl", 0.001);
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

        @Override
        public Ftrl build() {
            return new Ftrl(this);
        }
    }
}
