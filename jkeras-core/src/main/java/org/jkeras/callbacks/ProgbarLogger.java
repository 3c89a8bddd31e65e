package org.jkeras.callbacks;

import java.util.Map;

/**
 * Keras 3's {@code ProgbarLogger}: prints {@code Epoch i/n} (only when {@code epochs > 1}) and drives a
 * {@link Progbar} over the steps of each epoch, finalised with the epoch logs (so the last line carries the
 * {@code val_*} values). Validation inside {@code fit} draws no bar; standalone {@code evaluate} and
 * {@code predict} do. Added by {@code fit}/{@code evaluate}/{@code predict} when {@code verbose != 0}.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.defaults().verbose(1));   // uses a ProgbarLogger
 * }</pre>
 */
public final class ProgbarLogger extends Callback {
    private Progbar progbar;
    private int verbose;
    private int epochs;
    private int target = -1;
    private int seen;
    private boolean calledInFit;

    @Override
    public void setParams(Map<String, Object> params) {
        super.setParams(params);
        verbose = ((Number) params.getOrDefault("verbose", 1)).intValue();
        epochs = ((Number) params.getOrDefault("epochs", 1)).intValue();
        Object steps = params.get("steps");
        target = steps == null ? -1 : ((Number) steps).intValue();
    }

    private void reset() {
        progbar = null;
        seen = 0;
    }

    private void ensureBar() {
        if (progbar == null) {
            progbar = new Progbar(target, verbose);
        }
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        calledInFit = true;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        reset();
        ensureBar();
        if (verbose != 0 && epochs > 1) {
            System.out.println("Epoch " + (epoch + 1) + "/" + epochs);
            System.out.flush();
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        update(batch, logs);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        finish(logs);
    }

    @Override
    public void onTestBegin(Map<String, Double> logs) {
        if (!calledInFit) {
            reset();
            ensureBar();
        }
    }

    @Override
    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
        if (!calledInFit) {
            update(batch, logs);
        }
    }

    @Override
    public void onTestEnd(Map<String, Double> logs) {
        if (!calledInFit) {
            finish(logs);
        }
    }

    @Override
    public void onPredictBegin(Map<String, Double> logs) {
        reset();
        ensureBar();
    }

    @Override
    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
        update(batch, Map.of());
    }

    @Override
    public void onPredictEnd(Map<String, Double> logs) {
        finish(Map.of());
    }

    private void update(int batch, Map<String, Double> logs) {
        ensureBar();
        seen = batch + 1;
        if (verbose == 1) {
            progbar.update(seen, logs, false);
        }
    }

    private void finish(Map<String, Double> logs) {
        ensureBar();
        if (target < 0) {
            target = seen;
        }
        progbar.update(target, logs, true);
    }
}
