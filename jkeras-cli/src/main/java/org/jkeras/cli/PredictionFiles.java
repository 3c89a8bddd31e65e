package org.jkeras.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jkeras.data.AtomicFiles;
import org.jkeras.data.Npy;
import org.jkeras.tensor.Tensor;

/**
 * Writes predictions by the output file's extension: {@code .npy} (one output), {@code .npz} (one array per output
 * name) or {@code .csv} (a header {@code NAME_0, NAME_1, ...} per output, one row per sample, every output's
 * values flattened side by side). Files are written atomically.
 *
 * <pre>{@code
 * PredictionFiles.write(Path.of("pred.csv"), List.of("dense_2"), List.of(y));
 * }</pre>
 */
final class PredictionFiles {
    private PredictionFiles() {}

    static void check(Path out) {
        String n = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!n.endsWith(".npy") && !n.endsWith(".npz") && !n.endsWith(".csv")) {
            throw new CliException("--out " + out + ": the extension chooses the format; use .npy, .npz or .csv");
        }
    }

    static void write(Path out, List<String> names, List<Tensor> outputs) throws IOException {
        check(out);
        String n = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".npy")) {
            if (outputs.size() != 1) {
                throw new CliException("--out " + out + ": the model has " + outputs.size() + " outputs " + names
                        + " and a .npy file holds one array; write a .npz or .csv");
            }
            Npy.write(out, outputs.get(0));
        } else if (n.endsWith(".npz")) {
            Map<String, Tensor> arrays = new LinkedHashMap<>();
            for (int i = 0; i < outputs.size(); i++) {
                arrays.put(names.get(i), outputs.get(i));
            }
            Npy.writeNpz(out, arrays);
        } else {
            AtomicFiles.replace(out, tmp -> writeCsv(tmp, names, outputs));
        }
    }

    private static void writeCsv(Path file, List<String> names, List<Tensor> outputs) throws IOException {
        int rows = outputs.get(0).dim(0);
        int[] widths = new int[outputs.size()];
        float[][] data = new float[outputs.size()][];
        for (int o = 0; o < data.length; o++) {
            data[o] = outputs.get(o).toArray();
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (int o = 0; o < outputs.size(); o++) {
                widths[o] = rows == 0 ? 0 : outputs.get(o).size() / rows;
                for (int j = 0; j < widths[o]; j++) {
                    line.append(line.length() == 0 ? "" : ",").append(names.get(o)).append('_').append(j);
                }
            }
            w.write(line.append('\n').toString());
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                for (int o = 0; o < outputs.size(); o++) {
                    float[] b = data[o];
                    int base = r * widths[o];
                    for (int j = 0; j < widths[o]; j++) {
                        line.append(line.length() == 0 ? "" : ",").append(b[base + j]);
                    }
                }
                w.write(line.append('\n').toString());
            }
        }
    }
}
