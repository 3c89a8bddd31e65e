package org.jkeras.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code ExponentialDecay}: {@code initial_learning_rate · decay_rate^(step / decay_steps)}, the exponent
 * floored when {@code staircase}.
 *
 * <pre>{@code
 * LearningRateSchedule s = new ExponentialDecay(0.1, 100, 0.5);      // 0.1 at step 0, 0.05 at step 100
 * LearningRateSchedule stairs = new ExponentialDecay(0.1, 100, 0.5, true);
 * }</pre>
 */
public final class ExponentialDecay extends LearningRateSchedule {
    private final double initialLearningRate;
    private final double decaySteps;
    private final double decayRate;
    private final boolean staircase;

    public ExponentialDecay(double initialLearningRate, double decaySteps, double decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false);
    }

    public ExponentialDecay(double initialLearningRate, double decaySteps, double decayRate, boolean staircase) {
        this.initialLearningRate = checkFinite("initial_learning_rate", initialLearningRate);
        // Keras: "Argument `decay_steps` must be > 0."
        this.decaySteps = checkPositive("decay_steps", decaySteps);
        this.decayRate = checkFinite("decay_rate", decayRate);
        this.staircase = staircase;
    }

    @Override
    public double apply(long step) {
        double p = step / decaySteps;
        if (staircase) {
            p = Math.floor(p);
        }
        return initialLearningRate * Math.pow(decayRate, p);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", decaySteps);
        c.put("decay_rate", decayRate);
        c.put("staircase", staircase);
        c.put("name", "ExponentialDecay");
        return c;
    }
}
