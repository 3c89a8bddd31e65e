package org.jkeras.optimizers.schedules;

import java.util.Map;

/**
 * Keras's {@code LearningRateSchedule}: the learning rate as a function of the optimizer's step counter
 * ({@code optimizer.iterations}, 0 on the first update). Give one to an optimizer instead of a float.
 *
 * <pre>{@code
 * LearningRateSchedule s = new ExponentialDecay(0.1, 1000, 0.96);
 * Optimizer opt = new SGD().learningRate(s);
 * double lrAt500 = s.apply(500);
 * }</pre>
 */
public abstract class LearningRateSchedule {
    /** The learning rate at {@code step} (the number of updates applied so far). */
    public abstract double apply(long step);

    /** The constructor arguments as Keras names them. */
    public abstract Map<String, Object> getConfig();

    static double checkPositive(String argument, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("`" + argument + "` must be a finite number > 0; received: " + argument
                    + "=" + value + ".");
        }
        return value;
    }

    static double checkFinite(String argument, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("`" + argument + "` must be a finite number; received: " + argument
                    + "=" + value + ".");
        }
        return value;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + getConfig();
    }
}
