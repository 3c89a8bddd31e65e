package org.jkeras.cli;

import java.util.List;
import org.jkeras.models.Model;
import org.jkeras.training.CompileOptions;
import picocli.CommandLine.Option;

/**
 * Keras's {@code model.compile(optimizer, loss, metrics)} from the command line; without these options the
 * model keeps the compile config saved in its file.
 *
 * <pre>{@code
 * jkeras evaluate model.json --weights w.weights.h5 --x x.npy --y y.npy --loss categorical_crossentropy --metrics accuracy
 * }</pre>
 */
final class CompileArgs {
    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "Optimizer name (Keras's compile(optimizer=...); default when only --loss is given: rmsprop, as Keras).")
    String optimizer;

    @Option(names = "--loss", paramLabel = "NAME",
            description = "Loss name, e.g. categorical_crossentropy (compile(loss=...)); default: the file's compile config.")
    String loss;

    @Option(names = "--metrics", paramLabel = "NAME", split = ",",
            description = "Metric names, comma-separated, e.g. accuracy (compile(metrics=...)); default: the file's.")
    List<String> metrics;

    /** Compiles {@code model} when options were given; fails when it is still uncompiled. */
    void apply(Model model) {
        if (optimizer != null || loss != null || metrics != null) {
            if (loss == null && model.compileOptions() == null) {
                throw new CliException("--optimizer/--metrics without --loss: the model has no saved compile config, "
                        + "so give --loss too");
            }
            Object l = loss != null ? loss : model.compileOptions().getLoss();
            CompileOptions o = CompileOptions.optimizer(optimizer == null ? "rmsprop" : optimizer).loss(l);
            if (metrics != null) {
                o.metrics(metrics.toArray(new String[0]));
            }
            model.compile(o);
        }
        if (model.compileOptions() == null) {
            throw new CliException("the model '" + model.name() + "' has no compile config (it was saved uncompiled, or "
                    + "is a JSON config); give --loss NAME (and --optimizer, --metrics)");
        }
    }
}
