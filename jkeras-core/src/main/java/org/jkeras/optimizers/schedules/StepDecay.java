package org.jkeras.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What ExponentialDecay and InverseTimeDecay share: their four Keras arguments, the progress
 * {@code step / decay_steps} (floored when {@code staircase}) and the config; subclasses give the decay formula.
 */
abstract class StepDecay extends LearningRateSchedule {
    final double initialLearningRate;
    final double decaySteps;
    final double decayRate;
    final boolean staircase;

    StepDecay(double initialLearningRate, double decaySteps, double decayRate, boolean staircase) {
        this.initialLearningRate = checkFinite("initial_learning_rate", initialLearningRate);
        // Keras: "Argument `decay_steps` must be > 0."
        this.decaySteps = checkPositive("decay_steps", decaySteps);
        this.decayRate = checkFinite("decay_rate", decayRate);
        this.staircase = staircase;
    }

    /** The learning rate for progress {@code p = step / decay_steps}. */
    abstract double decayed(double p);

    @Override
    public final double apply(long step) {
        double p = step / decaySteps;
        return decayed(staircase ? Math.floor(p) : p);
    }

    @Override
    public final Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", decaySteps);
        c.put("decay_rate", decayRate);
        c.put("staircase", staircase);
        c.put("name", getClass().getSimpleName());
        return c;
    }
}
