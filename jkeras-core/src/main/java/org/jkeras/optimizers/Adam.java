package org.jkeras.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.tensor.UpdateKernels;

/**
 * Keras's {@code Adam}, computed in float32 exactly as Keras 3's torch backend ({@code torch_adam.py}) does, with
 * slots {@code m} ("momentum") and {@code v} ("velocity") and {@code t} the 1-based step:
 * <pre>
 *   alpha = lr · sqrt(1 - beta_2^t) / (1 - beta_1^t)        (float32 scalars; beta^t by float32 pow)
 *   m = m·beta_1 + (1 - beta_1)·g
 *   v = v·beta_2 + (1 - beta_2)·(g·g)
 *   amsgrad: v_hat = max(v_hat, v), used in place of v
 *   w = w - (m·alpha) / (sqrt(v) + epsilon)
 * </pre>
 * {@code 1 - beta} is evaluated in double and then rounded to float, as the Python scalar is.
 *
 * <p>Slots are created as Keras's {@code build()} creates them: {@code momentum, velocity} for each variable in
 * turn, then (amsgrad only) {@code velocity_hat} for every variable.
 *
 * <p>Construction: {@code new Adam()} has Keras's defaults (learning_rate 0.001, beta_1 0.9, beta_2 0.999,
 * epsilon 1e-7, amsgrad false); {@code new Adam(lr)} sets the learning rate; {@link #builder()} sets anything.
 *
 * <pre>{@code
 * Optimizer adam = new Adam(0.01);
 * Optimizer tuned = Adam.builder().learningRate(3e-4).beta2(0.99).amsgrad(true).build();
 * }</pre>
 */
public class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final boolean amsgrad;
    private final List<Variable> momentums = new ArrayList<>();
    private final List<Variable> velocities = new ArrayList<>();
    private final List<Variable> velocityHats = new ArrayList<>();

    /** Keras defaults: learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False. */
    public Adam() {
        this(0.001);
    }

    public Adam(double learningRate) {
        this("adam", learningRate, 0.9, 0.999, 1e-7, false);
    }

    /** For subclasses (AdamW): every argument, with the name. */
    protected Adam(String name, double learningRate, double beta1, double beta2, double epsilon, boolean amsgrad) {
        super(name, learningRate);
        // beta = 1 would divide by 1 - beta^t = 0 in the bias correction.
        this.beta1 = checkRange("beta_1", beta1, 0, 1, true);
        this.beta2 = checkRange("beta_2", beta2, 0, 1, true);
        this.epsilon = checkNonNegative("epsilon", epsilon);
        this.amsgrad = amsgrad;
    }

    public static Builder builder() {
        return new Builder();
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double epsilon() {
        return epsilon;
    }

    public boolean amsgrad() {
        return amsgrad;
    }

    @Override
    protected final void buildSlots(int firstIndex, List<Variable> fresh) {
        for (Variable v : fresh) {
            momentums.add(addSlot(v, "momentum"));
            velocities.add(addSlot(v, "velocity"));
        }
        if (amsgrad) {
            for (Variable v : fresh) {
                velocityHats.add(addSlot(v, "velocity_hat"));
            }
        }
    }

    @Override
    protected final void createSlots(int k, Variable variable) {
        buildSlots(k, List.of(variable));
    }

    @Override
    protected final void update(int k, Variable variable, float[] g, int go, float lr, long step, int from, int to) {
        float b1 = (float) beta1, b2 = (float) beta2;
        float c1 = (float) (1.0 - beta1), c2 = (float) (1.0 - beta2), eps = (float) epsilon;
        float t = (float) step;
        float b1Power = (float) Math.pow(b1, t), b2Power = (float) Math.pow(b2, t);
        float alpha = lr * (float) Math.sqrt(1f - b2Power) / (1f - b1Power);
        float[] w = variable.value().buffer();
        int wo = variable.value().offset();
        float[] m = momentums.get(k).value().buffer(), v = velocities.get(k).value().buffer();
        int mo = momentums.get(k).value().offset(), vo = velocities.get(k).value().offset();
        if (!amsgrad) {
            // The hot path: one fused, vectorised pass over every weight on every step.
            UpdateKernels.adam(w, wo, m, mo, v, vo, g, go, from, to, b1, c1, b2, c2, alpha, eps);
            return;
        }
        float[] vh = velocityHats.get(k).value().buffer();
        int vho = velocityHats.get(k).value().offset();
        for (int i = from; i < to; i++) {
            float gi = g[go + i];
            float mi = m[mo + i] * b1 + c1 * gi;
            float vi = v[vo + i] * b2 + c2 * (gi * gi);
            m[mo + i] = mi;
            v[vo + i] = vi;
            vi = Math.max(vh[vho + i], vi);
            vh[vho + i] = vi;
            w[wo + i] = w[wo + i] - (mi * alpha) / ((float) Math.sqrt(vi) + eps);
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig("beta_1", beta1, "beta_2", beta2, "epsilon", epsilon, "amsgrad", amsgrad);
    }

    /**
     * Options with Keras's defaults, {@code name} and {@code learningRate} among them ({@link OptimizerBuilder});
     * {@link #build()} validates them.
     */
    public static final class Builder extends OptimizerBuilder<Builder, Adam> {
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double epsilon = 1e-7;
        private boolean amsgrad = false;

        private Builder() {
            super("adam", 0.001);
        }

        /** Decay of the first moment, in {@code [0, 1)}. */
        public Builder beta1(double beta1) {
            this.beta1 = beta1;
            return this;
        }

        /** Decay of the second moment, in {@code [0, 1)}. */
        public Builder beta2(double beta2) {
            this.beta2 = beta2;
            return this;
        }

        /** Added to {@code sqrt(v)} (Keras's "epsilon hat"), {@code >= 0}. */
        public Builder epsilon(double epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        public Builder amsgrad(boolean amsgrad) {
            this.amsgrad = amsgrad;
            return this;
        }

        @Override
        public Adam build() {
            return new Adam(name(), learningRate(), beta1, beta2, epsilon, amsgrad);
        }
    }
}
