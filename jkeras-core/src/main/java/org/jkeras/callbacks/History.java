package org.jkeras.callbacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code History}, returned by {@code fit}: {@link #epoch()} lists the epoch indices that completed and
 * {@link #history()} maps each log key ({@code loss}, {@code accuracy}, {@code val_loss}, ...) to one value per
 * epoch in which it appeared.
 *
 * <pre>{@code
 * History h = model.fit(x, y, FitOptions.defaults().epochs(3).validationSplit(0.2));
 * List<Double> valLoss = h.history().get("val_loss");
 * }</pre>
 */
public final class History extends Callback {
    private final List<Integer> epochs = new ArrayList<>();
    private final Map<String, List<Double>> history = new LinkedHashMap<>();

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        epochs.clear();
        history.clear();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            history.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
    }

    /** Key → one value per epoch that produced the key. */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        history.forEach((k, v) -> out.put(k, Collections.unmodifiableList(v)));
        return Collections.unmodifiableMap(out);
    }

    /** The epoch indices that completed, e.g. {@code [0, 1, 2]}. */
    public List<Integer> epoch() {
        return Collections.unmodifiableList(epochs);
    }

    /**
     * Writes a PNG of the curves: one panel per quantity with its training and validation values per epoch
     * ({@link HistoryPlot}).
     */
    public void plot(java.nio.file.Path path) throws java.io.IOException {
        HistoryPlot.write(this, path);
    }

    @Override
    public String toString() {
        return "History(epoch=" + epochs + ", history=" + history + ")";
    }
}
