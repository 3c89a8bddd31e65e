package org.jkeras.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.layers.core.InputLayer;
import org.jkeras.models.Model;
import org.jkeras.models.Sequential;
import org.jkeras.saving.Models;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.EvaluateOptions;

/**
 * Test helper: a layer inside {@code Sequential(InputLayer, layer)} saved to {@code .keras} and {@code .h5} and
 * loaded back predicts the same values, with the same class name and config (until the shared harness does this).
 *
 * <pre>{@code
 * FileRoundTrip.check(new BatchNormalization(), 4, 3);
 * }</pre>
 */
public final class FileRoundTrip {
    private FileRoundTrip() {}

    /** {@code shape} is the input shape with the batch size first. */
    public static void check(Layer layer, int... shape) {
        int[] noBatch = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        Sequential m = new Sequential(new InputLayer(noBatch), layer);
        Tensor x = GradientCheck.randomInput(5, shape);
        // make any statistics non-trivial: a few training steps' worth of calls
        m.callAll(List.of(x), true);
        Tensor expected = m.predict(x, EvaluateOptions.defaults().verbose(0));
        try {
            Path dir = Files.createTempDirectory("jkeras-layer-roundtrip");
            try {
                for (String name : new String[] {"m.keras", "m.h5"}) {
                    Path p = dir.resolve(name);
                    m.save(p);
                    Model back = Models.load(p);
                    Layer l = back.layers().get(back.layers().size() - 1);
                    assertEquals(layer.className(), l.className(), name + ": class");
                    assertEquals(m.toJson(), back.toJson(), name + ": the config, as JSON");
                    assertArrayEquals(expected.toArray(), back.predict(x, EvaluateOptions.defaults().verbose(0)).toArray(),
                            1e-6f, name + ": predictions of " + layer);
                    Files.delete(p);
                }
            } finally {
                try (java.util.stream.Stream<Path> left = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) left::iterator) Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
