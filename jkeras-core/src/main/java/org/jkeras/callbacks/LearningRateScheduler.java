package org.jkeras.callbacks;

import java.util.Map;

/**
 * Keras's {@code LearningRateScheduler}: at the start of every epoch sets the optimizer's learning rate to
 * {@code schedule(epoch, currentLr)} (epoch 0-based) and at its end adds {@code learning_rate} to the logs. With
 * verbose 1 it prints {@code Epoch N: LearningRateScheduler setting learning rate to X.} Default verbose 0.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.defaults().epochs(4).callbacks(
 *     new LearningRateScheduler((epoch, lr) -> 0.2 * Math.pow(0.5, epoch)).verbose(1)));
 * }</pre>
 */
public final class LearningRateScheduler extends Callback {
    /** Keras's {@code schedule(epoch, lr)}. */
    @FunctionalInterface
    public interface Schedule {
        double apply(int epoch, double learningRate);
    }

    private final Schedule schedule;
    private int verbose;

    public LearningRateScheduler(Schedule schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException("LearningRateScheduler needs a schedule (epoch, lr) -> new lr; received "
                    + "null.");
        }
        this.schedule = schedule;
    }

    public LearningRateScheduler verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        double current = (float) model().optimizer().learningRate();
        double lr = schedule.apply(epoch, current);
        if (Double.isNaN(lr) || Double.isInfinite(lr) || lr < 0) {
            throw new IllegalArgumentException("The output of the LearningRateScheduler schedule should be a finite "
                    + "learning rate >= 0; at epoch " + epoch + " (learning rate " + PythonFormat.repr(current)
                    + ") it returned " + PythonFormat.repr(lr) + ". Fix the schedule function.");
        }
        model().optimizer().setLearningRate(lr);
        if (verbose > 0) {
            System.out.println("\nEpoch " + (epoch + 1) + ": LearningRateScheduler setting learning rate to "
                    + PythonFormat.repr(lr) + ".");
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logs.put("learning_rate", (double) (float) model().optimizer().learningRate());
    }
}
