package org.jkeras.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jkeras.data.AtomicFiles;
import org.jkeras.models.Model;
import org.jkeras.saving.Models;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code jkeras convert IN OUT}: loads IN and writes OUT in the format its name says: {@code .keras} (Keras 3
 * zip), {@code .h5} (legacy Keras 2 full model), {@code .weights.h5} (Keras 3 weights) or {@code .json}
 * ({@code model.to_json()}).
 *
 * <pre>{@code
 * jkeras convert test-data/fixtures/keras3-generated/mlp/mlp.h5 mlp.keras
 * jkeras convert mlp.weights.h5 --config config.json mlp.keras
 * }</pre>
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a model between .keras, .h5, .weights.h5 and Keras JSON (model.to_json()), by OUT's extension.")
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "The model to read (.keras, .h5, .json with --weights, .weights.h5 with --config).")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write: .keras, .h5, .weights.h5 or .json.")
    Path out;

    @Mixin
    ModelArgs modelArgs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean weights = name.endsWith(".weights.h5"), json = name.endsWith(".json");
        if (!weights && !json && !name.endsWith(".keras") && !name.endsWith(".h5")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "OUT " + out
                    + ": the extension chooses the format; use .keras, .h5, .weights.h5 or .json");
        }
        Model m = modelArgs.load(in, true);
        if (weights) {
            Models.saveWeights(m, out);
        } else if (json) {
            byte[] text = Models.toJson(m).getBytes(StandardCharsets.UTF_8);
            AtomicFiles.replace(out, tmp -> Files.write(tmp, text));
        } else {
            Models.save(m, out);
        }
        System.out.println("jkeras: wrote " + out);
        return 0;
    }
}
