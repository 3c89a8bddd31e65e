package org.jkeras.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code CosineDecayRestarts} (SGDR): cosine decay over {@code first_decay_steps}, then restarts, each
 * period {@code t_mul} times longer and each peak {@code m_mul} times lower. With {@code f = step / first_decay_steps}:
 * for {@code t_mul == 1}, restart {@code i = floor(f)} and {@code f -= i}; otherwise
 * {@code i = floor(log(1 - f·(1 - t_mul)) / log(t_mul))} and {@code f = (f - (1 - t_mul^i)/(1 - t_mul)) / t_mul^i}.
 * The rate is {@code initial · ((1 - alpha) · 0.5 · m_mul^i · (1 + cos(π f)) + alpha)}.
 *
 * <pre>{@code
 * LearningRateSchedule s = new CosineDecayRestarts(0.1, 100);              // t_mul 2, m_mul 1, alpha 0
 * }</pre>
 */
public final class CosineDecayRestarts extends LearningRateSchedule {
    private final double initialLearningRate;
    private final double firstDecaySteps;
    private final double tMul;
    private final double mMul;
    private final double alpha;

    /** Keras defaults: t_mul=2.0, m_mul=1.0, alpha=0.0. */
    public CosineDecayRestarts(double initialLearningRate, double firstDecaySteps) {
        this(initialLearningRate, firstDecaySteps, 2.0, 1.0, 0.0);
    }

    public CosineDecayRestarts(double initialLearningRate, double firstDecaySteps, double tMul, double mMul,
                               double alpha) {
        this.initialLearningRate = checkFinite("initial_learning_rate", initialLearningRate);
        this.firstDecaySteps = checkPositive("first_decay_steps", firstDecaySteps);
        this.tMul = checkPositive("t_mul", tMul);
        this.mMul = checkFinite("m_mul", mMul);
        this.alpha = checkFinite("alpha", alpha);
    }

    @Override
    public double apply(long step) {
        double f = step / firstDecaySteps;
        double i;
        if (tMul == 1.0) {
            i = Math.floor(f);
            f -= i;
        } else {
            i = Math.floor(Math.log(1.0 - f * (1.0 - tMul)) / Math.log(tMul));
            double sumR = (1.0 - Math.pow(tMul, i)) / (1.0 - tMul);
            f = (f - sumR) / Math.pow(tMul, i);
        }
        double mFac = Math.pow(mMul, i);
        double cosine = 0.5 * mFac * (1.0 + Math.cos(Math.PI * f));
        return initialLearningRate * ((1 - alpha) * cosine + alpha);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("first_decay_steps", firstDecaySteps);
        c.put("t_mul", tMul);
        c.put("m_mul", mMul);
        c.put("alpha", alpha);
        c.put("name", "SGDRDecay");
        return c;
    }
}
