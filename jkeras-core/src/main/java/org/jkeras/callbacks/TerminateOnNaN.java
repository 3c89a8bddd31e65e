package org.jkeras.callbacks;

import java.util.Map;

/**
 * Keras's {@code TerminateOnNaN}: when a batch's {@code loss} is NaN or infinite, prints
 * {@code Batch N: Invalid loss, terminating training} and stops training, or with {@code raiseError(true)} throws
 * at once. Default raiseError false.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.defaults().callbacks(new TerminateOnNaN()));
 * }</pre>
 */
public final class TerminateOnNaN extends Callback {
    private boolean raiseError;

    /** Throws instead of stopping gracefully. */
    public TerminateOnNaN raiseError(boolean raiseError) {
        this.raiseError = raiseError;
        return this;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs == null ? null : logs.get("loss");
        if (loss != null && (loss.isNaN() || loss.isInfinite())) {
            if (raiseError) {
                throw new IllegalStateException("NaN or Inf loss encountered at batch " + batch + ". Loss value: "
                        + PythonFormat.repr(loss) + ". Terminating training immediately.");
            }
            System.out.println("Batch " + batch + ": Invalid loss, terminating training");
            model().setStopTraining(true);
        }
    }
}
