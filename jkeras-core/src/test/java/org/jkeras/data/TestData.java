package org.jkeras.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the test data that ships with the repository: {@code test-data/} at the project root holds the real
 * Keras fixtures ({@code test-data/fixtures}, copied from the project's shared folder with their MANIFEST and
 * licences). Maven runs tests in the module directory, so the folder is found by walking up from there. The one
 * dataset tests use is the Fashion-MNIST subset embedded in the {@code jkeras} command ({@link #dataset}); nothing
 * a test reads lies outside the repository.
 *
 * <pre>{@code
 * Path npz = TestData.fixture("keras3-scenarios/data.npz");
 * FashionMnist.Dataset d = FashionMnist.loadFrom(TestData.dataset("fashion-mnist"));   // 10,000 + 2,000 samples
 * }</pre>
 */
public final class TestData {
    private TestData() {
    }

    /** The repository's {@code test-data/} folder: the nearest one above the working directory. */
    public static Path root() {
        Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("test-data");
            if (Files.isDirectory(candidate.resolve("fixtures"))) {
                return candidate.normalize();
            }
        }
        throw new IllegalStateException("No test-data/ folder (with fixtures/ inside) found in " + start
                + " or any directory above it; it ships at the root of the jkeras repository. "
                + "Run the tests from a complete checkout.");
    }

    /** A path under {@code test-data/fixtures}, e.g. {@code fixture("keras3-scenarios/data.npz")}. */
    public static Path fixture(String relative) {
        return root().resolve("fixtures").resolve(relative);
    }

    /**
     * A path inside a dataset that ships with the repository; today one: {@code "fashion-mnist"}, the Fashion-MNIST
     * subset the {@code jkeras} command embeds (the first 10,000 training and 2,000 test samples of the official
     * files, unchanged; see {@link #fashionMnistSubset()}). E.g. {@code dataset("fashion-mnist/t10k-labels-idx1-ubyte.gz")}.
     * Tests never need the full dataset, so they never look outside the repository.
     */
    public static Path dataset(String relative) {
        String name = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : relative;
        if (!name.equals("fashion-mnist")) {
            throw new IllegalArgumentException("No dataset '" + name + "' ships with the repository (asked for '"
                    + relative + "'); available: fashion-mnist (the embedded subset). Put a small vendored subset "
                    + "under test-data/ and describe it in test-data/README.md.");
        }
        Path dir = fashionMnistSubset();
        return name.equals(relative) ? dir : dir.resolve(relative.substring(name.length() + 1)).normalize();
    }

    /**
     * The folder holding the Fashion-MNIST subset embedded in the {@code jkeras} command's jar
     * ({@code jkeras-cli/src/main/resources/org/jkeras/cli/fashion-mnist-subset}): the four files of
     * {@code FashionMnist.FILES} with 10,000 training and 2,000 test samples. One copy in the repository serves
     * the demo and the tests.
     */
    public static Path fashionMnistSubset() {
        Path dir = root().getParent().resolve("jkeras-cli/src/main/resources").resolve(FashionMnist.EMBEDDED_SUBSET);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("The Fashion-MNIST subset is missing from " + dir
                    + "; it ships with the repository. Run the tests from a complete checkout.");
        }
        return dir;
    }
}
