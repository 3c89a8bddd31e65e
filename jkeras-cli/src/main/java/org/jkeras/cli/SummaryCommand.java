package org.jkeras.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jkeras.models.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jkeras summary MODEL}: Keras's {@code model.summary()} table of a model file.
 *
 * <pre>{@code
 * jkeras summary test-data/fixtures/keras3-generated/mlp/mlp.keras --line-length 100
 * }</pre>
 */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print Keras's model.summary() of MODEL (.keras, .h5, Keras JSON config, or .weights.h5 with --config).")
final class SummaryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file.")
    Path model;

    @Mixin
    ModelArgs modelArgs;

    @Option(names = "--line-length", paramLabel = "N",
            description = "Total width of the table (Keras's line_length; default: 88, or 108 for a functional graph).")
    Integer lineLength;

    @Override
    public Integer call() {
        Model m = modelArgs.load(model, true); // compiled, as load_model: the summary counts optimizer params
        if (lineLength == null) {
            m.summary();
        } else {
            System.out.print(m.summaryText(lineLength));
        }
        System.out.flush();
        return 0;
    }
}
