package org.jkeras.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code ModelCheckpoint}: saves the model (or only its weights) at the end of every epoch, or every
 * {@code saveFreq} batches, to a file named by a template such as {@code weights.{epoch:02d}-{val_loss:.2f}.keras}
 * (epoch 1-based, any log key; see {@link FilepathTemplate}). With {@code saveBestOnly} it saves only when the
 * monitored quantity improved ({@link MonitorCallback}). Files are written to a temporary name and renamed, so a
 * crash never leaves a half-written checkpoint. Keras 3's defaults: monitor {@code val_loss}, verbose 0,
 * saveBestOnly false, saveWeightsOnly false, mode auto, saveFreq "epoch", no initial value threshold.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.defaults().epochs(10).validationSplit(0.2).callbacks(
 *     new ModelCheckpoint("ck.{epoch:02d}-{val_loss:.2f}.keras").saveBestOnly(true).verbose(1)));
 * }</pre>
 */
public final class ModelCheckpoint extends MonitorCallback {
    private final String filepath;
    private final FilepathTemplate template;
    private int verbose;
    private boolean saveBestOnly;
    private boolean saveWeightsOnly;
    private int saveFreq; // 0 = "epoch"
    private int batchesSinceSave;
    private Integer lastBatchSeen;
    private int currentEpoch;
    private final Warnings warnings = new Warnings();

    public ModelCheckpoint(String filepath) {
        super("val_loss", "auto", null, 0);
        this.template = FilepathTemplate.parse(filepath);
        this.filepath = filepath;
        checkExtension();
    }

    public ModelCheckpoint(Path filepath) {
        this(filepath.toString());
    }

    /** The quantity compared by {@code saveBestOnly} (default {@code val_loss}). */
    public ModelCheckpoint monitor(String monitor) {
        setMonitor(monitor);
        return this;
    }

    /** "auto" (default), "min" or "max". */
    public ModelCheckpoint mode(String mode) {
        setMode(mode);
        return this;
    }

    /** 0 silent (default), 1 prints a message for each save. */
    public ModelCheckpoint verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /** Saves only when the monitored quantity improved on the best so far. */
    public ModelCheckpoint saveBestOnly(boolean saveBestOnly) {
        this.saveBestOnly = saveBestOnly;
        return this;
    }

    /** Saves only the weights; the file name must then end in {@code .weights.h5}. */
    public ModelCheckpoint saveWeightsOnly(boolean saveWeightsOnly) {
        this.saveWeightsOnly = saveWeightsOnly;
        checkExtension();
        return this;
    }

    /** Keras's {@code save_freq="epoch"} (the default). */
    public ModelCheckpoint saveFreqEpoch() {
        this.saveFreq = 0;
        return this;
    }

    /** Keras's {@code save_freq=N}: save every {@code batches} training batches (counted across epochs). */
    public ModelCheckpoint saveFreq(int batches) {
        if (batches <= 0) {
            throw new IllegalArgumentException("Unrecognized save_freq: " + batches + ". Expected save_freq are 'epoch' "
                    + "(saveFreqEpoch()) or a positive number of batches.");
        }
        this.saveFreq = batches;
        return this;
    }

    /** Keras's {@code initial_value_threshold}: the best value to beat before the first save (saveBestOnly). */
    public ModelCheckpoint initialValueThreshold(double threshold) {
        setBest(threshold);
        return this;
    }

    private void checkExtension() {
        if (saveWeightsOnly) {
            if (!filepath.endsWith(".weights.h5")) {
                throw new IllegalArgumentException("When using saveWeightsOnly(true) in ModelCheckpoint, the filepath "
                        + "provided must end in `.weights.h5` (Keras weights format). Received: filepath=" + filepath);
            }
        } else if (!filepath.endsWith(".keras") && !filepath.endsWith(".h5")) {
            throw new IllegalArgumentException("The filepath provided must end in `.keras` (Keras model format). "
                    + "Received: filepath=" + filepath);
        }
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        currentEpoch = epoch;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (shouldSaveOnBatch(batch)) {
            save(currentEpoch, batch, logs);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        resolveDirection();
        if (saveFreq == 0) {
            save(epoch, null, logs);
        }
    }

    private boolean shouldSaveOnBatch(int batch) {
        if (saveFreq == 0) {
            return false;
        }
        int add = lastBatchSeen == null || batch <= lastBatchSeen ? batch + 1 : batch - lastBatchSeen;
        batchesSinceSave += add;
        lastBatchSeen = batch;
        if (batchesSinceSave >= saveFreq) {
            batchesSinceSave = 0;
            return true;
        }
        return false;
    }

    /** The file name for this save (Keras's {@code _get_file_path}). */
    String fileName(int epoch, Integer batch, Map<String, Double> logs) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("epoch", epoch + 1);
        if (batch != null && !logs.containsKey("batch")) {
            values.put("batch", batch + 1);
        }
        values.putAll(logs == null ? Map.of() : logs);
        return template.format(values);
    }

    private void save(int epoch, Integer batch, Map<String, Double> logs) {
        Map<String, Double> l = logs == null ? Map.of() : logs;
        String name = fileName(epoch, batch, l);
        if (!shouldSave(epoch, l, name)) {
            return;
        }
        Path path = Paths.get(name);
        try {
            if (Files.isDirectory(path)) {
                throw new IOException("Please specify a non-directory filepath for ModelCheckpoint. Filepath used is an "
                        + "existing directory: " + name);
            }
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (saveWeightsOnly) {
                model().saveWeights(path);
            } else {
                model().save(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint could not save to " + name + ": " + e.getMessage(), e);
        }
        if (verbose > 0) {
            System.out.println("\nEpoch " + (epoch + 1) + ": finished saving model to " + name);
        }
    }

    private boolean shouldSave(int epoch, Map<String, Double> logs, String name) {
        if (!saveBestOnly) {
            if (verbose > 0) {
                System.out.println("\nEpoch " + (epoch + 1) + ": saving model to " + name);
            }
            return true;
        }
        Double current = logs.get(monitor());
        if (current == null) {
            warnings.warn("monitor", "Can save best model only with " + monitor() + " available. The logged keys are "
                    + logs.keySet() + "; saving every time instead.");
            return true;
        }
        String bestStr = best() == null ? "None" : PythonFormat.format(best(), ".5f");
        if (isImprovement(current, best())) {
            if (verbose > 0) {
                System.out.println("\nEpoch " + (epoch + 1) + ": " + monitor() + " improved from " + bestStr + " to "
                        + PythonFormat.format(current, ".5f") + ", saving model to " + name);
            }
            setBest(current);
            return true;
        }
        if (verbose > 0) {
            System.out.println("\nEpoch " + (epoch + 1) + ": " + monitor() + " did not improve from " + bestStr);
        }
        return false;
    }
}
