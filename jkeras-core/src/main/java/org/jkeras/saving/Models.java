package org.jkeras.saving;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.exceptions.HdfException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jkeras.data.AtomicFiles;
import org.jkeras.losses.Losses;
import org.jkeras.models.Model;
import org.jkeras.optimizers.Optimizer;
import org.jkeras.training.CompileOptions;

/**
 * Keras's {@code keras.models.load_model}, {@code model_from_json} and the file side of {@code model.save}: reads and
 * writes the Keras 3 {@code .keras} zip (metadata.json, config.json, model.weights.h5), Keras 3 {@code .weights.h5},
 * and legacy Keras 2 / tf.keras HDF5 files (full models and weights-only). Formats are told apart by their first
 * bytes, never by the file name. Writes go to a temporary file in the destination directory that is then renamed,
 * so a failed save never leaves a partial file.
 *
 * <pre>{@code
 * model.save(Path.of("mlp.keras"));                  // same as Models.save(model, path)
 * Model again = Models.load(Path.of("mlp.keras"));   // compiled, optimizer state restored
 * Model fromPython = Models.load(Path.of("keras2_model.h5"));
 * Model arch = Models.fromJson(Files.readString(Path.of("config.json")));
 * arch.loadWeights(Path.of("model.weights.h5"));
 * Model multiIo = Models.load(Path.of("multi_io.keras"));  // functional: predict(Map.of("input_1", x1, "input_2", x2))
 * }</pre>
 *
 * <p>Sequential and functional models are supported (Keras 3 {@code Functional}, Keras 2 {@code Model} and
 * {@code Functional}); the compile config restores per-output losses, loss weights and metrics, the optimizer with
 * its clipping, weight decay, EMA and learning-rate schedule, and the optimizer's saved state.
 */
public final class Models {
    /** The Keras version whose {@code .keras} format jkeras writes (metadata.json's {@code keras_version}). */
    public static final String KERAS_VERSION = "3.16.0";
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private Models() {}

    // ------------------------------------------------------------------ loading

    /** Loads a whole model ({@code .keras} zip or legacy HDF5) and compiles it from the saved compile config. */
    public static Model load(Path path) throws IOException {
        return load(path, true);
    }

    /**
     * Loads a whole model; with {@code compile} false the saved compile config and optimizer state are ignored
     * (Keras's {@code compile=False}). When the compile config names something jkeras lacks, the model is returned
     * uncompiled with a warning on standard error, as Keras does.
     */
    public static Model load(Path path, boolean compile) throws IOException {
        switch (sniff(path)) {
            case ZIP:
                return loadKeras(path, compile);
            case HDF5:
                return loadLegacy(path, compile);
            default:
                throw neither(path);
        }
    }

    /** Keras's {@code model_from_json}: an uncompiled, built model from {@code model.to_json()} text (Keras 2 or 3). */
    public static Model fromJson(String json) {
        return ModelConfig.deserialize(Json.parse(json));
    }

    private static Model loadKeras(Path path, boolean compile) throws IOException {
        try (ZipIndex zip = ZipIndex.open(path)) {
            zip.verifyAllBut("model.weights.h5"); // checked while its weights are read, before any is assigned
            ZipIndex.Member configEntry = zip.member("config.json");
            if (configEntry == null) {
                throw new ModelFileException(path + " is a zip file but has no config.json member (members: " + String.join(", ", zip.names())
                        + "). A Keras .keras file holds metadata.json, config.json and model.weights.h5; re-save the model "
                        + "with model.save(\"name.keras\").");
            }
            String where = path + "!config.json";
            Map<String, Object> config = fromFile(where, () -> ConfigValues.map(Json.parse(zip.readString(configEntry)), "config.json"));
            Model model = fromFile(where, () -> ModelConfig.deserialize(config));
            if (compile && config.get("compile_config") instanceof Map) {
                compile(model, ConfigValues.map(config.get("compile_config"), "compile_config"), true, path);
            }
            ZipIndex.Member weights = zip.member("model.weights.h5");
            if (weights == null) {
                String hint = zip.member("model.weights.npz") != null
                        ? "it has model.weights.npz (weights_format=\"npz\"), which jkeras does not read yet; re-save with the default h5 format"
                        : "members are " + String.join(", ", zip.names());
                throw new ModelFileException(path + " has no model.weights.h5 member: " + hint + ".");
            }
            readZippedWeights(model, zip, weights, path, true);
            return model;
        }
    }

    /** A step of loading {@code where}: any runtime exception it throws is a problem of the file, a ModelFileException. */
    private interface FileStep<T> {
        T run() throws IOException;
    }

