package org.jkeras.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.tensor.UpdateKernels;

/**
 * Keras's {@code SGD}: gradient descent with optional (Nesterov) momentum, computed in float32 exactly as Keras 3's
 * torch backend ({@code torch_sgd.py}) does, with {@code m} the {@code momentum} slot:
 * <pre>
 *   momentum == 0:  w = w + (-lr)·g
 *   otherwise:      m = m·momentum;  m = m + (-lr)·g
 *                   nesterov:  w = w + (-lr)·g;  w = w + momentum·m
 *                   else:      w = w + m
 * </pre>
 *
 * <p>Construction: {@code new SGD()} has Keras's defaults (learning_rate 0.01, momentum 0, nesterov false);
 * {@code new SGD(lr)} sets the learning rate; {@link #builder()} sets anything.
 *
 * <pre>{@code
 * Optimizer plain = new SGD();
 * Optimizer nesterov = SGD.builder().learningRate(0.1).momentum(0.9).nesterov(true).build();
 * }</pre>
 */
public final class SGD extends Optimizer {
    private final double momentum;
    private final boolean nesterov;
    private final List<Variable> momentums = new ArrayList<>();

    /** Keras defaults: learning_rate=0.01, momentum=0.0, nesterov=False. */
    public SGD() {
        this(0.01);
    }

    public SGD(double learningRate) {
        this(learningRate, 0.0, false);
    }

    public SGD(double learningRate, double momentum, boolean nesterov) {
        this("sgd", learningRate, momentum, nesterov);
    }

    private SGD(String name, double learningRate, double momentum, boolean nesterov) {
        super(name, learningRate);
        // Keras: "`momentum` must be a float between [0, 1]."
        this.momentum = checkRange("momentum", momentum, 0, 1, false);
        this.nesterov = nesterov;
    }

    public static Builder builder() {
        return new Builder();
    }

    public double momentum() {
        return momentum;
    }

    public boolean nesterov() {
        return nesterov;
    }

    @Override
    protected void createSlots(int k, Variable variable) {
        // Keras's build(): a "momentum" slot per variable only when momentum != 0.
        if (momentum != 0) {
            momentums.add(addSlot(variable, "momentum"));
        }
    }

    @Override
    protected void update(int k, Variable variable, float[] g, int go, float lr, long step, int from, int to) {
        float[] w = variable.value().buffer();
        int wo = variable.value().offset();
        float negLr = -lr;
        if (momentum == 0) {
            UpdateKernels.sgd(w, wo, g, go, from, to, negLr);
            return;
        }
        Variable m = momentums.get(k);
        UpdateKernels.sgdMomentum(w, wo, m.value().buffer(), m.value().offset(), g, go, from, to, negLr,
                (float) momentum, nesterov);
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig("momentum", momentum, "nesterov", nesterov);
    }

    /**
     * Options with Keras's defaults, {@code name} and {@code learningRate} among them ({@link OptimizerBuilder});
     * {@link #build()} validates them.
     */
    public static final class Builder extends OptimizerBuilder<Builder, SGD> {
        private double momentum = 0.0;
        private boolean nesterov = false;

        private Builder() {
            super("sgd", 0.01);
        }

        /** In {@code [0, 1]}; 0 (the default) is plain gradient descent and creates no slots. */
        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        @Override
        public SGD build() {
            return new SGD(name(), learningRate(), momentum, nesterov);
        }
    }
}
