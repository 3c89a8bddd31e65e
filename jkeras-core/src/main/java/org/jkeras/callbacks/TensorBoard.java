package org.jkeras.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.callbacks.tensorboard.EventFileWriter;
import org.jkeras.callbacks.tensorboard.Summaries;
import org.jkeras.tensor.Tensor;

/**
 * Keras 3's {@code TensorBoard}: event files that {@code tensorboard --logdir <logDir>} shows, in the run folders
 * {@code <logDir>/train} and {@code <logDir>/validation}. At each epoch end: {@code epoch_<key>} scalars of the
 * training logs plus {@code epoch_learning_rate} in train/, {@code epoch_<key>} of the {@code val_*} logs (prefix
 * dropped) in validation/, step = epoch; after each validation, {@code evaluation_<key>_vs_iterations} in
 * validation/ at the optimizer's iteration count. With {@code updateFreq(N)}, {@code batch_<key>} scalars every N
 * training batches (step = the batch count since fit began). With {@code histogramFreq(N)}, a histogram of every
 * weight ({@code <model>/<layer>/<variable>/histogram}) every N epochs. With {@code writeGraph} (default true) the
 * model's JSON as Keras's {@code keras} model summary at step 0. Defaults as Keras 3: logDir "logs",
 * histogramFreq 0, writeGraph true, updateFreq "epoch". (profile_batch, embeddings and write_images are not
 * supported.)
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.defaults().epochs(10).validationSplit(0.2).callbacks(
 *     new TensorBoard("logs/run1").histogramFreq(1)));
 * // then: tensorboard --logdir logs
 * }</pre>
 */
public final class TensorBoard extends Callback {
    private final Path logDir;
    private int histogramFreq;
    private boolean writeGraph = true;
    private int updateFreq; // 0 = "epoch"
    private EventFileWriter train;
    private EventFileWriter validation;
    private long globalTrainBatch;

    public TensorBoard() {
        this(Paths.get("logs"));
    }

    public TensorBoard(String logDir) {
        this(Paths.get(logDir));
    }

    public TensorBoard(Path logDir) {
        if (logDir == null) {
            throw new IllegalArgumentException("TensorBoard needs a log_dir; received null. Use e.g. new TensorBoard(\"logs\").");
        }
        this.logDir = logDir;
    }

    /** Epochs between weight histograms; 0 (default) writes none. */
    public TensorBoard histogramFreq(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("TensorBoard: histogram_freq must be >= 0 (0 = no histograms); received: "
                    + "histogram_freq=" + epochs + ".");
        }
        this.histogramFreq = epochs;
        return this;
    }

    /** Whether to write the model's config (Keras's model summary) at the start; default true. */
    public TensorBoard writeGraph(boolean writeGraph) {
        this.writeGraph = writeGraph;
        return this;
    }

    /** Keras's {@code update_freq=N}: batch-level scalars every N batches. */
    public TensorBoard updateFreq(int batches) {
        if (batches <= 0) {
            throw new IllegalArgumentException("TensorBoard: update_freq must be 'epoch' (updateFreqEpoch()), 'batch' or "
                    + "a positive number of batches; received: update_freq=" + batches + ".");
        }
        this.updateFreq = batches;
        return this;
    }

    /** Keras's {@code update_freq="epoch"} (the default). */
    public TensorBoard updateFreqEpoch() {
        this.updateFreq = 0;
        return this;
    }

    public Path logDir() {
        return logDir;
    }

    /** The train/ run's event file (null before fit starts). */
    public Path trainFile() {
        return train == null ? null : train.file();
    }

    /** The validation/ run's event file (null until the first validation). */
    public Path validationFile() {
        return validation == null ? null : validation.file();
    }

    private EventFileWriter trainWriter() {
        if (train == null) {
            train = open("train");
        }
        return train;
    }

    private EventFileWriter validationWriter() {
        if (validation == null) {
            validation = open("validation");
        }
        return validation;
    }

    private EventFileWriter open(String run) {
        try {
            return EventFileWriter.create(logDir.resolve(run));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        globalTrainBatch = 0;
        EventFileWriter w = trainWriter();
        if (writeGraph) {
            write(w, Summaries.kerasModel("keras", model().toJson()), 0);
        }
        flush();
    }

    @Override
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
        globalTrainBatch++;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (updateFreq == 0 || globalTrainBatch % updateFreq != 0 || logs == null) {
            return;
        }
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            write(trainWriter(), Summaries.scalar("batch_" + e.getKey(), e.getValue().floatValue()), globalTrainBatch);
        }
    }

    @Override
    public void onTestEnd(Map<String, Double> logs) {
        if (model().optimizer() == null || logs == null) {
            return;
        }
        long step = model().optimizer().iterations();
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            write(validationWriter(), Summaries.scalar("evaluation_" + e.getKey() + "_vs_iterations",
                    e.getValue().floatValue()), step);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Map<String, Double> trainLogs = new LinkedHashMap<>(), valLogs = new LinkedHashMap<>();
        if (logs != null && !logs.isEmpty()) {
            logs.forEach((k, v) -> (k.startsWith("val_") ? valLogs : trainLogs).put(k, v));
            if (model().optimizer() != null) {
                trainLogs.put("learning_rate", (double) (float) model().optimizer().learningRate());
            }
            trainLogs.forEach((k, v) -> write(trainWriter(), Summaries.scalar("epoch_" + k, v.floatValue()), epoch));
            valLogs.forEach((k, v) -> write(validationWriter(), Summaries.scalar("epoch_" + k.substring(4),
                    v.floatValue()), epoch));
        }
        if (histogramFreq > 0 && epoch % histogramFreq == 0) {
            for (Map.Entry<String, Tensor> w : model().weightsByPath().entrySet()) {
                write(trainWriter(), Summaries.histogram(w.getKey() + "/histogram", w.getValue().toArray()), epoch);
            }
        }
        flush();
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        try {
            if (train != null) {
                train.close();
            }
            if (validation != null) {
                validation.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("TensorBoard could not close its event files in " + logDir.toAbsolutePath(), e);
        } finally {
            train = null;
            validation = null;
        }
    }

    private void write(EventFileWriter w, org.jkeras.callbacks.tensorboard.proto.Summary.Value v, long step) {
        try {
            w.write(v, step);
        } catch (IOException e) {
            throw new UncheckedIOException("TensorBoard could not write " + w.file() + ": " + e.getMessage(), e);
        }
    }

    private void flush() {
        try {
            if (train != null) {
                train.flush();
            }
            if (validation != null) {
                validation.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("TensorBoard could not write to " + logDir.toAbsolutePath(), e);
        }
    }
}
