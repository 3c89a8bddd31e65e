package org.jkeras.callbacks;

import java.util.List;
import java.util.Map;
import org.jkeras.optimizers.Optimizer;

/**
 * Keras's {@code ReduceLROnPlateau}: multiplies the learning rate by {@code factor} when the monitored quantity has
 * not improved (by more than {@code minDelta}) for {@code patience} epochs, then waits {@code cooldown} epochs before
 * counting again, never going below {@code minLr}. Each epoch it adds {@code learning_rate} to the logs (so History,
 * CSVLogger and the progress bar show it). Keras 3's defaults: monitor {@code val_loss}, factor 0.1, patience 10,
 * verbose 0, mode auto, minDelta 1e-4, cooldown 0, minLr 0.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.defaults().epochs(50).validationSplit(0.2).callbacks(
 *     new ReduceLROnPlateau().factor(0.5).patience(2).minLr(1e-5)));
 * }</pre>
 */
public final class ReduceLROnPlateau extends MonitorCallback {
    private double factor = 0.1;
    private int patience = 10;
    private int verbose;
    private int cooldown;
    private double minLr;
    private int cooldownCounter;
    private int wait;
    private final Warnings warnings = new Warnings();

    public ReduceLROnPlateau() {
        super("val_loss", "auto", null, 1e-4);
    }

    public ReduceLROnPlateau monitor(String monitor) {
        setMonitor(monitor);
        return this;
    }

    /** The factor the learning rate is multiplied by: {@code 0 < factor < 1}; default 0.1. */
    public ReduceLROnPlateau factor(double factor) {
        if (factor >= 1.0) {
            throw new IllegalArgumentException("ReduceLROnPlateau does not support a factor >= 1.0. Received factor="
                    + PythonFormat.repr(factor) + "; use e.g. factor(0.5) to halve the learning rate.");
        }
        if (!(factor > 0)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: factor must be > 0 (it multiplies the learning rate); "
                    + "received factor=" + PythonFormat.repr(factor) + ". Use e.g. factor(0.5).");
        }
        this.factor = factor;
        return this;
    }

    /** Epochs without improvement before a reduction; must be positive; default 10. */
    public ReduceLROnPlateau patience(int patience) {
        if (patience <= 0) {
            throw new IllegalArgumentException("ReduceLROnPlateau: patience must be a positive number of epochs; "
                    + "received patience=" + patience + " (0 would reduce after every epoch without improvement "
                    + "immediately). Use e.g. patience(2).");
        }
        this.patience = patience;
        return this;
    }

    public ReduceLROnPlateau verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    public ReduceLROnPlateau mode(String mode) {
        setMode(mode);
        return this;
    }

    /** Minimum change that counts as an improvement; default 1e-4. */
    public ReduceLROnPlateau minDelta(double minDelta) {
        setMinDelta(minDelta);
        return this;
    }

    /** Epochs to wait after a reduction before counting again; default 0. */
    public ReduceLROnPlateau cooldown(int cooldown) {
        if (cooldown < 0) {
            throw new IllegalArgumentException("ReduceLROnPlateau: cooldown must be >= 0; received cooldown=" + cooldown
                    + ".");
        }
        this.cooldown = cooldown;
        return this;
    }

    /** Lower bound on the learning rate; default 0. */
    public ReduceLROnPlateau minLr(double minLr) {
        if (!(minLr >= 0) || Double.isInfinite(minLr)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: min_lr must be a finite number >= 0; received min_lr="
                    + minLr + ".");
        }
        this.minLr = minLr;
        return this;
    }

    public int waitCount() {
        return wait;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        setBest(null);
        cooldownCounter = 0;
        wait = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        resolveDirection();
        Optimizer opt = model().optimizer();
        logs.put("learning_rate", (double) (float) opt.learningRate());
        Double current = logs.get(monitor());
        if (current == null) {
            warnings.warn("monitor", "Learning rate reduction is conditioned on metric `" + monitor() + "` which is not "
                    + "available. Available metrics are: " + String.join(",", List.copyOf(logs.keySet())) + ".");
            return;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        if (isImprovement(current, best())) {
            setBest(current);
            wait = 0;
        } else if (cooldownCounter <= 0) {
            wait++;
            if (wait >= patience && reduce(opt, epoch)) {
                cooldownCounter = cooldown;
                wait = 0;
            }
        }
    }

    private boolean reduce(Optimizer opt, int epoch) {
        double oldLr = (float) opt.learningRate(); // Keras reads the float32 variable
        if (oldLr > (float) minLr) {
            double newLr = Math.max(oldLr * factor, minLr);
            opt.setLearningRate(newLr);
            if (verbose > 0) {
                System.out.println("\nEpoch " + (epoch + 1) + ": ReduceLROnPlateau reducing learning rate to "
                        + PythonFormat.repr(newLr) + ".");
            }
            return true;
        }
        return false;
    }
}
