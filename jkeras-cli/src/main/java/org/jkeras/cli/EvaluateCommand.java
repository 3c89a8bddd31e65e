package org.jkeras.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jkeras.models.Model;
import org.jkeras.saving.Json;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.EvaluateOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jkeras evaluate MODEL --x DATA --y DATA}: Keras's {@code model.evaluate(x, y, return_dict=True)}; the
 * progress bar, then the results as one JSON line ({@code {"loss": 0.31, "accuracy": 0.9}}).
 *
 * <pre>{@code
 * jkeras evaluate model.keras --x data.npz:x_val --y data.npz:y_val
 * }</pre>
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Run Keras's model.evaluate(x, y) and print the loss and metrics as one JSON line.")
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The model: .keras, .h5, Keras JSON config (with --weights) or .weights.h5 (with --config).")
    Path model;

    @Mixin
    ModelArgs modelArgs;

    @Mixin
    CompileArgs compileArgs;

    @Mixin
    DataArgs data;

    @Option(names = "--y", paramLabel = "DATA",
            description = "Targets, in the same forms as --x (arrays named like the model's outputs); not with an image folder.")
    String y;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        data.validate(spec.commandLine());
        Model m = modelArgs.load(model, true);
        compileArgs.apply(m);
        Signature sig = Signature.of(m);
        List<Tensor> xs = data.inputs(sig);
        EvaluateOptions o = EvaluateOptions.defaults().batchSize(data.batchSize).verbose(data.verbose);
        Map<String, Double> result;
        if (xs == null) {
            result = m.evaluateGenerator(data.images(sig, false, 0), o.workers(data.workers));
        } else {
            if (y == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--y is required with array data");
            }
            List<Tensor> ys = DataSpec.parse(y, "--y").arrays(sig.outputNames(), "y");
            result = m.evaluate(Outputs.x(xs), Outputs.x(ys), o);
        }
        System.out.println(Json.write(result));
        return 0;
    }
}
