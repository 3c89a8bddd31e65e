package org.jkeras.callbacks;

import static org.jkeras.callbacks.CallbackFixtures.DATA;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.SGD;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TensorBoard's event files read back by {@link EventFileReader} (independent framing, CRC and protobuf decoding). */
class TensorBoardTest {
    @TempDir
    Path tmp;

    private static Path onlyEventFile(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.collect(Collectors.toList());
            assertEquals(1, files.size(), "one event file in " + dir + ": " + files);
            String name = files.get(0).getFileName().toString();
            assertTrue(name.matches("events\\.out\\.tfevents\\.\\d{10}\\..+\\.\\d+\\.\\d+\\.v2"), name);
            return files.get(0);
        }
    }

    private static List<EventFileReader.Value> tagged(EventFileReader r, String tag) {
        return r.values.stream().filter(v -> v.tag.equals(tag)).collect(Collectors.toList());
    }

    private static void assertScalars(EventFileReader r, String tag, List<Double> expected) {
        List<EventFileReader.Value> vs = tagged(r, tag);
        assertEquals(expected.size(), vs.size(), tag + " events");
        for (int i = 0; i < vs.size(); i++) {
            assertEquals(i, vs.get(i).step, tag + " step");
            assertEquals("scalars", vs.get(i).plugin, tag + " plugin");
            assertEquals(expected.get(i).floatValue(), vs.get(i).floatScalar(), 0f, tag + "[" + i + "]");
        }
    }

    @Test
    void epochScalarsHistogramsBatchScalarsAndModelConfigReadBackIndependently() throws IOException {
        Sequential m = CallbackFixtures.model(new SGD(0.1));
        Path logs = tmp.resolve("logs");
        TensorBoard tb = new TensorBoard(logs).histogramFreq(1).updateFreq(2);
        History h = CallbackFixtures.quiet(() -> m.fit(DATA.get("x"), DATA.get("y"), CallbackFixtures.fit(3, 0, tb)));

        EventFileReader train = EventFileReader.read(onlyEventFile(logs.resolve("train")));
        EventFileReader val = EventFileReader.read(onlyEventFile(logs.resolve("validation")));
        assertEquals("brain.Event:2", train.fileVersion);
        assertEquals("brain.Event:2", val.fileVersion);

        assertScalars(train, "epoch_loss", h.history().get("loss"));
        assertScalars(train, "epoch_accuracy", h.history().get("accuracy"));
        assertScalars(train, "epoch_learning_rate", List.of(0.1, 0.1, 0.1));
        assertScalars(val, "epoch_loss", h.history().get("val_loss"));
        assertScalars(val, "epoch_accuracy", h.history().get("val_accuracy"));

        // 4 batches per epoch, 12 in all, update_freq 2: batch scalars at global batches 2, 4, ..., 12
        List<Long> steps = tagged(train, "batch_loss").stream().map(v -> v.step).collect(Collectors.toList());
        assertEquals(List.of(2L, 4L, 6L, 8L, 10L, 12L), steps);
        // after each validation: evaluation_<key>_vs_iterations at the optimizer's iterations (4, 8, 12)
        List<Long> evalSteps = tagged(val, "evaluation_loss_vs_iterations").stream().map(v -> v.step)
                .collect(Collectors.toList());
        assertEquals(List.of(4L, 8L, 12L), evalSteps);
        List<EventFileReader.Value> evalLoss = tagged(val, "evaluation_loss_vs_iterations");
        assertEquals(h.history().get("val_loss").get(2).floatValue(), evalLoss.get(2).floatScalar(), 0f);

        // the model config, Keras's "keras" summary at step 0
        List<EventFileReader.Value> keras = tagged(train, "keras");
        assertEquals(1, keras.size());
        assertEquals("graph_keras_model", keras.get(0).plugin);
        assertEquals(7, keras.get(0).dtype, "DT_STRING");
        assertEquals(m.toJson(), new String(keras.get(0).stringVal.get(0), StandardCharsets.UTF_8));

        // histograms: one per weight per epoch; the last equals a direct bucketing of the final weights
        Map<String, Tensor> weights = m.weightsByPath();
        assertEquals(List.of("sequential/dense/kernel", "sequential/dense/bias", "sequential/dense_1/kernel",
                "sequential/dense_1/bias").size(), weights.size());
        for (Map.Entry<String, Tensor> w : weights.entrySet()) {
            List<EventFileReader.Value> hs = tagged(train, w.getKey() + "/histogram");
            assertEquals(3, hs.size(), w.getKey());
            EventFileReader.Value last = hs.get(2);
            assertEquals("histograms", last.plugin);
            assertEquals(List.of(30L, 3L), last.shape);
            assertArrayEquals(directBuckets(w.getValue().toArray()), last.doubles(), 1e-12, w.getKey());
        }
    }

    /** TensorBoard's bucketing by a direct loop: 30 equal-width buckets over [min, max], rows (left, right, count). */
    private static double[] directBuckets(float[] v) {
        double min = v[0], max = v[0];
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double[] out = new double[90];
        double w = (max - min) / 30;
        for (int i = 0; i < 30; i++) {
            out[3 * i] = min + i * w;
            out[3 * i + 1] = i == 29 ? max : min + (i + 1) * w;
        }
        for (float x : v) {
            int b = Math.min(29, (int) Math.floor((x - min) / w));
            out[3 * b + 2] += 1;
        }
        return out;
    }

    @Test
    void theFramingIsTensorFlowsAndCorruptionIsDetected() throws IOException {
        Sequential m = CallbackFixtures.model(new SGD(0.1));
        Path logs = tmp.resolve("logs");
        CallbackFixtures.quiet(() -> m.fit(DATA.get("x"), DATA.get("y"), CallbackFixtures.fit(1, 0, new TensorBoard(logs))));
        Path file = onlyEventFile(logs.resolve("train"));
        EventFileReader ok = EventFileReader.read(file);
        assertTrue(ok.records >= 3, "version, model config, scalars");
        // the CRC-32C check value of "123456789" is 0xE3069283 (RFC 3720); the reader's CRC is the standard one
        assertEquals(0xE3069283, EventFileReader.crc32c("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] ^= 1; // one bit of the last record's data
        Path bad = tmp.resolve("corrupt");
        Files.write(bad, bytes);
        AssertionError e = assertThrows(AssertionError.class, () -> EventFileReader.read(bad));
        assertTrue(e.getMessage().contains("bad data CRC"), e.getMessage());
    }

    @Test
    void aLogDirThatCannotBeWrittenIsAClearError() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        Sequential m = CallbackFixtures.model(new SGD(0.1));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> CallbackFixtures.quiet(() ->
                m.fit(DATA.get("x"), DATA.get("y"), CallbackFixtures.fit(1, 0, new TensorBoard(file.resolve("logs"))))));
        assertTrue(e.getMessage().contains("TensorBoard log folder") && e.getMessage().contains("not-a-folder")
                && e.getMessage().contains("log_dir you can write to"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TensorBoard(tmp).updateFreq(0));
        assertThrows(IllegalArgumentException.class, () -> new TensorBoard(tmp).histogramFreq(-1));
    }
}
