package org.jkeras.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code PolynomialDecay}:
 * {@code (initial - end) · (1 - step / decay_steps)^power + end} with {@code step = min(step, decay_steps)}; with
 * {@code cycle}, {@code decay_steps} is instead multiplied by {@code ceil(step / decay_steps)} (1 at step 0), so
 * the decay restarts from a lower peak each cycle.
 *
 * <pre>{@code
 * LearningRateSchedule s = new PolynomialDecay(0.1, 100);                 // end 1e-4, power 1, no cycle
 * LearningRateSchedule sq = new PolynomialDecay(0.1, 100, 0.01, 2.0, true);
 * }</pre>
 */
public final class PolynomialDecay extends LearningRateSchedule {
    private final double initialLearningRate;
    private final double decaySteps;
    private final double endLearningRate;
    private final double power;
    private final boolean cycle;

    /** Keras defaults: end_learning_rate=0.0001, power=1.0, cycle=False. */
    public PolynomialDecay(double initialLearningRate, double decaySteps) {
        this(initialLearningRate, decaySteps, 0.0001, 1.0, false);
    }

    public PolynomialDecay(double initialLearningRate, double decaySteps, double endLearningRate, double power,
                           boolean cycle) {
        this.initialLearningRate = checkFinite("initial_learning_rate", initialLearningRate);
        this.decaySteps = checkPositive("decay_steps", decaySteps);
        this.endLearningRate = checkFinite("end_learning_rate", endLearningRate);
        this.power = checkFinite("power", power);
        this.cycle = cycle;
    }

    @Override
    public double apply(long step) {
        double s = step;
        double steps = decaySteps;
        if (cycle) {
            double multiplier = step == 0 ? 1.0 : Math.ceil(s / decaySteps);
            steps = decaySteps * multiplier;
        } else {
            s = Math.min(s, decaySteps);
        }
        double p = s / steps;
        return (initialLearningRate - endLearningRate) * Math.pow(1 - p, power) + endLearningRate;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", decaySteps);
        c.put("end_learning_rate", endLearningRate);
        c.put("power", power);
        c.put("cycle", cycle);
        c.put("name", "PolynomialDecay");
        return c;
    }
}
