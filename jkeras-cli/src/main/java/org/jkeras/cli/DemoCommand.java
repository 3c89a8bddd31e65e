package org.jkeras.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jkeras.callbacks.History;
import org.jkeras.data.FashionMnist;
import org.jkeras.layers.core.Dense;
import org.jkeras.models.Model;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.Adam;
import org.jkeras.saving.Models;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.EvaluateOptions;
import org.jkeras.training.FitOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jkeras demo}: trains an MLP on Fashion-MNIST — the full set when it is found on this machine, otherwise
 * the 10,000 / 2,000-image subset embedded in the jar — with Keras's progress bar, then evaluates on the test
 * images, predicts a few of them, saves the training curves as a PNG ({@code --plot PATH}), saves the model as
 * {@code .keras} ({@code --save PATH}, or a temporary file), loads it back and checks that the reloaded model
 * predicts the same. Every option is checked before anything is loaded or trained: a bad value is one line on
 * stderr and exit code 2.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train, evaluate, predict, save (.keras) and reload an MLP on Fashion-MNIST (embedded subset, or the full set when found locally).")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--epochs", description = "Number of epochs (default: ${DEFAULT-VALUE}).", defaultValue = "5")
    int epochs;

    @Option(names = "--batch-size", description = "Samples per gradient update (default: ${DEFAULT-VALUE}).", defaultValue = "128")
    int batchSize;

    @Option(names = "--validation-split", description = "Fraction of the training images held out (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.1")
    double validationSplit;

    @Option(names = "--verbose", description = "0 = silent, 1 = progress bar, 2 = one line per epoch (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    int verbose;

    @Option(names = "--seed", description = "Random seed, for a reproducible run (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Option(names = "--subset", description = "Use the embedded subset even when the full dataset is available.")
    boolean subset;

    @Option(names = "--save", paramLabel = "PATH",
            description = "Where to save the trained model (.keras, or .h5 for the legacy format); default: a temporary file.")
    Path savePath;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--plot", paramLabel = "PATH",
            description = "Where to save the training curves (History.plot, PNG); default: jkeras-demo-history.png in "
                    + "the temporary folder.")
    Path plotPath;

    @Override
    public Integer call() {
        validate();
        Seeds.setGlobalSeed(seed);
        FashionMnist.Dataset data;
        Optional<FashionMnist.Dataset> local = subset ? Optional.empty() : FashionMnist.findLocal();
        if (local.isPresent()) {
            data = local.get();
            System.out.println("Fashion-MNIST: full dataset found locally.");
        } else {
            data = FashionMnist.loadFromClasspath(FashionMnist.EMBEDDED_SUBSET);
            System.out.println("Fashion-MNIST: the subset embedded in the jar.");
        }
        Tensor xTrain = flatten(data.xTrain()), xTest = flatten(data.xTest());
        System.out.printf(Locale.ROOT, "%d training and %d test images of 28x28 pixels, 10 classes.%n",
                xTrain.dim(0), xTest.dim(0));

        Sequential model = new Sequential(
                new Dense(256, "relu").inputDim(784),
                new Dense(128, "relu"),
                new Dense(10, "softmax"));
        model.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
        model.summary();

        long t0 = System.nanoTime();
        History history = model.fit(xTrain, data.yTrain(), FitOptions.defaults().epochs(epochs).batchSize(batchSize)
                .validationSplit(validationSplit).verbose(verbose));
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "Trained %d epochs in %.1f s.%n", epochs, seconds);
        Path plot = plotPath != null ? plotPath : Paths.get(System.getProperty("java.io.tmpdir"), "jkeras-demo-history.png");
        try {
            history.plot(plot);
            System.out.println("Saved the training curves (History.plot) to " + plot.toAbsolutePath() + ".");
        } catch (IOException e) {
            System.err.println("Saving the History plot failed: " + e.getMessage());
            return 1;
        }

        System.out.println("Evaluating on the test images:");
        Map<String, Double> scores = model.evaluate(xTest, data.yTest(), EvaluateOptions.defaults().batchSize(256).verbose(verbose));
        System.out.printf(Locale.ROOT, "Test loss %.4f, test accuracy %.4f%n", scores.get("loss"), scores.get("accuracy"));

        int shown = Math.min(8, xTest.dim(0));
        Tensor probs = model.predict(xTest.slice(0, shown), EvaluateOptions.defaults().verbose(0));
        int[] predicted = probs.argmaxLastAxis();
        List<String> names = FashionMnist.CLASS_NAMES;
        System.out.println("Predictions for the first test images:");
        for (int i = 0; i < shown; i++) {
            int truth = (int) data.yTest().get(i);
            System.out.printf(Locale.ROOT, "  image %d: predicted %-12s (p=%.2f)  true %-12s %s%n", i, names.get(predicted[i]),
                    probs.get(i, predicted[i]), names.get(truth), predicted[i] == truth ? "ok" : "WRONG");
        }
        return saveAndReload(model, xTest.slice(0, shown), probs);
    }

    /** Checks every option, so a bad one fails at once, not after loading the data or training for minutes. */
    void validate() {
        if (epochs < 1) {
            throw bad("--epochs must be a positive number of epochs; received: " + epochs + ". Try --epochs 5.");
        }
        if (batchSize < 1) {
            throw bad("--batch-size must be a positive number of samples; received: " + batchSize + ". Try --batch-size 128.");
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw bad("--validation-split must be in [0, 1); received: " + validationSplit + ". Try --validation-split 0.1.");
        }
        if (verbose < 0 || verbose > 2) {
            throw bad("--verbose must be 0 (silent), 1 (progress bar) or 2 (one line per epoch); received: " + verbose + ".");
        }
        if (savePath != null) {
            String name = savePath.getFileName() == null ? "" : savePath.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!name.endsWith(".keras") && !name.endsWith(".h5") && !name.endsWith(".hdf5")) {
                throw bad("--save must name a .keras file (Keras 3 format) or a .h5 file (legacy format); received: "
                        + savePath + ".");
            }
            Path parent = savePath.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw bad("--save: the folder " + parent + " does not exist; create it first or choose another path.");
            }
        }
        if (plotPath != null) {
            String name = plotPath.getFileName() == null ? "" : plotPath.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!name.endsWith(".png")) {
                throw bad("--plot must name a .png file; received: " + plotPath + ".");
            }
            Path parent = plotPath.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw bad("--plot: the folder " + parent + " does not exist; create it first or choose another path.");
            }
        }
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Saves the model, loads it back and checks that the reloaded model predicts the same. */
    private int saveAndReload(Sequential model, Tensor images, Tensor probs) {
        try {
            Path target = savePath;
            Path tempDir = null;
            if (target == null) {
                tempDir = Files.createTempDirectory("jkeras-demo");
                target = tempDir.resolve("fashion_mnist_mlp.keras");
            }
            model.save(target);
            System.out.printf(Locale.ROOT, "Saved the trained model to %s (%,d bytes).%n", target, Files.size(target));
            Model reloaded = Models.load(target);
            Tensor again = reloaded.predict(images, EvaluateOptions.defaults().verbose(0));
            float[] a = probs.toArray(), b = again.toArray();
            double worst = 0;
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
            boolean same = Arrays.equals(probs.shape(), again.shape()) && worst == 0;
            System.out.printf(Locale.ROOT, "Reloaded it with Models.load: predictions %s (max abs difference %s).%n",
                    same ? "match" : "DIFFER", worst);
            if (tempDir != null) {
                Files.deleteIfExists(target);
                Files.deleteIfExists(tempDir);
            }
            return same ? 0 : 1;
        } catch (IOException e) {
            throw new UncheckedIOException("Saving or reloading the model failed: " + e.getMessage(), e);
        }
    }

    /** [n, 28, 28] pixel values 0..255 to [n, 784] floats in [0, 1], as a Keras tutorial does. */
    private static Tensor flatten(Tensor images) {
        int n = images.dim(0);
        return images.reshape(n, -1).scale(1f / 255f);
    }
}
