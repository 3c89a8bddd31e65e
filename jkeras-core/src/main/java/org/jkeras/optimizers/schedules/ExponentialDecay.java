package org.jkeras.optimizers.schedules;

/**
 * Keras's {@code ExponentialDecay}: {@code initial_learning_rate · decay_rate^(step / decay_steps)}, the exponent
 * floored when {@code staircase}.
 *
 * <pre>{@code
 * LearningRateSchedule s = new ExponentialDecay(0.1, 100, 0.5);      // 0.1 at step 0, 0.05 at step 100
 * LearningRateSchedule stairs = new ExponentialDecay(0.1, 100, 0.5, true);
 * }</pre>
 */
public final class ExponentialDecay extends StepDecay {
    public ExponentialDecay(double initialLearningRate, double decaySteps, double decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false);
    }

    public ExponentialDecay(double initialLearningRate, double decaySteps, double decayRate, boolean staircase) {
        super(initialLearningRate, decaySteps, decayRate, staircase);
    }

    @Override
    double decayed(double p) {
        return initialLearningRate * Math.pow(decayRate, p);
    }
}
