package org.jkeras.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jkeras.data.FashionMnist;
import org.jkeras.data.Npy;
import org.jkeras.layers.core.Dense;
import org.jkeras.models.Model;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.Adam;
import org.jkeras.saving.Json;
import org.jkeras.saving.Models;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.EvaluateOptions;
import org.jkeras.training.FitOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jkeras fit} then {@code evaluate} give the library's numbers for the same seed; image folders with workers. */
class FitCommandTest {
    @TempDir
    Path dir;

    @Test
    void fitThenEvaluateOnFashionMnistNpzMatchesTheLibrary() throws IOException {
        FashionMnist.Dataset d = FashionMnist.loadFromClasspath(FashionMnist.EMBEDDED_SUBSET);
        int n = 512, m = 256;
        Tensor x = flat(d.xTrain(), n), xt = flat(d.xTest(), m);
        Tensor y = head(d.yTrain(), n), yt = head(d.yTest(), m);
        Path npz = dir.resolve("fmnist.npz");
        Npy.writeNpz(npz, Map.of("x_train", x, "y_train", y, "x_test", xt, "y_test", yt));
        Sequential fresh = new Sequential(new Dense(16, "relu").inputDim(784), new Dense(10, "softmax"));
        fresh.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
        Path start = dir.resolve("start.keras");
        fresh.save(start);

        Path trained = dir.resolve("trained.keras"), log = dir.resolve("log.csv");
        CliRun fit = CliRun.of("fit", start.toString(), "--x", npz + ":x_train", "--y", npz + ":y_train", "--epochs", "2",
                "--batch-size", "64", "--validation-split", "0.25", "--seed", "7", "--verbose", "2",
                "--csv-log", log.toString(), "--save", trained.toString());
        assertEquals(0, fit.code(), fit.all());
        assertTrue(fit.out().contains("Epoch 2/2"), "Keras's per-epoch lines: " + fit.out());
        assertEquals(3, Files.readAllLines(log).size(), "CSVLogger: header and one row per epoch");
        CliRun ev = CliRun.of("evaluate", trained.toString(), "--x", npz + ":x_test", "--y", npz + ":y_test", "--verbose", "0");
        assertEquals(0, ev.code(), ev.all());
        Map<?, ?> cli = (Map<?, ?>) Json.parse(ev.out().strip());

        Seeds.setGlobalSeed(7);
        Model lib = Models.load(start);
        lib.fit(x, y, FitOptions.defaults().epochs(2).batchSize(64).validationSplit(0.25).seed(7).verbose(0));
        Map<String, Double> want = lib.evaluate(xt, yt, EvaluateOptions.defaults().verbose(0));
        for (Map.Entry<String, Double> e : want.entrySet()) {
            assertEquals(e.getValue(), ((Number) cli.get(e.getKey())).doubleValue(), 1e-6, e.getKey() + " in " + cli);
        }
    }

    @Test
    void imageFolderFitWithTwoWorkers() throws IOException {
        FashionMnist.Dataset d = FashionMnist.loadFromClasspath(FashionMnist.EMBEDDED_SUBSET);
        float[] px = d.xTrain().toArray();
        float[] labels = d.yTrain().toArray();
        Path root = dir.resolve("images");
        for (int i = 0; i < 60; i++) {
            Path cls = root.resolve("class_" + (int) labels[i]);
            Files.createDirectories(cls);
            BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < 784; p++) {
                int v = (int) px[i * 784 + p];
                img.getRaster().setSample(p % 28, p / 28, 0, v);
            }
            ImageIO.write(img, "png", cls.resolve(i + ".png").toFile());
        }
        long classes;
        try (var s = Files.list(root)) {
            classes = s.count();
        }
        Sequential fresh = new Sequential(new Dense(8, "relu").inputDim(784), new Dense((int) classes, "softmax"));
        fresh.compile(new Adam(1e-3), "categorical_crossentropy", "accuracy");
        Path start = dir.resolve("img.keras"), trained = dir.resolve("img-trained.keras");
        fresh.save(start);
        CliRun fit = CliRun.of("fit", start.toString(), "--x", root.toString(), "--workers", "2", "--epochs", "2",
                "--batch-size", "16", "--verbose", "0", "--save", trained.toString());
        assertEquals(0, fit.code(), fit.all());
        assertTrue(Files.exists(trained));
        CliRun ev = CliRun.of("evaluate", trained.toString(), "--x", root.toString(), "--workers", "2", "--verbose", "0");
        assertEquals(0, ev.code(), ev.all());
        assertTrue(((Map<?, ?>) Json.parse(ev.out().strip())).containsKey("accuracy"), ev.all());
    }

    @Test
    void aKerasJsonConfigIsBuiltFreshAndCompiledFromTheOptions() throws IOException {
        String f = "keras3-generated/mlp/";
        Path out = dir.resolve("fresh.keras");
        String[] args = {"fit", Fixtures.str(f + "config.json"), "--x", Fixtures.str(f + "in_input.npy"), "--y",
                Fixtures.str(f + "out.npy"), "--epochs", "1", "--verbose", "0", "--save", out.toString()};
        CliRun noLoss = CliRun.of(args);
        FileCommandsTest.assertDataError(noLoss, "has no compile config");
        String[] withLoss = java.util.Arrays.copyOf(args, args.length + 4);
        System.arraycopy(new String[] {"--loss", "categorical_crossentropy", "--optimizer", "adam"}, 0, withLoss, args.length, 4);
        CliRun r = CliRun.of(withLoss);
        assertEquals(0, r.code(), r.all());
        Model m = Models.load(out);
        assertTrue(String.valueOf(m.compileOptions().getLoss()).contains("categorical_crossentropy"), "compiled with --loss");
    }

    @Test
    void badFitOptionsAreUsageErrors() {
        CliRun r = CliRun.of("fit", "m.keras", "--x", "x.npy", "--y", "y.npy", "--shuffle", "sometimes", "--save", "o.keras");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("--shuffle must be true, false or batch"), r.all());
    }

    private static Tensor flat(Tensor images, int n) {
        float[] v = images.toArray();
        float[] out = new float[n * 784];
        for (int i = 0; i < out.length; i++) {
            out[i] = v[i] / 255f;
        }
        return Tensor.of(out, n, 784);
    }

    private static Tensor head(Tensor labels, int n) {
        return Tensor.of(java.util.Arrays.copyOf(labels.toArray(), n), n);
    }
}
