package org.jkeras.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jkeras.models.Model;
import org.jkeras.saving.Models;
import picocli.CommandLine.Option;

/**
 * How a subcommand finds its model: a {@code .keras} zip or an {@code .h5} file (Keras's {@code load_model}), a
 * Keras JSON config ({@code model.to_json()} / {@code config.json}, Keras's {@code model_from_json}) optionally with
 * {@code --weights}, or a {@code .weights.h5} file together with {@code --config}.
 *
 * <pre>{@code
 * Model m = ModelArgs.load(Path.of("mlp.keras"), null, null, true);
 * Model w = ModelArgs.load(Path.of("mlp.weights.h5"), Path.of("config.json"), null, false);
 * }</pre>
 */
final class ModelArgs {
    @Option(names = "--config", paramLabel = "JSON",
            description = "Keras JSON config (model.to_json()) of the architecture, when MODEL is a .weights.h5 file.")
    Path config;

    @Option(names = "--weights", paramLabel = "FILE",
            description = "Weights (.weights.h5, .h5 or .keras) loaded into the model, when MODEL is a JSON config.")
    Path weights;

    /** Loads {@code model} with these options. */
    Model load(Path model, boolean compile) {
        return load(model, config, weights, compile);
    }

    static Model load(Path model, Path config, Path weights, boolean compile) {
        requireFile(model, "MODEL");
        String name = model.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            Model m;
            if (name.endsWith(".weights.h5")) {
                if (config == null) {
                    throw new CliException(model + " holds only weights; give the architecture with --config config.json "
                            + "(model.to_json()), or pass a .keras file");
                }
                m = fromJson(config);
                Models.loadWeights(m, model);
            } else if (name.endsWith(".json")) {
                m = fromJson(model);
                if (weights != null) {
                    requireFile(weights, "--weights");
                    Models.loadWeights(m, weights);
                }
            } else {
                m = Models.load(model, compile);
                if (weights != null) {
                    requireFile(weights, "--weights");
                    Models.loadWeights(m, weights);
                }
            }
            return m;
        } catch (IOException e) {
            throw new CliException("cannot read the model " + model + ": " + e.getMessage(), e);
        }
    }

    private static Model fromJson(Path json) throws IOException {
        requireFile(json, "--config");
        return Models.fromJson(Files.readString(json));
    }

    /** A missing or unreadable input file, named with the option it came from. */
    static void requireFile(Path file, String what) {
        if (!Files.exists(file)) {
            throw new CliException(what + " " + file + " does not exist (working directory: "
                    + Path.of("").toAbsolutePath() + ")");
        }
        if (!Files.isReadable(file)) {
            throw new CliException(what + " " + file + " is not readable");
        }
    }
}
