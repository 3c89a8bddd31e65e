package org.jkeras.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jkeras.data.Npy;
import org.jkeras.saving.Models;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jkeras predict} through Main on every loadable Keras fixture reproduces Keras's own outputs. */
class PredictCommandTest {
    @TempDir
    Path dir;

    @Test
    void keras3GeneratedFixturesReproduceKerasOutputs() throws IOException {
        List<String> checked = new ArrayList<>();
        for (String name : List.of("mlp", "cnn", "lstm", "embedding", "seed_example", "multi_io")) {
            Path folder = Fixtures.path("keras3-generated/" + name);
            double tol = name.equals("lstm") ? 1e-4 : 1e-5;
            for (String file : List.of(name + ".keras", name + ".h5")) {
                if (predictAndCompare(folder, folder.resolve(file), tol, new String[0])) {
                    checked.add(file);
                }
            }
            if (predictAndCompare(folder, folder.resolve(name + ".weights.h5"), tol,
                    new String[] {"--config", folder.resolve("config.json").toString()})) {
                checked.add(name + ".weights.h5+config");
            }
        }
        assertEquals(18, checked.size(), "every keras3-generated fixture, in all three forms, predicts as Keras; checked: "
                + checked);
    }

    @Test
    void keras3LayerFixturesReproduceKerasOutputs() throws IOException {
        Path folder = Fixtures.path("keras3-layers");
        int checked = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String n = f.getFileName().toString();
                if (n.endsWith(".keras") || n.endsWith(".h5")) {
                    String c = n.substring(0, n.lastIndexOf('.'));
                    if (predictOne(f, folder.resolve("in_" + c + ".npy"), folder.resolve("out_" + c + ".npy"), 1e-5)) {
                        checked++;
                    }
                }
            }
        }
        assertEquals(50, checked, "every keras3-layers file (.keras and .h5) predicts as Keras");
    }

    @Test
    void keras2CnnWithFloat64InputReproducesKeras() throws IOException {
        Path f = Fixtures.path("keras2/with_reference");
        assertTrue(predictOne(f.resolve("dl4j_cnn_batch_norm.h5"), f.resolve("dl4j_cnn_batch_norm_input.npy"),
                f.resolve("dl4j_cnn_batch_norm_predictions.npy"), 1e-4));
    }

    /** Predicts one fixture folder's inputs; false (nothing asserted) when the library itself cannot load it. */
    private boolean predictAndCompare(Path folder, Path model, double tol, String[] extra) throws IOException {
        if (!loadable(model, extra)) {
            return false;
        }
        List<Path> ins = new ArrayList<>(), outs = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.sorted().forEach(p -> {
                String n = p.getFileName().toString();
                if (n.startsWith("in_") && n.endsWith(".npy")) {
                    ins.add(p);
                } else if (n.startsWith("out") && n.endsWith(".npy")) {
                    outs.add(p);
                }
            });
        }
        String x;
        if (ins.size() == 1) {
            x = ins.get(0).toString();
        } else {
            Map<String, Tensor> arrays = new LinkedHashMap<>();
            for (Path p : ins) {
                String n = p.getFileName().toString();
                arrays.put(n.substring(3, n.length() - 4), Npy.read(p));
            }
            Path npz = dir.resolve(folder.getFileName() + "_in.npz");
            Npy.writeNpz(npz, arrays);
            x = npz.toString();
        }
        Path out = dir.resolve(model.getFileName() + (outs.size() == 1 ? ".npy" : ".npz"));
        List<String> args = new ArrayList<>(List.of("predict", model.toString(), "--x", x, "--out", out.toString(),
                "--verbose", "0"));
        args.addAll(List.of(extra));
        CliRun r = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.all());
        if (outs.size() == 1) {
            assertClose(Npy.read(outs.get(0)), Npy.read(out), tol, model.toString());
        } else {
            Map<String, Tensor> got = Npy.readNpz(out);
            for (Path p : outs) {
                String n = p.getFileName().toString();
                String output = n.substring(4, n.length() - 4);
                assertTrue(got.containsKey(output), "output " + output + " in " + got.keySet());
                assertClose(Npy.read(p), got.get(output), tol, model + " " + output);
            }
        }
        return true;
    }

    private boolean predictOne(Path model, Path in, Path expected, double tol) throws IOException {
        if (!loadable(model, new String[0])) {
            return false;
        }
        Path out = dir.resolve(model.getFileName() + ".npy");
        CliRun r = CliRun.of("predict", model.toString(), "--x", in.toString(), "--out", out.toString(), "--verbose", "0");
        assertEquals(0, r.code(), r.all());
        assertClose(Npy.read(expected), Npy.read(out), tol, model.toString());
        return true;
    }

    private static boolean loadable(Path model, String[] extra) {
        try {
            if (extra.length == 2) {
                Models.loadWeights(Models.fromJson(Files.readString(Path.of(extra[1]))), model);
            } else {
                Models.load(model, false);
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static void assertClose(Tensor want, Tensor got, double tol, String what) {
        assertEquals(java.util.Arrays.toString(want.shape()), java.util.Arrays.toString(got.shape()), what);
        float[] a = want.toArray(), b = got.toArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], tol, what + " element " + i);
        }
    }
}
