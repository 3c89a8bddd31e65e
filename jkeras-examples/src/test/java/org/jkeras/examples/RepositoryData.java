package org.jkeras.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.jkeras.data.FashionMnist;

/**
 * Locates data that ships with the repository for this module's tests: the Fashion-MNIST subset embedded in the
 * {@code jkeras} command (10,000 training and 2,000 test samples) and the repository root. Nothing outside the
 * repository is read.
 *
 * <pre>{@code
 * FashionMnist.Dataset d = FashionMnist.loadFrom(RepositoryData.fashionMnistSubset());
 * }</pre>
 */
final class RepositoryData {
    private RepositoryData() {}

    /** The repository root: the nearest directory above the working directory holding {@code test-data/fixtures}. */
    static Path root() {
        Path start = Paths.get("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("test-data/fixtures"))) {
                return p;
            }
        }
        throw new IllegalStateException("No repository root (a folder with test-data/fixtures) at or above " + start
                + "; run the tests from a complete checkout.");
    }

    /** {@code jkeras-cli/src/main/resources/org/jkeras/cli/fashion-mnist-subset}: the four Fashion-MNIST files. */
    static Path fashionMnistSubset() {
        Path dir = root().resolve("jkeras-cli/src/main/resources").resolve(FashionMnist.EMBEDDED_SUBSET);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("The Fashion-MNIST subset is missing from " + dir + "; it ships with the repository.");
        }
        return dir;
    }
}
