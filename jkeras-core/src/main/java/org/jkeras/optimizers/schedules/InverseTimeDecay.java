package org.jkeras.optimizers.schedules;

/**
 * Keras's {@code InverseTimeDecay}: {@code initial_learning_rate / (1 + decay_rate · step / decay_steps)}, the
 * ratio {@code step / decay_steps} floored when {@code staircase}.
 *
 * <pre>{@code
 * LearningRateSchedule s = new InverseTimeDecay(0.1, 10, 0.5);    // 0.1, then 0.1 / 1.5 at step 10
 * }</pre>
 */
public final class InverseTimeDecay extends StepDecay {
    public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false);
    }

    public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate, boolean staircase) {
        super(initialLearningRate, decaySteps, decayRate, staircase);
    }

    @Override
    double decayed(double p) {
        return initialLearningRate / (1 + decayRate * p);
    }
}
