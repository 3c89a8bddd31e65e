package org.jkeras.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code CosineDecay}, with optional linear warmup. Without warmup:
 * {@code initial · ((1 - alpha) · 0.5 · (1 + cos(π · min(step, decay_steps) / decay_steps)) + alpha)}. With
 * {@code warmup_target} and {@code warmup_steps}: for {@code step < warmup_steps} the rate rises linearly,
 * {@code initial + (target - initial) · step / warmup_steps}; afterwards the cosine decay runs from
 * {@code warmup_target} over {@code decay_steps} more steps.
 *
 * <pre>{@code
 * LearningRateSchedule s = new CosineDecay(0.1, 1000);                        // alpha 0, no warmup
 * LearningRateSchedule w = new CosineDecay(0.0, 1000, 0.0, 0.1, 100);          // warm up to 0.1 over 100 steps
 * }</pre>
 */
public final class CosineDecay extends LearningRateSchedule {
    private final double initialLearningRate;
    private final double decaySteps;
    private final double alpha;
    private final Double warmupTarget;
    private final double warmupSteps;

    /** Keras defaults: alpha=0.0, warmup_target=None, warmup_steps=0. */
    public CosineDecay(double initialLearningRate, double decaySteps) {
        this(initialLearningRate, decaySteps, 0.0, null, 0);
    }

    public CosineDecay(double initialLearningRate, double decaySteps, double alpha) {
        this(initialLearningRate, decaySteps, alpha, null, 0);
    }

    /** {@code warmupTarget} may be null (no warmup). */
    public CosineDecay(double initialLearningRate, double decaySteps, double alpha, Double warmupTarget,
                       double warmupSteps) {
        this.initialLearningRate = checkFinite("initial_learning_rate", initialLearningRate);
        this.decaySteps = checkPositive("decay_steps", decaySteps);
        this.alpha = checkFinite("alpha", alpha);
        if (warmupTarget != null) {
            checkFinite("warmup_target", warmupTarget);
        }
        if (!(warmupSteps >= 0) || Double.isInfinite(warmupSteps)) {
            throw new IllegalArgumentException("`warmup_steps` must be a finite number >= 0; received: warmup_steps="
                    + warmupSteps + ".");
        }
        this.warmupTarget = warmupTarget;
        this.warmupSteps = warmupSteps;
    }

    private double decayed(double step, double from) {
        double fraction = step / decaySteps;
        double cosine = 0.5 * (1.0 + Math.cos(Math.PI * fraction));
        return from * ((1 - alpha) * cosine + alpha);
    }

    @Override
    public double apply(long step) {
        if (warmupTarget == null) {
            return decayed(Math.min(step, decaySteps), initialLearningRate);
        }
        double s = Math.min(step, decaySteps + warmupSteps);
        if (s < warmupSteps) {
            return initialLearningRate + (warmupTarget - initialLearningRate) * (s / warmupSteps);
        }
        return decayed(s - warmupSteps, warmupTarget);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", decaySteps);
        c.put("alpha", alpha);
        c.put("name", "CosineDecay");
        c.put("warmup_target", warmupTarget);
        c.put("warmup_steps", warmupSteps);
        return c;
    }
}
