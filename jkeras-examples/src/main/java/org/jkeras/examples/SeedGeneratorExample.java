package org.jkeras.examples;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.jkeras.callbacks.History;
import org.jkeras.data.Batch;
import org.jkeras.layers.KerasTensor;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.core.Input;
import org.jkeras.layers.merging.Concatenate;
import org.jkeras.models.Model;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.FitOptions;

/**
 * The seed document's first program in Java: {@code generate_arrays_from_file(path)} reads a text file line by line,
 * forever (reopening it at the end), and yields {@code ({'input_1': x1, 'input_2': x2}, {'output': y})} — here
 * {@code Batch.of(Map.of("input_1", x1, "input_2", x2), Map.of("output", y))} — to train a two-input functional
 * model with {@code fitGenerator(generator, stepsPerEpoch, epochs)}.
 *
 * <p>Each line holds 7 comma-separated numbers: {@code x1} (3 values), {@code x2} (3 values) and the label {@code y}
 * (0 or 1). As in the seed, every line is one batch of one sample ({@code linesPerBatch} groups several).
 *
 * <pre>{@code
 * ./jkeras-examples/run.sh SeedGeneratorExample --make-demo-file /tmp/my_file.txt 2000
 * ./jkeras-examples/run.sh SeedGeneratorExample /tmp/my_file.txt 2000 10      # file, steps_per_epoch, epochs
 * }</pre>
 */
public final class SeedGeneratorExample {
    private SeedGeneratorExample() {}

    /** The seed's {@code process_line}: {@code x1, x2, y} of one line, each of shape {@code [1, n]}. */
    static Tensor[] processLine(String line) {
        String[] parts = line.trim().split("\\s*,\\s*");
        if (parts.length != 7) {
            throw new IllegalArgumentException("Expected 7 comma-separated numbers (x1: 3, x2: 3, y: 1) per line; "
                    + "received " + parts.length + " in line: '" + line + "'.");
        }
        float[] v = new float[7];
        for (int i = 0; i < 7; i++) {
            v[i] = Float.parseFloat(parts[i]);
        }
        return new Tensor[] {Tensor.of(new float[] {v[0], v[1], v[2]}, 1, 3),
            Tensor.of(new float[] {v[3], v[4], v[5]}, 1, 3), Tensor.of(new float[] {v[6]}, 1, 1)};
    }

    /**
     * The seed's {@code generate_arrays_from_file(path)}: an endless generator over the file's lines, reopening the
     * file when it ends; {@code linesPerBatch} lines make one batch (1 in the seed). Blank lines are skipped.
     */
    public static Iterator<Batch> generateArraysFromFile(Path path, int linesPerBatch) {
        return new Iterator<>() {
            private BufferedReader reader;

            @Override
            public boolean hasNext() {
                return true; // while True
            }

            @Override
            public Batch next() {
                Tensor[][] rows = new Tensor[linesPerBatch][];
                for (int i = 0; i < linesPerBatch; i++) {
                    rows[i] = processLine(nextLine());
                }
                Tensor x1 = stack(rows, 0), x2 = stack(rows, 1), y = stack(rows, 2);
                return Batch.of(Map.of("input_1", x1, "input_2", x2), Map.of("output", y));
            }

            private String nextLine() {
                try {
                    for (int attempt = 0; attempt < 2; attempt++) {
                        if (reader == null) {
                            reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
                        }
                        String line;
                        while ((line = reader.readLine()) != null) {
                            if (!line.isBlank()) {
                                return line;
                            }
                        }
                        reader.close(); // f.close(), then open it again
                        reader = null;
                    }
                    throw new IllegalStateException("The file " + path + " has no data lines.");
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + path, e);
                }
            }
        };
    }

    private static Tensor stack(Tensor[][] rows, int part) {
        if (rows.length == 1) {
            return rows[0][part];
        }
        Tensor[] parts = new Tensor[rows.length];
        for (int i = 0; i < rows.length; i++) {
            parts[i] = rows[i][part];
        }
        return org.jkeras.ops.Ops.concatenate(parts, 0);
    }

    /** The two-input model: {@code input_1}, {@code input_2} > Concatenate > Dense(16, relu) > {@code output}. */
    public static Model buildModel() {
        KerasTensor a = Input.of("input_1", 3), b = Input.of("input_2", 3);
        KerasTensor h = new Dense(16, "relu").apply(new Concatenate().apply(a, b));
        KerasTensor out = new Dense(1, "sigmoid").name("output").apply(h);
        Model model = new Model(List.of(a, b), out);
        model.compile("adam", "binary_crossentropy", "accuracy");
        return model;
    }

    /** {@code model.fit_generator(generate_arrays_from_file(path), steps_per_epoch, epochs)}. */
    public static History train(Model model, Path file, int stepsPerEpoch, int epochs, int linesPerBatch, int verbose) {
        return model.fitGenerator(generateArraysFromFile(file, linesPerBatch),
                FitOptions.defaults().stepsPerEpoch(stepsPerEpoch).epochs(epochs).verbose(verbose));
    }

    /** Writes {@code lines} random lines labelled {@code y = 1} when {@code sum(x1) > sum(x2)}. */
    public static void makeDemoFile(Path file, int lines, long seed) throws IOException {
        Random r = new Random(seed);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                float[] v = new float[6];
                float s1 = 0, s2 = 0;
                for (int k = 0; k < 6; k++) {
                    v[k] = (float) r.nextGaussian();
                    if (k < 3) {
                        s1 += v[k];
                    } else {
                        s2 += v[k];
                    }
                }
                w.write(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%d%n", v[0], v[1], v[2], v[3], v[4], v[5],
                        s1 > s2 ? 1 : 0));
            }
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("--make-demo-file")) {
            int n = args.length >= 3 ? Integer.parseInt(args[2]) : 2000;
            makeDemoFile(Paths.get(args[1]), n, 1);
            System.out.println("Wrote " + n + " lines to " + args[1]);
            return;
        }
        if (args.length < 1) {
            System.err.println("usage: SeedGeneratorExample FILE [steps_per_epoch (default 10000)] [epochs (default 10)] "
                    + "| --make-demo-file FILE [lines]");
            System.exit(2);
        }
        int steps = args.length >= 2 ? Integer.parseInt(args[1]) : 10000;
        int epochs = args.length >= 3 ? Integer.parseInt(args[2]) : 10;
        Model model = buildModel();
        model.summary();
        History h = train(model, Paths.get(args[0]), steps, epochs, 1, 1);
        System.out.println("History: " + h.history());
    }
}
