package org.jkeras.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.jkeras.tensor.Tensor;

/**
 * The Fashion-MNIST dataset, loaded like Keras's {@code keras.datasets.fashion_mnist.load_data()}:
 * 60,000 training and 10,000 test grayscale images of 28x28 pixels in 10 clothing classes.
 *
 * <pre>{@code
 * FashionMnist.Dataset d = FashionMnist.loadData();
 * Tensor xTrain = d.xTrain().scale(1f / 255);   // [60000, 28, 28], raw values are 0..255 like Keras's uint8
 * Tensor yTrain = d.yTrain();                   // [60000], class ids 0..9
 * String name = FashionMnist.CLASS_NAMES.get((int) yTrain.get(0));   // "Ankle boot"
 * }</pre>
 *
 * <p>Where the files come from, first match wins (a directory matches when it holds the four
 * {@link #FILES}, directly or in a {@code fashion-mnist/} sub-directory):
 * <ol>
 *   <li>the directory named by the system property {@code jkeras.datasets}, else by the environment
 *       variable {@code JKERAS_DATASETS};</li>
 *   <li>the Keras cache, {@code ~/.keras/datasets/fashion-mnist} (or {@code $KERAS_HOME/datasets/fashion-mnist},
 *       as in Keras), so files Keras already downloaded are reused;</li>
 *   <li>{@code /usr/share/datasets/fashion-mnist} (Debian's {@code dataset-fashion-mnist} package);</li>
 *   <li>otherwise the missing files are downloaded from Keras's address, {@value #DEFAULT_URL} (override
 *       with the system property {@code jkeras.datasets.url}), into the Keras cache, each to a temporary
 *       name that is renamed once the file is complete and checked.</li>
 * </ol>
 *
 * <p>{@link #loadFromClasspath} reads the same four file names from a class-path directory; the
 * {@code jkeras} command embeds a demo subset at {@code org/jkeras/cli/fashion-mnist-subset}, holding the
 * first 10,000 training and the first 2,000 test samples of the official files, unchanged.
 *
 * <p>Licence and provenance: Fashion-MNIST is copyright Zalando SE and licensed under the MIT licence
 * (https://github.com/zalandoresearch/fashion-mnist); the data is the same whether it comes from Keras's
 * mirror, the Debian package or the embedded subset.
 */
public final class FashionMnist {
    /** Keras's download address for the four files (keras/src/datasets/fashion_mnist.py). */
    public static final String DEFAULT_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";

    /** The file names, in Keras's order: train labels, train images, test labels, test images. */
    public static final List<String> FILES = List.of(
            "train-labels-idx1-ubyte.gz",
            "train-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz");

    /** Class names by label id, as in Keras's documentation. */
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Where the {@code jkeras} command embeds its demo subset on the class path. */
    public static final String EMBEDDED_SUBSET = "org/jkeras/cli/fashion-mnist-subset";

    private static final String SUBDIR = "fashion-mnist";
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 60_000;

    /**
     * The four arrays of {@code load_data()}: images as float32 {@code [n, 28, 28]} with values 0..255,
     * labels as float32 {@code [n]} with values 0..9.
     *
     * <pre>{@code
     * var d = FashionMnist.loadData();
     * int n = d.xTrain().dim(0);   // 60000
     * }</pre>
     */
    public record Dataset(Tensor xTrain, Tensor yTrain, Tensor xTest, Tensor yTest) {
        /** Checks the shapes agree, so a mixed-up file is caught at load time, not in the middle of training. */
        public Dataset {
            Objects.requireNonNull(xTrain, "xTrain");
            Objects.requireNonNull(yTrain, "yTrain");
            Objects.requireNonNull(xTest, "xTest");
            Objects.requireNonNull(yTest, "yTest");
            if (xTrain.dim(0) != yTrain.dim(0) || xTest.dim(0) != yTest.dim(0)) {
                throw new IllegalArgumentException("Images and labels disagree in count: xTrain "
                        + Arrays.toString(xTrain.shape()) + " vs yTrain " + Arrays.toString(yTrain.shape())
                        + ", xTest " + Arrays.toString(xTest.shape()) + " vs yTest " + Arrays.toString(yTest.shape())
                        + ". Check that the four files belong to the same dataset.");
            }
        }
    }

