package org.jkeras.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jkeras.data.Npy;
import org.jkeras.models.Model;
import org.jkeras.saving.Json;
import org.jkeras.saving.Models;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.EvaluateOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary, evaluate, convert and CSV data through Main, and every bad input as one line with its exit code. */
class FileCommandsTest {
    private static final String MLP = "keras3-generated/mlp/";
    @TempDir
    Path dir;

    @Test
    void summaryPrintsKerasTable() throws IOException {
        CliRun r = CliRun.of("summary", Fixtures.str(MLP + "mlp.keras"), "--line-length", "100");
        assertEquals(0, r.code(), r.all());
        String keras = Files.readString(Fixtures.path(MLP + "summary.txt"));
        assertTrue(r.out().contains("Total params: "), r.all());
        for (String line : keras.lines().filter(l -> l.contains("dense") || l.contains("Total params")).toList()) {
            assertTrue(r.out().contains(line.strip()), "Keras's line '" + line + "' in:\n" + r.out());
        }
    }

    @Test
    void convertRoundTripsPredictTheSame() throws IOException {
        Path in = Fixtures.path(MLP + "in_input.npy");
        Tensor want = Npy.read(Fixtures.path(MLP + "out.npy"));
        Path keras = dir.resolve("a.keras"), h5 = dir.resolve("b.h5"), w = dir.resolve("c.weights.h5"), json = dir.resolve("d.json");
        assertEquals(0, CliRun.of("convert", Fixtures.str(MLP + "mlp.h5"), keras.toString()).code());
        assertEquals(0, CliRun.of("convert", keras.toString(), h5.toString()).code());
        assertEquals(0, CliRun.of("convert", h5.toString(), w.toString()).code());
        assertEquals(0, CliRun.of("convert", keras.toString(), json.toString()).code());
        Path back = dir.resolve("e.keras");
        CliRun r = CliRun.of("convert", w.toString(), "--config", json.toString(), back.toString());
        assertEquals(0, r.code(), r.all());
        for (Path m : List.of(keras, h5, back)) {
            Path out = dir.resolve(m.getFileName() + ".npy");
            assertEquals(0, CliRun.of("predict", m.toString(), "--x", in.toString(), "--out", out.toString(), "--verbose", "0").code());
            PredictCommandTest.assertClose(want, Npy.read(out), 1e-6, m.toString());
        }
        assertEquals(Models.toJson(Models.load(keras)), Files.readString(json), "the JSON is model.to_json()");
    }

