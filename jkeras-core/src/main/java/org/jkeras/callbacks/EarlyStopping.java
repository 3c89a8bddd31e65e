package org.jkeras.callbacks;

import java.util.List;
import java.util.Map;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code EarlyStopping}: stops training when the monitored quantity has not improved (by more than
 * {@code minDelta}) for {@code patience} epochs, optionally restoring the weights of the best epoch at the end.
 * Keras 3's defaults: monitor {@code val_loss}, minDelta 0, patience 0, verbose 0, mode auto, no baseline,
 * restoreBestWeights false, startFromEpoch 0. With verbose 1 it prints {@code Epoch N: early stopping} and, when
 * restoring, {@code Restoring model weights from the end of the best epoch: N.}
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.defaults().epochs(100).validationData(xv, yv).callbacks(
 *     new EarlyStopping().patience(3).restoreBestWeights(true)));
 * }</pre>
 */
public final class EarlyStopping extends MonitorCallback {
    private int patience;
    private int verbose;
    private Double baseline;
    private boolean restoreBestWeights;
    private int startFromEpoch;
    private int wait;
    private int stoppedEpoch;
    private int bestEpoch;
    private List<Tensor> bestWeights;
    private final Warnings warnings = new Warnings();

    public EarlyStopping() {
        super("val_loss", "auto", null, 0);
    }

    public EarlyStopping monitor(String monitor) {
        setMonitor(monitor);
        return this;
    }

    /** Minimum change that counts as an improvement (absolute value used); default 0. */
    public EarlyStopping minDelta(double minDelta) {
        setMinDelta(minDelta);
        return this;
    }

    /** Epochs without improvement after which training stops; default 0. */
    public EarlyStopping patience(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("EarlyStopping: patience must be >= 0 (epochs without improvement to "
                    + "wait); received: patience=" + patience + ".");
        }
        this.patience = patience;
        return this;
    }

    public EarlyStopping verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    public EarlyStopping mode(String mode) {
        setMode(mode);
        return this;
    }

    /** A value the monitored quantity must beat; until it does, {@code wait} keeps counting. */
    public EarlyStopping baseline(double baseline) {
        this.baseline = baseline;
        return this;
    }

    /** At the end of training, sets the weights of the best epoch (if any epoch was monitored). */
    public EarlyStopping restoreBestWeights(boolean restore) {
        this.restoreBestWeights = restore;
        return this;
    }

    /** Warm-up: epochs before this index are not monitored. */
    public EarlyStopping startFromEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("EarlyStopping: start_from_epoch must be >= 0; received: " + epoch + ".");
        }
        this.startFromEpoch = epoch;
        return this;
    }

    /** The epoch index at which training was stopped (0 when it was not). */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** Epochs since the last improvement. */
    public int waitCount() {
        return wait;
    }

    /** The epoch index of the best value. */
    public int bestEpoch() {
        return bestEpoch;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        wait = 0;
        stoppedEpoch = 0;
        setBest(null);
        bestWeights = null;
        bestEpoch = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        resolveDirection();
        Double current = logs == null ? null : logs.get(monitor());
        if (current == null) {
            warnings.warn("monitor", "Early stopping conditioned on metric `" + monitor() + "` which is not available. "
                    + "Available metrics are: " + String.join(",", logs == null ? List.of() : logs.keySet()));
            return;
        }
        if (epoch < startFromEpoch) {
            return;
        }
        if (restoreBestWeights && bestWeights == null) {
            bestWeights = model().getWeights();
            bestEpoch = epoch;
        }
        wait++;
        if (isImprovement(current, best())) {
            setBest(current);
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = model().getWeights();
            }
            if (baseline == null || isImprovement(current, baseline)) {
                wait = 0;
            }
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            model().setStopTraining(true);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (stoppedEpoch > 0 && verbose > 0) {
            System.out.println("Epoch " + (stoppedEpoch + 1) + ": early stopping");
        }
        if (restoreBestWeights && bestWeights != null) {
            if (verbose > 0) {
                System.out.println("Restoring model weights from the end of the best epoch: " + (bestEpoch + 1) + ".");
            }
            model().setWeights(bestWeights);
        }
    }
}
