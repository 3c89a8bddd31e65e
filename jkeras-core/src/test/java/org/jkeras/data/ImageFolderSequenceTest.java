package org.jkeras.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jkeras.testing.NoLeakedWorkers;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** ImageFolderSequence on a small folder of PNGs written from Fashion-MNIST images. */
@ExtendWith(NoLeakedWorkers.class)
class ImageFolderSequenceTest {
    @TempDir
    static Path root;
    /** file name -> the Fashion-MNIST training row it was written from */
    static final Map<String, Integer> SOURCE = new HashMap<>();
    static Tensor xTrain;

    @BeforeAll
    static void writeFolder() throws IOException {
        FashionMnist.Dataset d = FashionMnist.loadFrom(TestData.dataset("fashion-mnist"));
        xTrain = d.xTrain();
        // two classes as in the seed program: 11 sandals (class 5), 9 sneakers (class 7)
        int[] wanted = {5, 7};
        int[] counts = {11, 9};
        String[] folder = {"sandal", "sneaker"};
        for (int c = 0; c < 2; c++) {
            Path dir = Files.createDirectories(root.resolve(folder[c]));
            int written = 0;
            for (int i = 0; written < counts[c]; i++) {
                if ((int) d.yTrain().get(i) != wanted[c]) {
                    continue;
                }
                BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        img.getRaster().setSample(x, y, 0, (int) xTrain.get(i, y, x));
                    }
                }
                String name = String.format("img%03d.png", written);
                ImageIO.write(img, "png", dir.resolve(name).toFile());
                SOURCE.put(folder[c] + "/" + name, i);
                written++;
            }
        }
        Files.writeString(root.resolve("sandal/notes.txt"), "not an image: ignored");
    }

    static String key(String file) {
        Path p = Path.of(file);
        return p.getParent().getFileName() + "/" + p.getFileName();
    }

    @Test
    void grayscaleFlattenedBatchesHoldTheExactPixelsAndOneHotLabels() {
        ImageFolderSequence seq = ImageFolderSequence.builder(root).batchSize(6).targetSize(28, 28).grayscale(true)
                .flatten(true).shuffle(false).build();
        assertEquals(List.of("sandal", "sneaker"), seq.classNames());
        assertEquals(20, seq.sampleCount());
        assertEquals(4, seq.size());
        List<String> files = seq.files();
        int row = 0;
        for (int b = 0; b < seq.size(); b++) {
            Batch batch = seq.get(b);
            int n = b < 3 ? 6 : 2;
            assertArrayEquals(new int[] {n, 784}, batch.inputs().shape());
            assertArrayEquals(new int[] {n, 2}, batch.targets().shape());
            for (int r = 0; r < n; r++, row++) {
                String k = key(files.get(row));
                int src = SOURCE.get(k);
                for (int p = 0; p < 784; p++) {
                    assertEquals(xTrain.get(src, p / 28, p % 28) / 255f, batch.inputs().get(r, p), k + " pixel " + p);
                }
                int cls = k.startsWith("sandal") ? 0 : 1;
                assertEquals(1f, batch.targets().get(r, cls));
                assertEquals(0f, batch.targets().get(r, 1 - cls));
            }
        }
        assertEquals(20, row);
    }

    @Test
    void rgbAndResizedShapes() {
        ImageFolderSequence rgb = ImageFolderSequence.builder(root).batchSize(4).targetSize(28, 28).shuffle(false).build();
        Tensor x = rgb.get(0).inputs();
        assertArrayEquals(new int[] {4, 28, 28, 3}, x.shape());
        for (int y = 0; y < 28; y++) {
            for (int c = 1; c < 3; c++) {
                assertEquals(x.get(1, y, 14, 0), x.get(1, y, 14, c), "gray images give three equal channels");
            }
        }
        ImageFolderSequence small = ImageFolderSequence.builder(root).batchSize(4).targetSize(14, 14).grayscale(true)
                .shuffle(false).build();
        Tensor s = small.get(0).inputs();
        assertArrayEquals(new int[] {4, 14, 14, 1}, s.shape());
        double full = 0, half = 0;
        for (float v : x.toArray()) {
            full += v;
            assertTrue(v >= 0f && v <= 1f);
        }
        for (float v : s.toArray()) {
            half += v;
            assertTrue(v >= 0f && v <= 1f);
        }
        assertEquals(full / x.size(), half / s.size(), 0.02, "downscaling keeps the mean brightness");
    }

    @Test
    void shuffledEpochsVisitEveryImageOnceAndReshuffleInOnEpochEnd() {
        ImageFolderSequence seq = ImageFolderSequence.builder(root).batchSize(6).targetSize(28, 28).grayscale(true)
                .flatten(true).shuffle(true).seed(3).build();
        List<String> first = seq.files();
        seq.onEpochEnd();
        List<String> second = seq.files();
        assertNotEquals(first, second);
        assertEquals(new java.util.TreeSet<>(first), new java.util.TreeSet<>(second));
        assertEquals(20, new java.util.HashSet<>(first).size());
    }

    @Test
    void workerProcessesAndThreadsServeTheSameBatchesAsTheCallersThread() {
        List<float[]> expected = pass(0, false);
        assertEquals(8, expected.size());
        List<float[]> threads = pass(2, false);
        List<float[]> processes = pass(2, true);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), threads.get(i), "threads, batch " + i);
            assertArrayEquals(expected.get(i), processes.get(i), "processes, batch " + i);
        }
    }

    /** Two epochs (the Sequence reshuffles in between) with the stream's batch order shuffled too. */
    private static List<float[]> pass(int workers, boolean processes) {
        ImageFolderSequence seq = ImageFolderSequence.builder(root).batchSize(6).targetSize(28, 28).grayscale(true)
                .flatten(true).shuffle(true).seed(11).build();
        List<float[]> out = new ArrayList<>();
        try (BatchStream s = BatchStreams.forSequence(seq, workers, 3, true, 5, processes)) {
            for (int e = 0; e < 2; e++) {
                s.startEpoch(e);
                for (Batch b; (b = s.next()) != null; ) {
                    float[] x = b.inputs().toArray(), y = b.targets().toArray();
                    float[] both = java.util.Arrays.copyOf(x, x.length + y.length);
                    System.arraycopy(y, 0, both, x.length, y.length);
                    out.add(both);
                }
                s.endEpoch();
            }
        }
        return out;
    }

    @Test
    void clearErrorsForBadFoldersAndBadFiles(@TempDir Path tmp) throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageFolderSequence.builder(tmp.resolve("missing")).build());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageFolderSequence.builder(tmp).build());
        assertTrue(e.getMessage().contains("no sub-folders"), e.getMessage());
        Files.createDirectories(tmp.resolve("a"));
        e = assertThrows(IllegalArgumentException.class, () -> ImageFolderSequence.builder(tmp).build());
        assertTrue(e.getMessage().contains("no images"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageFolderSequence.builder(tmp).batchSize(0));
        assertTrue(e.getMessage().contains("batchSize=0"), e.getMessage());
        Files.write(tmp.resolve("a/broken.png"), new byte[] {1, 2, 3});
        ImageFolderSequence seq = ImageFolderSequence.builder(tmp).targetSize(4, 4).build();
        try (BatchStream s = BatchStreams.forSequence(seq, 2, 10, false, 0, false)) {
            s.startEpoch(0);
            DataException d = assertThrows(DataException.class, s::next);
            assertEquals(0, d.batchIndex());
            assertTrue(d.getCause() instanceof UncheckedIOException);
            assertTrue(d.getCause().getMessage().contains("broken.png"), d.getCause().getMessage());
        }
    }
}
