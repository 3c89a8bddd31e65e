package org.jkeras.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.jkeras.models.Model;
import org.jkeras.saving.Models;

/**
 * A model shipped once to every executor: the bytes of its {@code .keras} (or legacy {@code .h5}) file travel as a
 * Spark broadcast, and each executor JVM loads them lazily on first use and keeps the loaded model for every later
 * task. A model is used by one task at a time, so an executor running several tasks at once loads one copy per
 * concurrent task (borrowed and returned); the file bytes are held once.
 *
 * <pre>{@code
 * ModelBroadcast shipped = ModelBroadcast.of(spark, Path.of("model.keras"));
 * // inside a task:
 * Model m = shipped.borrow();
 * try { ... m.predict(x) ... } finally { shipped.release(m); }
 * }</pre>
 */
public final class ModelBroadcast implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Per executor JVM: the idle loaded models of each shipped file, by key. */
    private static final Map<String, Queue<Model>> LOADED = new ConcurrentHashMap<>();

    private final Broadcast<byte[]> bytes;
    private final String key;
    private final String fileName;

    private ModelBroadcast(Broadcast<byte[]> bytes, String key, String fileName) {
        this.bytes = bytes;
        this.key = key;
        this.fileName = fileName;
    }

    /**
     * Reads the model file on the driver (so executors need no access to it) and broadcasts its bytes.
     *
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    public static ModelBroadcast of(SparkSession spark, Path modelFile) {
        return of(spark, readModelFile(modelFile), modelFile.getFileName().toString());
    }

    /** Broadcasts a model file's bytes; {@code fileName} (ending in .keras or .h5) names it in messages. */
    public static ModelBroadcast of(SparkSession spark, byte[] data, String fileName) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return new ModelBroadcast(jsc.broadcast(data), UUID.randomUUID().toString(), fileName);
    }

    private static byte[] readModelFile(Path modelFile) {
        byte[] data;
        try {
            data = Files.readAllBytes(modelFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the model file " + modelFile.toAbsolutePath()
                    + " on the driver: " + e + ". Give the path of a .keras (or .h5) file the driver can read; "
                    + "the executors get its bytes by broadcast.", e);
        }
        return data;
    }

    /** Loads the shipped bytes into a fresh, uncompiled model (on the driver or an executor). */
    public Model load() {
        return load(false);
    }

    /** Loads the shipped bytes into a fresh model; compiled (optimizer state restored) when {@code compile}. */
    public Model load(boolean compile) {
        String suffix = fileName.endsWith(".h5") ? ".h5" : ".keras";
        Path tmp = null;
        try {
            tmp = Files.createTempFile("jkeras-spark-model-", suffix);
            Files.write(tmp, bytes.value());
            return Models.load(tmp, compile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the broadcast model '" + fileName + "': " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file; the next start of the JVM's temp cleaner removes it
                }
            }
        }
    }

    /** A loaded model for this task's exclusive use: an idle cached one, or a new one loaded once and kept. */
    public Model borrow() {
        Model m = LOADED.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
        return m != null ? m : load();
    }

    /** Gives a borrowed model back to this JVM's cache for the next task. */
    public void release(Model model) {
        LOADED.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(model);
    }

    /** How many loaded models this JVM holds idle for this broadcast (for tests and diagnostics). */
    public int cachedCopies() {
        Queue<Model> q = LOADED.get(key);
        return q == null ? 0 : q.size();
    }

    /** The shipped file's name, for messages. */
    public String fileName() {
        return fileName;
    }

    /** Removes the broadcast from the executors and this JVM's cached models. */
    public void destroy() {
        LOADED.remove(key);
        bytes.destroy();
    }
}