    @Test
    void evaluateGivesTheLibrarysNumbers() throws IOException {
        Path data = Fixtures.path("keras3-scenarios/data.npz");
        Model m = Models.load(Fixtures.path(MLP + "mlp.keras"));
        // mlp has 20 inputs and 3 classes: make a matching set from the fixture's inputs and Keras's outputs
        Tensor x = Npy.read(Fixtures.path(MLP + "in_input.npy"));
        Tensor y = Npy.read(Fixtures.path(MLP + "out.npy"));
        Path npz = dir.resolve("xy.npz");
        Npy.writeNpz(npz, Map.of("x", x, "y", y));
        Map<String, Double> lib = m.evaluate(x, y, EvaluateOptions.defaults().verbose(0));
        CliRun r = CliRun.of("evaluate", Fixtures.str(MLP + "mlp.keras"), "--x", npz + ":x", "--y", npz + ":y", "--verbose", "0");
        assertEquals(0, r.code(), r.all());
        Map<?, ?> got = (Map<?, ?>) Json.parse(r.out().strip());
        assertEquals(lib.keySet(), got.keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet()));
        for (Map.Entry<String, Double> e : lib.entrySet()) {
            assertEquals(e.getValue(), ((Number) got.get(e.getKey())).doubleValue(), 1e-7, e.getKey());
        }
        assertTrue(Files.exists(data));
    }

    @Test
    void csvColumnsFeedTheModel() throws IOException {
        Tensor x = Npy.read(Fixtures.path(MLP + "in_input.npy"));
        StringBuilder csv = new StringBuilder("id");
        for (int j = 0; j < 20; j++) {
            csv.append(",f").append(j);
        }
        csv.append('\n');
        float[] v = x.toArray();
        for (int r = 0; r < x.dim(0); r++) {
            csv.append("row").append(r);
            for (int j = 0; j < 20; j++) {
                csv.append(',').append(v[r * 20 + j]);
            }
            csv.append('\n');
        }
        Path file = dir.resolve("x.csv");
        Files.writeString(file, csv);
        Path out = dir.resolve("p.csv");
        CliRun r = CliRun.of("predict", Fixtures.str(MLP + "mlp.keras"), "--x", file + ":1-20", "--out", out.toString(), "--verbose", "0");
        assertEquals(0, r.code(), r.all());
        List<String> lines = Files.readAllLines(out);
        float[] want = Npy.read(Fixtures.path(MLP + "out.npy")).toArray();
        assertEquals(1 + x.dim(0), lines.size());
        assertTrue(lines.get(0).startsWith("dense"), lines.get(0));
        for (int row = 0; row < x.dim(0); row++) {
            String[] cells = lines.get(row + 1).split(",");
            for (int j = 0; j < 3; j++) {
                assertEquals(want[row * 3 + j], Float.parseFloat(cells[j]), 1e-5, "row " + row);
            }
        }
        CliRun bad = CliRun.of("predict", Fixtures.str(MLP + "mlp.keras"), "--x", file.toString(), "--out", out.toString());
        assertDataError(bad, "row 2, column 1 ('id'): 'row0' is not a number");
    }

    @Test
    void badInputsAreOneLineWithExitCodes() throws IOException {
        String mlp = Fixtures.str(MLP + "mlp.keras"), out = dir.resolve("o.npy").toString();
        assertDataError(CliRun.of("predict", "/no/such/model.keras", "--x", "x.npy", "--out", out),
                "MODEL /no/such/model.keras does not exist");
        assertDataError(CliRun.of("predict", mlp, "--x", Fixtures.str("keras3-generated/multi_io/in_input_2.npy"), "--out", out),
                "input 'input_layer' of the model expects shape (None, 20); --x ");
        CliRun r = CliRun.of("predict", mlp, "--x", Fixtures.str("keras3-generated/multi_io/in_input_2.npy"), "--out", out);
        assertTrue(r.err().contains("has shape (4, 5)") || r.err().matches("(?s).*has shape \\(\\d+, 5\\).*"), r.all());
        Path npz = dir.resolve("pair.npz");
        Npy.writeNpz(npz, Map.of("input_1", Npy.read(Fixtures.path("keras3-generated/multi_io/in_input_1.npy"))));
        assertDataError(CliRun.of("predict", Fixtures.str("keras3-generated/multi_io/multi_io.keras"), "--x", npz.toString(),
                "--out", dir.resolve("o.npz").toString()), "has no array named 'input_2'");
        CliRun u = CliRun.of("predict", mlp, "--x", "a.npy", "--out", out, "--nope");
        assertEquals(1, u.code(), u.all());
        assertEquals(1, u.err().lines().count(), u.all());
        assertTrue(u.err().contains("Unknown option: '--nope'"), u.all());
        CliRun ext = CliRun.of("predict", mlp, "--x", "a.npy", "--out", "pred.txt");
        assertEquals(1, ext.code(), ext.all());
    }

    @Test
    void namedInputsFromSeparateFiles() throws IOException {
        String f = "keras3-generated/multi_io/";
        Path out = dir.resolve("p.npz");
        CliRun r = CliRun.of("predict", Fixtures.str(f + "multi_io.keras"), "--x", "input_2=" + Fixtures.str(f + "in_input_2.npy"),
                "--x", "input_1=" + Fixtures.str(f + "in_input_1.npy"), "--out", out.toString(), "--verbose", "0");
        assertEquals(0, r.code(), r.all());
        Map<String, Tensor> got = Npy.readNpz(out);
        PredictCommandTest.assertClose(Npy.read(Fixtures.path(f + "out_out_a.npy")), got.get("out_a"), 1e-5, "out_a");
        PredictCommandTest.assertClose(Npy.read(Fixtures.path(f + "out_out_b.npy")), got.get("out_b"), 1e-5, "out_b");
        assertDataError(CliRun.of("predict", Fixtures.str(f + "multi_io.keras"), "--x", "input_1=" + Fixtures.str(f + "in_input_1.npy"),
                "--out", out.toString()), "no --x input_2=DATA for the model's input 'input_2'");
    }

    @Test
    void helpOfEverySubcommandListsEveryOption() {
        for (String cmd : List.of("summary", "predict", "evaluate", "fit", "convert", "serve")) {
            CliRun r = CliRun.of(cmd, "--help");
            assertEquals(0, r.code(), r.all());
            picocli.CommandLine sub = new picocli.CommandLine(new Main()).getSubcommands().get(cmd);
            for (picocli.CommandLine.Model.OptionSpec o : sub.getCommandSpec().options()) {
                assertTrue(r.out().contains(o.longestName()), cmd + " --help lists " + o.longestName() + ":\n" + r.out());
                assertTrue(o.description().length > 0 && !o.description()[0].isBlank(), cmd + " " + o.longestName() + " has a description");
            }
        }
        assertTrue(CliRun.of("fit", "--help").out().contains("default: 1"), "defaults are shown");
    }

    static void assertDataError(CliRun r, String expected) {
        assertEquals(2, r.code(), r.all());
        assertEquals(1, r.err().lines().count(), "one line: " + r.all());
        assertTrue(r.err().startsWith("jkeras: error: ") && r.err().contains(expected), "'" + expected + "' in " + r.all());
        assertTrue(!r.err().contains("\tat "), r.all());
    }
}
