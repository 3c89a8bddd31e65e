package org.jkeras.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jkeras.models.Model;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.EvaluateOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jkeras predict MODEL --x DATA --out FILE}: Keras's {@code model.predict(x, batch_size)}, written as
 * {@code .npy}, {@code .npz} (one array per output name) or {@code .csv} by the extension of {@code --out}.
 *
 * <pre>{@code
 * jkeras predict test-data/fixtures/keras3-generated/multi_io/multi_io.keras \
 *     --x test-data/fixtures/keras3-generated/multi_io/in.npz --out pred.npz
 * }</pre>
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Run Keras's model.predict(x) on DATA and write the outputs to --out (.npy, .npz or .csv).")
final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The model: .keras, .h5, Keras JSON config (with --weights) or .weights.h5 (with --config).")
    Path model;

    @Mixin
    ModelArgs modelArgs;

    @Mixin
    DataArgs data;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where the predictions go: .npy (one output), .npz (an array per output name) or .csv (columns NAME_i).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        data.validate(spec.commandLine());
        try {
            PredictionFiles.check(out);
        } catch (CliException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + ": the folder " + parent
                    + " does not exist");
        }
        Model m = modelArgs.load(model, false);
        Signature sig = Signature.of(m);
        List<Tensor> xs = data.inputs(sig);
        EvaluateOptions o = EvaluateOptions.defaults().batchSize(data.batchSize).verbose(data.verbose);
        Object predicted;
        if (xs == null) {
            predicted = m.predictGeneratorOutputs(data.images(sig, false, 0), o.workers(data.workers));
        } else {
            predicted = m.predictOutputs(Outputs.x(xs), o);
        }
        PredictionFiles.write(out, sig.outputNames(), Outputs.list(predicted, sig.outputNames()));
        return 0;
    }
}
