package org.jkeras.optimizers;

import java.util.Map;

/**
 * Keras's {@code AdamW}: {@link Adam} with decoupled weight decay, default {@code weight_decay=0.004}; before each
 * update every variable is multiplied by {@code 1 - weight_decay·lr} (the common {@link #weightDecay} argument,
 * which AdamW requires).
 *
 * <pre>{@code
 * Optimizer opt = new AdamW();                               // lr 0.001, weight_decay 0.004
 * Optimizer custom = new AdamW(3e-4, 0.01).excludeFromWeightDecay("bias");
 * }</pre>
 */
public final class AdamW extends Adam {
    /** Keras defaults: learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999, epsilon=1e-7. */
    public AdamW() {
        this(0.001, 0.004);
    }

    public AdamW(double learningRate) {
        this(learningRate, 0.004);
    }

    public AdamW(double learningRate, double weightDecay) {
        this(learningRate, weightDecay, 0.9, 0.999, 1e-7, false);
    }

    public AdamW(double learningRate, double weightDecay, double beta1, double beta2, double epsilon, boolean amsgrad) {
        super("adamw", learningRate, beta1, beta2, epsilon, amsgrad);
        weightDecay(weightDecay);
    }

    /** AdamW needs a weight decay: clearing it is an error, as Keras's {@code weight_decay=None}. */
    @Override
    public <T extends Optimizer> T noWeightDecay() {
        throw new IllegalArgumentException("Argument `weight_decay` must be a float for AdamW. Received: "
                + "weight_decay=None. Use Adam for no weight decay.");
    }

    @Override
    public Map<String, Object> getConfig() {
        return super.getConfig();
    }
}