    private FashionMnist() {
    }

    /** Loads the dataset from the first place that has it, downloading into the Keras cache if none does. */
    public static Dataset loadData() {
        return loadData(defaultCacheDir());
    }

    /**
     * The dataset if it is already on this machine (the places {@link #loadData()} searches), without ever
     * downloading; empty otherwise.
     */
    public static java.util.Optional<Dataset> findLocal() {
        for (Path d : searchDirs(defaultCacheDir())) {
            if (resolve(d) != null) {
                return java.util.Optional.of(loadFrom(d));
            }
        }
        return java.util.Optional.empty();
    }

    private static List<Path> searchDirs(Path cacheDir) {
        List<Path> dirs = new ArrayList<>();
        String configured = configuredDatasetsDir();
        if (configured != null) {
            dirs.add(Paths.get(configured));
        }
        dirs.add(cacheDir);
        dirs.add(Paths.get("/usr/share/datasets", SUBDIR));
        return dirs;
    }

    /**
     * Like {@link #loadData()} but with {@code cacheDir} in place of {@code ~/.keras/datasets/fashion-mnist}:
     * it is searched second and receives downloads.
     */
    public static Dataset loadData(Path cacheDir) {
        return load(searchDirs(cacheDir), cacheDir, downloadUrl());
    }

