package org.jkeras.cli;

import java.util.List;
import org.jkeras.data.ImageFolderSequence;
import org.jkeras.tensor.Tensor;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The data options shared by predict and evaluate ({@code --x --batch-size --verbose --workers}) and the reading
 * of {@code --x} for a model: arrays checked against its input shapes, or an image folder.
 *
 * <pre>{@code
 * List<Tensor> xs = data.inputs(Signature.of(model));   // null when --x is an image folder
 * }</pre>
 */
final class DataArgs {
    @Option(names = "--x", required = true, paramLabel = "DATA",
            description = "Input data: FILE.npy, FILE.npz[:ARRAYS] (arrays named like the model's inputs), "
                    + "FILE.csv[:COLUMNS] (header row; columns by name or 0-based index, ranges 0-3), or a folder "
                    + "of images with one sub-folder per class. Repeat as --x NAME=DATA to give each named input its own file.")
    List<String> x;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
            description = "Samples per batch (Keras's batch_size; default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--verbose", paramLabel = "0|1|2", defaultValue = "1",
            description = "0 = silent, 1 = progress bar, 2 = one line (Keras's verbose; default: ${DEFAULT-VALUE}).")
    int verbose;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "Threads loading image batches ahead (Keras's workers; image folders only; default: ${DEFAULT-VALUE}).")
    int workers;

    void validate(CommandLine cl) {
        if (batchSize < 1) {
            throw new CommandLine.ParameterException(cl, "--batch-size must be a positive number of samples; received: "
                    + batchSize);
        }
        if (verbose < 0 || verbose > 2) {
            throw new CommandLine.ParameterException(cl, "--verbose must be 0 (silent), 1 (progress bar) or 2 (one line); "
                    + "received: " + verbose);
        }
        if (workers < 1) {
            throw new CommandLine.ParameterException(cl, "--workers must be at least 1; received: " + workers);
        }
    }

    DataSpec spec() {
        return DataSpec.parse(x.get(0), "--x");
    }

    /** The inputs in model order, each checked against its input's shape; null for an image folder. */
    List<Tensor> inputs(Signature sig) {
        if (x.size() > 1 || named(x.get(0), sig) != null) {
            return namedInputs(sig);
        }
        DataSpec s = spec();
        ModelArgs.requireFile(s.path, "--x");
        if (s.isFolder()) {
            return null;
        }
        List<Tensor> xs = s.arrays(sig.inputNames(), "x");
        for (int i = 0; i < xs.size(); i++) {
            sig.check(sig.inputNames().get(i), xs.get(i), s.describe());
        }
        return xs;
    }

    /** NAME=DATA for a model input NAME, else null. */
    private static String named(String arg, Signature sig) {
        int eq = arg.indexOf('=');
        return eq > 0 && sig.inputNames().contains(arg.substring(0, eq)) ? arg.substring(0, eq) : null;
    }

    private List<Tensor> namedInputs(Signature sig) {
        java.util.Map<String, Tensor> byName = new java.util.HashMap<>();
        for (String arg : x) {
            String name = named(arg, sig);
            if (name == null) {
                throw new CliException("--x " + arg + ": with several --x, each must be NAME=DATA for one of the model's "
                        + "inputs " + sig.inputNames());
            }
            DataSpec s = DataSpec.parse(arg.substring(name.length() + 1), "--x " + name + "=");
            Tensor t = s.arrays(List.of(name), "x").get(0);
            sig.check(name, t, s.describe());
            byName.put(name, t);
        }
        List<Tensor> xs = new java.util.ArrayList<>();
        for (String name : sig.inputNames()) {
            if (!byName.containsKey(name)) {
                throw new CliException("no --x " + name + "=DATA for the model's input '" + name + "' (inputs: "
                        + sig.inputNames() + ")");
            }
            xs.add(byName.get(name));
        }
        return xs;
    }

    ImageFolderSequence images(Signature sig, boolean shuffle, long seed) {
        if (sig.inputNames().size() != 1) {
            throw new CliException("an image folder feeds one input; the model has " + sig.inputNames());
        }
        return ImageData.sequence(spec().path, sig.inputShape(0), batchSize, shuffle, seed);
    }

}
