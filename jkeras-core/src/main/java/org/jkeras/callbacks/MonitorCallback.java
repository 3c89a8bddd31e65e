package org.jkeras.callbacks;

/**
 * Keras 3's {@code MonitorCallback}: the "monitor / mode / min_delta / best" logic shared by {@link ModelCheckpoint},
 * {@link EarlyStopping} and {@link ReduceLROnPlateau}. {@code mode} is {@code "min"}, {@code "max"} or
 * {@code "auto"}; in auto the direction comes from the monitored name without its {@code val_} prefix:
 * {@code loss} is minimised, a compiled metric follows its direction (accuracy up, errors down), anything else is an
 * error asking for an explicit mode. An improvement is {@code current + minDelta < best} (min) or
 * {@code current - minDelta > best} (max) — a change of more than {@code minDelta} in the right direction, with
 * {@code minDelta} taken as its absolute value; no best yet always improves.
 *
 * <pre>{@code
 * public final class MyMonitor extends MonitorCallback {
 *     MyMonitor() { super("val_loss", "auto", null, 0.0); }
 *     public void onEpochEnd(int epoch, Map<String, Double> logs) {
 *         if (isImprovement(logs.get(monitor()), best())) setBest(logs.get(monitor()));
 *     }
 * }
 * }</pre>
 */
public abstract class MonitorCallback extends Callback {
    private String monitor;
    private String mode;
    private double minDelta;
    private Double best;
    /** +1: larger is better; -1: smaller is better; 0: not resolved yet. */
    private int direction;

    protected MonitorCallback(String monitor, String mode, Double baseline, double minDelta) {
        setMonitor(monitor);
        setMode(mode);
        setMinDelta(minDelta);
        this.best = baseline;
    }

    /** Sets the monitored log key (subclasses expose it as a fluent {@code monitor(String)}). */
    protected final void setMonitor(String monitor) {
        if (monitor == null || monitor.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": monitor must name a logged quantity such "
                    + "as \"val_loss\"; received: monitor=" + monitor + ".");
        }
        this.monitor = monitor;
        this.direction = 0;
    }

    /** Sets the mode: "auto", "min" or "max". */
    protected final void setMode(String mode) {
        this.mode = checkMode(getClass().getSimpleName(), mode);
        this.direction = 0;
    }

    /** Sets min_delta (its absolute value is used, as Keras). */
    protected final void setMinDelta(double minDelta) {
        if (Double.isNaN(minDelta) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": min_delta must be a finite number; "
                    + "received: min_delta=" + minDelta + ".");
        }
        this.minDelta = Math.abs(minDelta);
    }

    /**
     * Keras warns and falls back to "auto" for an unknown mode; jkeras refuses it, since a typo ("mn") would silently
     * monitor in the wrong direction.
     */
    static String checkMode(String who, String mode) {
        if (!"auto".equals(mode) && !"min".equals(mode) && !"max".equals(mode)) {
            throw new IllegalArgumentException(who + ": unknown mode '" + mode + "'; expected \"auto\", \"min\" or "
                    + "\"max\" (\"min\" for losses and errors, \"max\" for accuracies).");
        }
        return mode;
    }

    /** The monitored log key, e.g. {@code val_loss}. */
    public String monitor() {
        return monitor;
    }

    public String mode() {
        return mode;
    }

    /** The absolute minimum change that counts as an improvement. */
    public double minDelta() {
        return minDelta;
    }

    /** The best value seen so far (or the baseline), null before the first. */
    public Double best() {
        return best;
    }

    protected void setBest(Double best) {
        this.best = best;
    }

    /** Resolves the direction (Keras's {@code _set_monitor_op}); called at the first epoch end. */
    protected final void resolveDirection() {
        if (direction != 0) {
            return;
        }
        if (mode.equals("min")) {
            direction = -1;
        } else if (mode.equals("max")) {
            direction = 1;
        } else {
            String name = monitor.startsWith("val_") ? monitor.substring(4) : monitor;
            if (name.equals("loss")) {
                direction = -1;
            }
            String d = model() == null ? null : model().metricDirection(name);
            if (d != null) {
                direction = d.equals("up") ? 1 : -1;
            }
            if (direction == 0) {
                throw new IllegalArgumentException(getClass().getSimpleName() + " callback received monitor=" + monitor
                        + ", but it cannot tell whether that metric should be maximized or minimized. Pass mode(\"max\")"
                        + " to monitor the highest value, or mode(\"min\") for the lowest.");
            }
        }
    }

    /** True when larger values are better (after {@link #resolveDirection}). */
    protected final boolean maximizing() {
        resolveDirection();
        return direction > 0;
    }

    /** Keras's {@code _is_improvement}: {@code reference == null} always improves. */
    protected final boolean isImprovement(double current, Double reference) {
        if (reference == null) {
            return true;
        }
        resolveDirection();
        // Keras: min_delta is negated for "less", then monitor_op(current - min_delta, reference)
        return direction > 0 ? current - minDelta > reference : current + minDelta < reference;
    }
}
