package org.jkeras.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.tensor.UpdateKernels;

/**
 * Keras's {@code RMSprop}, computed in float32 exactly as Keras 3's torch backend ({@code torch_rmsprop.py}) does,
 * with slots {@code v} ("velocity"), {@code m} ("momentum", only when momentum &gt; 0) and {@code a}
 * ("average_gradient", only when centered):
 * <pre>
 *   v = v·rho + (1 - rho)·(g·g)
 *   d = v + epsilon
 *   centered:  a = a·rho + (1 - rho)·g;  d = d - a·a
 *   d = sqrt(d)
 *   inc = (g·lr) / d
 *   momentum &gt; 0:  m = m·momentum + inc;  w = w - m
 *   else:          w = w - inc
 * </pre>
 * {@code 1 - rho} is evaluated in double and then rounded to float, as the Python scalar is.
 *
 * <p>Slots are created as Keras's {@code build()} creates them: a velocity for every variable, then a momentum for
 * every variable, then an average gradient for every variable.
 *
 * <p>The default name is {@code "rm_sprop"}: Keras 3 derives it with {@code to_snake_case("RMSprop")}, and saved
 * configs carry it. The registry name is {@code "rmsprop"}.
 *
 * <p>Construction: {@code new RMSprop()} has Keras's defaults (learning_rate 0.001, rho 0.9, momentum 0,
 * epsilon 1e-7, centered false); {@code new RMSprop(lr)} sets the learning rate; {@link #builder()} sets anything.
 *
 * <pre>{@code
 * Optimizer rms = new RMSprop();
 * Optimizer centered = RMSprop.builder().learningRate(0.01).momentum(0.9).centered(true).build();
 * }</pre>
 */
public final class RMSprop extends Optimizer {
    private final double rho;
    private final double momentum;
    private final double epsilon;
    private final boolean centered;
    private final List<Variable> velocities = new ArrayList<>();
    private final List<Variable> momentums = new ArrayList<>();
    private final List<Variable> averageGradients = new ArrayList<>();

    /** Keras defaults: learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False. */
    public RMSprop() {
        this(0.001);
    }

    public RMSprop(double learningRate) {
        this("rm_sprop", learningRate, 0.9, 0.0, 1e-7, false);
    }

    private RMSprop(String name, double learningRate, double rho, double momentum, double epsilon,
                    boolean centered) {
        super(name, learningRate);
        // rho = 1 would freeze the velocity at zero; momentum follows SGD's documented [0, 1].
        this.rho = checkRange("rho", rho, 0, 1, true);
        this.momentum = checkRange("momentum", momentum, 0, 1, false);
        this.epsilon = checkNonNegative("epsilon", epsilon);
        this.centered = centered;
    }

    public static Builder builder() {
        return new Builder();
    }

    public double rho() {
        return rho;
    }

    public double momentum() {
        return momentum;
    }

    public double epsilon() {
        return epsilon;
    }

    public boolean centered() {
        return centered;
    }

    @Override
    protected void buildSlots(int firstIndex, List<Variable> fresh) {
        for (Variable v : fresh) {
            velocities.add(addSlot(v, "velocity"));
        }
        if (momentum > 0) {
            for (Variable v : fresh) {
                momentums.add(addSlot(v, "momentum"));
            }
        }
        if (centered) {
            for (Variable v : fresh) {
                averageGradients.add(addSlot(v, "average_gradient"));
            }
        }
    }

    @Override
    protected void createSlots(int k, Variable variable) {
        buildSlots(k, List.of(variable));
    }

    @Override
    protected void update(int k, Variable variable, float[] g, int go, float lr, long step, int from, int to) {
        float r = (float) rho, c = (float) (1.0 - rho), eps = (float) epsilon, mu = (float) momentum;
        float[] w = variable.value().buffer();
        int wo = variable.value().offset();
        float[] v = velocities.get(k).value().buffer();
        int vo = velocities.get(k).value().offset();
        if (!centered && momentum == 0) {
            // The common case: one fused, vectorised pass.
            UpdateKernels.rmsprop(w, wo, v, vo, g, go, from, to, r, c, lr, eps);
            return;
        }
        float[] a = centered ? averageGradients.get(k).value().buffer() : null;
        int ao = centered ? averageGradients.get(k).value().offset() : 0;
        float[] m = momentum > 0 ? momentums.get(k).value().buffer() : null;
        int mo = momentum > 0 ? momentums.get(k).value().offset() : 0;
        for (int i = from; i < to; i++) {
            float gi = g[go + i];
            float vi = v[vo + i] * r + c * (gi * gi);
            v[vo + i] = vi;
            float d = vi + eps;
            if (a != null) {
                float ai = a[ao + i] * r + c * gi;
                a[ao + i] = ai;
                d = d - ai * ai;
            }
            d = (float) Math.sqrt(d);
            float inc = (gi * lr) / d;
            if (m != null) {
                float mi = m[mo + i] * mu + inc;
                m[mo + i] = mi;
                w[wo + i] = w[wo + i] - mi;
            } else {
                w[wo + i] = w[wo + i] - inc;
            }
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig("rho", rho, "momentum", momentum, "epsilon", epsilon, "centered", centered);
    }

    /**
     * Options with Keras's defaults, {@code name} and {@code learningRate} among them ({@link OptimizerBuilder});
     * {@link #build()} validates them.
     */
    public static final class Builder extends OptimizerBuilder<Builder, RMSprop> {
        private double rho = 0.9;
        private double momentum = 0.0;
        private double epsilon = 1e-7;
        private boolean centered = false;

        private Builder() {
            super("rm_sprop", 0.001);
        }

        /** Decay of the squared-gradient average, in {@code [0, 1)}. */
        public Builder rho(double rho) {
            this.rho = rho;
            return this;
        }

        /** In {@code [0, 1]}; 0 (the default) creates no momentum slots. */
        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder epsilon(double epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /** Normalise by the variance estimate {@code v - a²} instead of {@code v}. */
        public Builder centered(boolean centered) {
            this.centered = centered;
            return this;
        }

        @Override
        public RMSprop build() {
            return new RMSprop(name(), learningRate(), rho, momentum, epsilon, centered);
        }
    }
}
