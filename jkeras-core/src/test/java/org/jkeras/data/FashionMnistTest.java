package org.jkeras.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jkeras.tensor.Tensor;
import org.jkeras.testing.CapturedOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    private static final String UNREACHABLE = "http://127.0.0.1:9/"; // the discard port: nothing listens

    @TempDir
    Path tmp;

    private String savedDatasets;
    private String savedUrl;

    @BeforeEach
    void saveProperties() {
        savedDatasets = System.getProperty("jkeras.datasets");
        savedUrl = System.getProperty("jkeras.datasets.url");
    }

    @AfterEach
    void restoreProperties() {
        restore("jkeras.datasets", savedDatasets);
        restore("jkeras.datasets.url", savedUrl);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    /** Writes a tiny dataset (gzipped IDX, the real names): 3 train and 2 test images of 28x28. */
    static void writeTiny(Path dir) throws IOException {
        Files.createDirectories(dir);
        byte[] train = new byte[3 * 28 * 28];
        byte[] test = new byte[2 * 28 * 28];
        Arrays.fill(train, (byte) 200);
        Arrays.fill(test, (byte) 7);
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"),
                IdxTest.gzip(IdxTest.idx(0x08, new int[] {3, 28, 28}, train)));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"),
                IdxTest.gzip(IdxTest.idx(0x08, new int[] {3}, new byte[] {9, 0, 3})));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"),
                IdxTest.gzip(IdxTest.idx(0x08, new int[] {2, 28, 28}, test)));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"),
                IdxTest.gzip(IdxTest.idx(0x08, new int[] {2}, new byte[] {1, 2})));
    }

    static void assertTiny(FashionMnist.Dataset d) {
        assertArrayEquals(new int[] {3, 28, 28}, d.xTrain().shape());
        assertArrayEquals(new int[] {3}, d.yTrain().shape());
        assertArrayEquals(new int[] {2, 28, 28}, d.xTest().shape());
        assertArrayEquals(new float[] {9, 0, 3}, d.yTrain().toArray());
        assertArrayEquals(new float[] {1, 2}, d.yTest().toArray());
        assertEquals(200f, d.xTrain().get(2, 27, 27));
        assertEquals(7f, d.xTest().get(0, 0, 0));
    }

    @Test
    void classNamesAreKeras() {
        assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"), FashionMnist.CLASS_NAMES);
        assertEquals(List.of("train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz"), FashionMnist.FILES);
    }

    @Test
    void loadDataFindsALocalCopyThroughTheSystemProperty() {
        System.setProperty("jkeras.datasets", TestData.dataset("fashion-mnist").toString()); // the embedded subset
        System.setProperty("jkeras.datasets.url", UNREACHABLE); // a download attempt would fail the test
        Path emptyCache = tmp.resolve("cache");
        FashionMnist.Dataset d = FashionMnist.loadData(emptyCache);
        assertArrayEquals(new int[] {10000, 28, 28}, d.xTrain().shape());
        assertArrayEquals(new int[] {10000}, d.yTrain().shape());
        assertArrayEquals(new int[] {2000, 28, 28}, d.xTest().shape());
        assertArrayEquals(new int[] {2000}, d.yTest().shape());
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float v : d.xTrain().toArray()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(255f, max); // raw 0..255, like Keras's uint8
        for (float v : d.yTrain().toArray()) {
            assertTrue(v >= 0 && v <= 9 && v == Math.rint(v));
        }
        assertEquals("Ankle boot", FashionMnist.CLASS_NAMES.get((int) d.yTrain().get(0))); // the well-known first label
        assertTrue(Files.notExists(emptyCache), "nothing is downloaded or created when a copy is found");
    }

    @Test
    void propertyMayNameTheParentOfFashionMnist() throws IOException {
        writeTiny(tmp.resolve("datasets/fashion-mnist"));
        System.setProperty("jkeras.datasets", tmp.resolve("datasets").toString());
        System.setProperty("jkeras.datasets.url", UNREACHABLE);
        assertTiny(FashionMnist.loadData(tmp.resolve("cache")));
    }

    @Test
    void cacheDirectoryIsSearchedWhenNothingIsConfigured() throws IOException {
        Path cache = tmp.resolve("home/.keras/datasets/fashion-mnist");
        writeTiny(cache);
        assertTiny(FashionMnist.load(List.of(tmp.resolve("nowhere"), cache), cache, UNREACHABLE));
    }

    @Test
    void withoutNetworkTheErrorListsTheFilesAndDirectories() throws IOException {
        Path cache = tmp.resolve("home/.keras/datasets/fashion-mnist");
        Path other = tmp.resolve("elsewhere");
        CapturedOutput<UncheckedIOException> r = CapturedOutput.of(() -> assertThrows(UncheckedIOException.class,
                () -> FashionMnist.load(List.of(other, cache), cache, UNREACHABLE)));
        // Keras's message for the one download that was tried (the first file); it fails at once.
        assertEquals("Downloading data from " + UNREACHABLE + "train-labels-idx1-ubyte.gz\n", r.err());
        String m = r.value().getCause().getMessage();
        for (String f : FashionMnist.FILES) {
            assertTrue(m.contains(f), m);
        }
        assertTrue(m.contains(cache.toString()) && m.contains(other.toString()), m);
        assertTrue(m.contains(UNREACHABLE) && m.contains("jkeras.datasets"), m);
        try (Stream<Path> s = Files.list(cache)) {
            assertEquals(List.of(), s.toList(), "no partial downloads are left in the cache");
        }
    }

    @Test
    void publicLoadDataFailsCleanlyWhenOffline() {
        // The public entry point also searches JKERAS_DATASETS and /usr/share/datasets; skip where those exist.
        assumeTrue(System.getenv("JKERAS_DATASETS") == null, "JKERAS_DATASETS is set");
        assumeTrue(Files.notExists(Path.of("/usr/share/datasets/fashion-mnist")), "Debian's copy is installed");
        System.clearProperty("jkeras.datasets");
        System.setProperty("jkeras.datasets.url", UNREACHABLE);
        Path cache = tmp.resolve("cache");
        CapturedOutput<UncheckedIOException> r = CapturedOutput.of(
                () -> assertThrows(UncheckedIOException.class, () -> FashionMnist.loadData(cache)));
        assertEquals("Downloading data from " + UNREACHABLE + "train-labels-idx1-ubyte.gz\n", r.err());
        String m = r.value().getCause().getMessage();
        assertTrue(m.contains("train-images-idx3-ubyte.gz") && m.contains(cache.toString())
                && m.contains("/usr/share/datasets/fashion-mnist"), m);
    }

    @Test
    void loadFromReportsMissingFiles() throws IOException {
        writeTiny(tmp);
        Files.delete(tmp.resolve("t10k-labels-idx1-ubyte.gz"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> FashionMnist.loadFrom(tmp));
        assertTrue(e.getCause().getMessage().contains("missing: t10k-labels-idx1-ubyte.gz"),
                e.getCause().getMessage());
    }

    @Test
    void loadFromRejectsMismatchedCounts() throws IOException {
        writeTiny(tmp);
        Files.write(tmp.resolve("train-labels-idx1-ubyte.gz"),
                IdxTest.gzip(IdxTest.idx(0x08, new int[] {2}, new byte[] {1, 2})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.loadFrom(tmp));
        assertTrue(e.getMessage().contains("[3, 28, 28]") && e.getMessage().contains("[2]"), e.getMessage());
    }

    @Test
    void loadsFromTheClasspath() throws IOException {
        writeTiny(tmp.resolve("org/example/fm"));
        try (URLClassLoader cl = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, null)) {
            assertTiny(FashionMnist.loadFromClasspath(cl, "/org/example/fm/"));
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> FashionMnist.loadFromClasspath(cl, "org/example/none"));
            assertTrue(e.getCause().getMessage().contains("org/example/none/train-labels-idx1-ubyte.gz"),
                    e.getCause().getMessage());
        }
    }
}