    private static <T> T fromFile(String where, FileStep<T> step) throws IOException {
        try {
            return step.run();
        } catch (HdfException e) {
            throw corrupt(where, e);
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new ModelFileException(where + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ModelFileException(where + ": the content is not laid out as Keras writes it (" + e + "). Re-save "
                    + "the model with Keras or jkeras.", e);
        }
    }

    /**
     * Reads the {@code model.weights.h5} member of a {@code .keras} zip into {@code model}, in place in the archive;
     * its CRC-32 is checked before any weight is assigned, and a failure to read it is reported as a bad CRC-32 when
     * that is the cause.
     */
    private static void readZippedWeights(Model model, ZipIndex zip, ZipIndex.Member weights, Path path, boolean fresh)
            throws IOException {
        String where = path + "!model.weights.h5";
        try (ZippedHdf5 h5 = ZippedHdf5.open(zip, weights, path, where)) {
            try {
                fromFile(where, () -> {
                    WeightsH5.read(model, h5.file(), where, h5::verify, fresh);
                    return null;
                });
            } catch (IOException | RuntimeException e) {
                try {
                    h5.verify();
                } catch (ModelFileException bad) {
                    bad.addSuppressed(e);
                    throw bad;
                }
                throw e;
            }
        } catch (HdfException e) {
            zip.verify(weights);
            throw corrupt(where, e);
        }
    }

    private static Model loadLegacy(Path path, boolean compile) throws IOException {
        try (HdfFile h5 = openHdf(path)) {
            Object modelConfig = fromFile(path + "@model_config", () -> LegacyH5.modelConfig(h5));
            if (modelConfig == null) {
                throw new ModelFileException(path + " is an HDF5 file without a model_config attribute: it holds weights "
                        + "only (or is no Keras file). Build the model (e.g. Models.fromJson(json)) and call "
                        + "model.loadWeights(path) instead.");
            }
            Model model = fromFile(path + "@model_config", () -> ModelConfig.deserialize(modelConfig));
            Map<String, Object> training = fromFile(path + "@training_config", () -> LegacyH5.trainingConfig(h5));
            if (compile && training != null) {
                compile(model, training, false, path);
            }
            Group weights = Hdf5.group(h5, "model_weights");
            fromFile(path.toString(), () -> {
                LegacyH5.readWeights(model, weights != null ? weights : h5, path.toString(), true);
                return null;
            });
            return model;
        } catch (HdfException e) {
            throw corrupt(path.toString(), e);
        }
    }

    private static void compile(Model model, Map<String, Object> cfg, boolean keras3, Path path) {
        if (cfg.isEmpty()) {
            return; // an empty compile config, as some tools write for an uncompiled model: nothing to restore
        }
        try {
            Object optSpec = cfg.containsKey("optimizer") && !cfg.containsKey("optimizer_config") ? cfg.get("optimizer")
                    : cfg.get("optimizer_config");
            Optimizer opt = OptimizerCodec.deserialize(optSpec);
            CompileOptions o = CompileOptions.optimizer(opt).loss(lossSpec(cfg.get("loss")));
            if (cfg.get("loss_weights") != null) {
                o.lossWeights(cfg.get("loss_weights"));
            }
            if (cfg.get("metrics") != null) {
                o.metrics(metricSpec(cfg.get("metrics"), "metrics"));
            }
            if (cfg.get("weighted_metrics") != null) {
                o.weightedMetrics(metricSpec(cfg.get("weighted_metrics"), "weighted_metrics"));
            }
            model.compile(o);
        } catch (IllegalArgumentException e) {
            System.err.println("WARNING: " + path + ": the model was loaded but not compiled, because its compile config "
                    + "uses something jkeras does not have: " + e.getMessage() + " Call model.compile(...) yourself.");
        }
    }

    /** A saved loss: a name, a serialized loss ({@code class_name}), a list per output or a map by output name. */
    private static Object lossSpec(Object spec) {
        if (spec instanceof String) {
            return Losses.get((String) spec);
        }
        if (spec instanceof Map && ((Map<?, ?>) spec).containsKey("class_name")) {
            return Losses.get(String.valueOf(((Map<?, ?>) spec).get("class_name")));
        }
        if (spec instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) spec).entrySet()) {
                out.put(String.valueOf(e.getKey()), e.getValue() == null ? null : lossSpec(e.getValue()));
            }
            return out;
        }
        if (spec instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object e : (List<?>) spec) {
                out.add(e == null ? null : lossSpec(e));
            }
            return out;
        }
        throw new IllegalArgumentException("loss " + Json.write(spec) + " is not a loss name, a list or a map of them");
    }

    /** Saved metrics: names, lists (per output) or maps by output name; serialized metric objects by class name. */
    private static Object metricSpec(Object spec, String what) {
        if (spec instanceof String) {
            return spec;
        }
        if (spec instanceof Map && ((Map<?, ?>) spec).containsKey("class_name")) {
            throw new IllegalArgumentException(what + " entry " + Json.write(spec) + " is a serialized metric object; jkeras "
                    + "restores metrics given by name");
        }
        if (spec instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) spec).entrySet()) {
                out.put(String.valueOf(e.getKey()), e.getValue() == null ? null : metricSpec(e.getValue(), what));
            }
            return out;
        }
        if (spec instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object e : (List<?>) spec) {
                out.add(e == null ? null : metricSpec(e, what));
            }
            return out;
        }
        throw new IllegalArgumentException(what + " entry " + Json.write(spec) + " is not a metric name");
    }

    // ------------------------------------------------------------------ weights

    /** Loads weights from a Keras 3 {@code .weights.h5}, a legacy Keras 2 weights or model file, or a {@code .keras} zip. */
    public static void loadWeights(Model model, Path path) throws IOException {
        Format f = sniff(path);
        if (f == Format.ZIP) {
            try (ZipIndex zip = ZipIndex.open(path)) {
                zip.verifyAllBut("model.weights.h5");
                ZipIndex.Member weights = zip.member("model.weights.h5");
                if (weights == null) {
                    throw new ModelFileException(path + " is a zip file without model.weights.h5 (members: "
                            + String.join(", ", zip.names()) + ").");
                }
                readZippedWeights(model, zip, weights, path, false);
            }
            return;
        }
        if (f != Format.HDF5) {
            throw neither(path);
        }
        try (HdfFile h5 = openHdf(path)) {
            fromFile(path.toString(), () -> {
                readWeightsH5(model, h5, path);
                return null;
            });
        } catch (HdfException e) {
            throw corrupt(path.toString(), e);
        }
    }

    private static void readWeightsH5(Model model, HdfFile h5, Path path) throws IOException {
        if (Hdf5.group(h5, "layers") != null || Hdf5.group(h5, "_layer_checkpoint_dependencies") != null) {
            WeightsH5.read(model, h5, path.toString());
        } else if (Hdf5.group(h5, "model_weights") != null) {
            LegacyH5.readWeights(model, Hdf5.group(h5, "model_weights"), path.toString());
        } else if (!Hdf5.stringList(h5, "layer_names").isEmpty()) {
            LegacyH5.readWeights(model, h5, path.toString());
        } else if (!model.layers().stream().allMatch(l -> l.weights().isEmpty())) {
            throw new ModelFileException(path + " is an HDF5 file but holds no Keras weights: expected a 'layers' group "
                    + "(Keras 3 .weights.h5), a 'model_weights' group or a 'layer_names' attribute (Keras 2); found "
                    + h5.getChildren().keySet() + ".");
        }
    }

    /**
     * Saves weights: Keras 3 layout for names ending in {@code .weights.h5} (optimizer state included, as Keras 3),
     * otherwise the legacy Keras 2 {@code save_weights} layout for {@code .h5}/{@code .hdf5}.
     */
    public static void saveWeights(Model model, Path path) throws IOException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".weights.h5")) {
            atomically(path, tmp -> writeHdf(tmp, root -> WeightsH5.write(model, root)));
        } else if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            atomically(path, tmp -> writeHdf(tmp, root -> LegacyH5.writeWeights(model, root)));
        } else {
            throw new IllegalArgumentException("The filename must end in `.weights.h5` (Keras 3) or `.h5`/`.hdf5` (Keras 2 "
                    + "layout); received: filepath=" + path + ".");
        }
    }

    // ------------------------------------------------------------------ saving

    /** Saves the whole model: {@code .keras} zip, or legacy HDF5 for names ending in {@code .h5}/{@code .hdf5}. */
    public static void save(Model model, Path path) throws IOException {
        requireBuilt(model);
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            atomically(path, tmp -> writeHdf(tmp, root -> LegacyH5.writeModel(model, root)));
        } else if (name.endsWith(".keras")) {
            atomically(path, tmp -> writeKeras(model, tmp));
        } else {
            throw new IllegalArgumentException("The filename must end in `.keras` (Keras 3 format) or `.h5` (legacy Keras 2 "
                    + "format); received: filepath=" + path + ".");
        }
    }

    /** Keras's {@code model.to_json()}: the Keras 3 model dict (architecture, build and compile config, no weights). */
    public static String toJson(Model model) {
        Map<String, Object> m = ModelConfig.serialize(model, true);
        Map<String, Object> cc = ModelConfig.compileConfig(model);
        if (cc != null) {
            cc.remove("optimizer"); // to_json() leaves the optimizer out (see keras3-generated/*/config.json)
            m.put("compile_config", cc);
        }
        return Json.write(m);
    }

    static String configJson(Model model) {
        Map<String, Object> m = ModelConfig.serialize(model, true);
        Map<String, Object> cc = ModelConfig.compileConfig(model);
        if (cc != null) {
            m.put("compile_config", cc);
        }
        return Json.write(m);
    }

    /**
     * The {@code .keras} zip, streamed: metadata.json, config.json, then model.weights.h5 produced straight into the
     * archive as a stored member (its length and CRC-32, which a stored zip entry needs up front, come from a layout
     * pass and a checksum pass over the tensors; zip64 records are added by the JDK when a size or offset needs them).
     */
    private static void writeKeras(Model model, Path tmp) throws IOException {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("keras_version", KERAS_VERSION);
        meta.put("date_saved", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss", Locale.ROOT)));
        Hdf5.Tree root = new Hdf5.Tree();
        WeightsH5.write(model, root);
        Hdf5Writer weights = new Hdf5Writer(root);
        long crc = weights.crc32();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            byte[] m = Json.write(meta).getBytes(StandardCharsets.UTF_8);
            byte[] c = configJson(model).getBytes(StandardCharsets.UTF_8);
            zip.putNextEntry(stored("metadata.json", m.length, crc(m)));
            zip.write(m);
            zip.putNextEntry(stored("config.json", c.length, crc(c)));
            zip.write(c);
            zip.putNextEntry(stored("model.weights.h5", weights.size(), crc));
            weights.writeTo(zip);
            zip.closeEntry();
        }
        try (ZipIndex back = ZipIndex.open(tmp);
                ZippedHdf5 h5 = ZippedHdf5.open(back, back.member("model.weights.h5"), tmp, tmp + "!model.weights.h5")) {
            root.verify(h5.file(), "/"); // the structure reads back (metadata only; the weights are not read again)
        } catch (RuntimeException e) {
            throw new IOException("The .keras writer produced a file that does not read back (" + e.getMessage()
                    + "); nothing was saved. Please report this with the model's summary().", e);
        }
    }

    private static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    private static ZipEntry stored(String name, long size, long crc) {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        return e;
    }

    // ------------------------------------------------------------------ plumbing

    private interface HdfAction {
        void run(Hdf5.Tree root);
    }

    /** Describes the HDF5 content (referencing the tensors), then streams it to {@code path} and checks its structure. */
    private static void writeHdf(Path path, HdfAction action) throws IOException {
        Hdf5.Tree root = new Hdf5.Tree();
        action.run(root);
        try {
            root.write(path);
        } catch (RuntimeException e) {
            throw new IOException("Writing HDF5 file " + path + " failed: " + e, e);
        }
    }

    /** Writes {@code dest} atomically (see {@link AtomicFiles}), after checking that its directory exists. */
    static void atomically(Path dest, AtomicFiles.TempWriter write) throws IOException {
        Path dir = dest.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IOException("Cannot save to " + dest + ": directory " + dir + " does not exist. Create it first.");
        }
        AtomicFiles.replace(dest, write);
    }

    private static void requireBuilt(Model model) {
        if (!model.built()) {
            throw new IllegalStateException("Model '" + model.name() + "' has not been built yet, so it has no weights to "
                    + "save. Give the first layer an input shape, call build(...), or fit/predict once before saving.");
        }
    }

    enum Format { ZIP, HDF5, OTHER }

    /** The file's format from its first bytes. */
    static Format sniff(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString(), null, "no such model file; check the path");
        }
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, 8);
        }
        if (n >= 4 && Arrays.equals(Arrays.copyOf(head, 4), ZIP_MAGIC)) {
            return Format.ZIP;
        }
        if (n == 8 && Arrays.equals(head, Hdf5.MAGIC)) {
            return Format.HDF5;
        }
        return Format.OTHER;
    }

    private static ModelFileException neither(Path path) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(8);
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : head) {
            hex.append(String.format("%02x ", b));
        }
        return new ModelFileException(path + " is neither a zip (.keras) nor an HDF5 (.h5) file: it starts with bytes ["
                + hex.toString().trim() + "], expected 50 4b 03 04 (zip) or 89 48 44 46 0d 0a 1a 0a (HDF5). Pass a file "
                + "written by Keras's model.save() or save_weights().");
    }

    private static ModelFileException corrupt(String where, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.jhdf.exceptions.HdfChecksumMismatchException) {
                return new ModelFileException(where + " fails an HDF5 metadata checksum (" + t.getMessage() + "): the file "
                        + "was altered or damaged after it was written. Re-copy or re-save the file.", e);
            }
        }
        return new ModelFileException(where + " starts like an HDF5 file but cannot be read as one (" + e.getMessage()
                + (e.getCause() != null ? ": " + e.getCause() : "") + "); it is probably truncated or corrupt. "
                + "Re-copy or re-save the file.", e);
    }

    private static HdfFile openHdf(Path path) throws ModelFileException {
        try {
            return new HdfFile(path);
        } catch (RuntimeException e) {
            throw corrupt(path.toString(), e);
        }
    }
}
