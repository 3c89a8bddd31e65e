package org.jkeras.callbacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jkeras.data.AtomicFiles;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code BackupAndRestore}: lets an interrupted {@code fit} (an exception, a killed process) start again
 * where it stopped. At the end of every epoch (or every {@code saveFreq} batches) it saves the weights with the
 * optimizer state ({@code .weights.h5}) and {@code training_metadata.json} ({@code epoch}: the epochs completed,
 * {@code batch}) into {@code backupDir}; when {@code fit} starts and a backup exists, it loads it and the fit
 * continues at the first epoch not completed, with that epoch's data order (the shuffles of the skipped epochs are
 * drawn). A fit that completes deletes the folder ({@code deleteCheckpoint}, default true).
 *
 * <p>Nothing is left half-written: each save writes a new weights file atomically, then the metadata naming it
 * atomically, then removes the older one, so the metadata always names a complete file. The metadata also records
 * the weight shapes, so a folder from another model is refused with a clear message instead of a confusing load
 * error. A resume restores the last completed epoch; with batch-level saving, the backup of a partly done epoch is
 * resumed as Keras does (from that epoch's start, with the saved weights).
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.defaults().epochs(10).callbacks(new BackupAndRestore("backup")));
 * // killed during epoch 3; run the same line again: it resumes at epoch index 3
 * }</pre>
 */
public final class BackupAndRestore extends Callback {
    static final String METADATA = "training_metadata.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path backupDir;
    private int saveFreq; // 0 = "epoch"
    private boolean deleteCheckpoint = true;
    private int batchesSinceSave;
    private int lastBatchSeen;
    private int currentEpoch;
    private long saves;

    public BackupAndRestore(String backupDir) {
        this(backupDir == null || backupDir.isEmpty() ? null : Paths.get(backupDir));
    }

    public BackupAndRestore(Path backupDir) {
        if (backupDir == null || backupDir.toString().isEmpty()) {
            throw new IllegalArgumentException("Empty `backup_dir` argument passed; give the folder for the backup, e.g. "
                    + "new BackupAndRestore(\"backup\").");
        }
        this.backupDir = backupDir;
    }

    /** Keras's {@code save_freq=N}: also back up every {@code batches} training batches. */
    public BackupAndRestore saveFreq(int batches) {
        if (batches <= 0) {
            throw new IllegalArgumentException("Invalid value for argument `save_freq`. Received: save_freq=" + batches
                    + ". Expected either 'epoch' (saveFreqEpoch()) or a positive integer value.");
        }
        this.saveFreq = batches;
        return this;
    }

    /** Keras's {@code save_freq="epoch"} (the default). */
    public BackupAndRestore saveFreqEpoch() {
        this.saveFreq = 0;
        return this;
    }

    /** Whether a completed fit deletes the backup folder (default true). */
    public BackupAndRestore deleteCheckpoint(boolean delete) {
        this.deleteCheckpoint = delete;
        return this;
    }

    public Path backupDir() {
        return backupDir;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        currentEpoch = 0;
        lastBatchSeen = 0;
        batchesSinceSave = 0;
        Path meta = backupDir.resolve(METADATA);
        if (!Files.exists(meta)) {
            return;
        }
        try {
            JsonNode m = JSON.readTree(Files.readString(meta, StandardCharsets.UTF_8));
            checkSameModel(m);
            Path weights = backupDir.resolve(m.get("weights_file").asText());
            model().loadWeights(weights);
            int epoch = m.get("epoch").asInt();
            currentEpoch = epoch;
            model().setInitialEpoch(epoch);
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore could not read the backup in " + backupDir.toAbsolutePath()
                    + ": " + e.getMessage() + ". Delete the folder to start from scratch.", e);
        }
    }

    private void checkSameModel(JsonNode m) {
        String have = shapes(model().getWeights()).toString();
        JsonNode saved = m.get("weight_shapes");
        if (saved == null || m.get("weights_file") == null || m.get("epoch") == null) {
            throw new IllegalArgumentException("BackupAndRestore folder " + backupDir.toAbsolutePath() + " holds a "
                    + METADATA + " that jkeras did not write (it lacks epoch, weights_file or weight_shapes). Use an "
                    + "empty folder, or delete this one.");
        }
        if (!saved.toString().equals(have)) {
            throw new IllegalArgumentException("BackupAndRestore folder " + backupDir.toAbsolutePath() + " holds a backup "
                    + "of a different model: its weights have shapes " + saved + " but model '" + model().name()
                    + "' has " + have + ". Give this model its own backup folder, or delete the old one.");
        }
    }

    private static ArrayNode shapes(List<Tensor> weights) {
        ArrayNode a = JSON.createArrayNode();
        for (Tensor t : weights) {
            ArrayNode s = a.addArray();
            Arrays.stream(t.shape()).forEach(s::add);
        }
        return a;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        currentEpoch = epoch + 1;
        lastBatchSeen = 0;
        if (saveFreq == 0) {
            save();
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (saveFreq == 0) {
            return;
        }
        int add = batch <= lastBatchSeen ? batch + 1 : batch - lastBatchSeen;
        batchesSinceSave += add;
        lastBatchSeen = batch;
        if (batchesSinceSave >= saveFreq) {
            batchesSinceSave = 0;
            save();
        }
    }

    private void save() {
        try {
            Files.createDirectories(backupDir);
            String name = "latest-" + System.nanoTime() + "-" + (saves++) + ".weights.h5";
            model().saveWeights(backupDir.resolve(name));
            ObjectNode m = JSON.createObjectNode();
            m.put("epoch", currentEpoch);
            m.put("batch", lastBatchSeen);
            m.put("weights_file", name);
            m.set("weight_shapes", shapes(model().getWeights()));
            byte[] bytes = JSON.writeValueAsBytes(m);
            AtomicFiles.replace(backupDir.resolve(METADATA), tmp -> Files.write(tmp, bytes));
            try (DirectoryStream<Path> old = Files.newDirectoryStream(backupDir, "latest-*.weights.h5")) {
                for (Path p : old) {
                    if (!p.getFileName().toString().equals(name)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore could not write its backup to " + backupDir.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * jkeras calls onTrainEnd also when fit fails; the backup is deleted only when the fit completed (the last
     * epoch ended, or a callback stopped training), as Keras, which skips on_train_end on an exception.
     */
    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        Object epochs = params().get("epochs");
        boolean completed = model().stopTraining()
                || (epochs instanceof Number && currentEpoch >= ((Number) epochs).intValue());
        if (!deleteCheckpoint || !completed || !Files.exists(backupDir)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(backupDir)) {
            walk.forEach(all::add);
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore could not delete " + backupDir.toAbsolutePath(), e);
        }
        all.sort(Comparator.reverseOrder());
        for (Path p : all) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException("BackupAndRestore could not delete " + p.toAbsolutePath(), e);
            }
        }
    }
}