    /**
     * Loads the four files from {@code dir} (or from {@code dir/fashion-mnist}); never downloads.
     *
     * @throws UncheckedIOException if a file is missing or not a valid IDX file
     */
    public static Dataset loadFrom(Path dir) {
        Path found = resolve(dir);
        if (found == null) {
            throw new UncheckedIOException(new java.io.FileNotFoundException("Fashion-MNIST is not in " + dir
                    + ": expected the files " + String.join(", ", FILES) + " in " + dir + " or in "
                    + dir.resolve(SUBDIR) + "; missing: " + missing(dir) + "."));
        }
        try {
            return new Dataset(Idx.read(found.resolve(FILES.get(1))), Idx.read(found.resolve(FILES.get(0))),
                    Idx.read(found.resolve(FILES.get(3))), Idx.read(found.resolve(FILES.get(2))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads the four files from a class-path directory such as {@link #EMBEDDED_SUBSET}, using the thread's
     * context class loader (falling back to this class's loader), so it works from inside a jar.
     */
    public static Dataset loadFromClasspath(String resourceDir) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return loadFromClasspath(cl != null ? cl : FashionMnist.class.getClassLoader(), resourceDir);
    }

    /** Loads the four files from {@code resourceDir} on the given class loader. */
    public static Dataset loadFromClasspath(ClassLoader loader, String resourceDir) {
        String dir = resourceDir.replaceAll("^/+", "").replaceAll("/+$", "");
        Tensor[] t = new Tensor[4];
        for (int i = 0; i < 4; i++) {
            String name = dir.isEmpty() ? FILES.get(i) : dir + "/" + FILES.get(i);
            try (InputStream in = loader.getResourceAsStream(name)) {
                if (in == null) {
                    throw new UncheckedIOException(new java.io.FileNotFoundException("Class-path resource " + name
                            + " not found: expected the files " + String.join(", ", FILES) + " under " + dir
                            + "/ on the class path (for the embedded demo subset, use the jkeras-cli jar)."));
                }
                t[i] = Idx.read(in, "classpath:" + name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Dataset(t[1], t[0], t[3], t[2]);
    }

    // ------------------------------------------------------------------ lookup and download

    /** The Keras cache directory for this dataset: {@code $KERAS_HOME/datasets} or {@code ~/.keras/datasets}. */
    public static Path defaultCacheDir() {
        String kerasHome = System.getenv("KERAS_HOME");
        Path home = kerasHome != null && !kerasHome.isBlank()
                ? Paths.get(kerasHome)
                : Paths.get(System.getProperty("user.home"), ".keras");
        return home.resolve("datasets").resolve(SUBDIR);
    }

    static String configuredDatasetsDir() {
        String p = System.getProperty("jkeras.datasets");
        if (p == null || p.isBlank()) {
            p = System.getenv("JKERAS_DATASETS");
        }
        return p == null || p.isBlank() ? null : p;
    }

    static String downloadUrl() {
        String u = System.getProperty("jkeras.datasets.url");
        u = u == null || u.isBlank() ? DEFAULT_URL : u;
        return u.endsWith("/") ? u : u + "/";
    }

    /** The search and download behind {@link #loadData}, with every location passed in (for tests). */
    static Dataset load(List<Path> searchDirs, Path cacheDir, String baseUrl) {
        for (Path d : searchDirs) {
            if (resolve(d) != null) {
                return loadFrom(d);
            }
        }
        List<String> failures = new ArrayList<>();
        try {
            Files.createDirectories(cacheDir);
            for (String f : FILES) {
                Path target = cacheDir.resolve(f);
                if (!Files.isRegularFile(target)) {
                    download(baseUrl + f, target);
                }
            }
        } catch (IOException e) {
            failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (failures.isEmpty()) {
            return loadFrom(cacheDir);
        }
        LinkedHashSet<String> where = new LinkedHashSet<>();
        for (Path d : searchDirs) {
            where.add(d.toString() + (d.equals(cacheDir) ? "  (the download cache)" : ""));
        }
        where.add(cacheDir + "  (the download cache)");
        throw new UncheckedIOException(new IOException("Fashion-MNIST was not found locally and could not be "
                + "downloaded from " + baseUrl + " (" + String.join("; ", failures) + ").\n"
                + "Put the four files\n    " + String.join("\n    ", FILES) + "\n"
                + "into one of these directories (or a 'fashion-mnist' sub-directory of it):\n    "
                + String.join("\n    ", where) + "\n"
                + "or point -Djkeras.datasets=DIR or JKERAS_DATASETS=DIR at a directory that holds them, "
                + "or install Debian's dataset-fashion-mnist package (/usr/share/datasets/fashion-mnist). "
                + "Set -Djkeras.datasets.url=URL to download from a mirror."));
    }

    /**
     * Downloads to a temporary name in the target directory, checks that it is a complete IDX file, and only
     * then renames it into place, so an interrupted or garbled transfer never poisons the cache.
     */
    private static void download(String url, Path target) throws IOException {
        System.err.println("Downloading data from " + url);
        AtomicFiles.replace(target, tmp -> {
            URLConnection c = new URL(url).openConnection();
            c.setConnectTimeout(CONNECT_TIMEOUT_MS); // fail fast when offline instead of hanging
            c.setReadTimeout(READ_TIMEOUT_MS);
            if (c instanceof HttpURLConnection http) {
                http.setInstanceFollowRedirects(true);
                int code = http.getResponseCode();
                if (code != 200) {
                    throw new IOException("HTTP " + code + " for " + url);
                }
            }
            try (InputStream in = c.getInputStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                Idx.read(tmp);
            } catch (IOException e) {
                throw new IOException("downloaded " + url + " but it is not a valid IDX file: " + e.getMessage(), e);
            }
        });
    }

    /** The directory holding all four files: {@code dir/fashion-mnist} or {@code dir} itself; else null. */
    private static Path resolve(Path dir) {
        for (Path d : List.of(dir.resolve(SUBDIR), dir)) {
            boolean all = true;
            for (String f : FILES) {
                all &= Files.isRegularFile(d.resolve(f));
            }
            if (all) {
                return d;
            }
        }
        return null;
    }

    private static String missing(Path dir) {
        List<String> m = new ArrayList<>();
        for (String f : FILES) {
            if (!Files.isRegularFile(dir.resolve(f)) && !Files.isRegularFile(dir.resolve(SUBDIR).resolve(f))) {
                m.add(f);
            }
        }
        return m.isEmpty() ? "none, but they are split between the two directories" : String.join(", ", m);
    }
}
