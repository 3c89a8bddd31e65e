package org.jkeras.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the test data that ships with the repository: {@code test-data/} at the project root holds the real
 * Keras fixtures ({@code test-data/fixtures}, copied from the project's shared folder with their MANIFEST and
 * licences). Maven runs tests in the module directory, so the folder is found by walking up from there.
 *
 * <pre>{@code
 * Path npz = TestData.fixture("keras3-scenarios/data.npz");
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
     * A path under the project's shared {@code datasets/} folder, e.g. {@code dataset("fashion-mnist")}.
     * Still outside the repository: to be replaced by a vendored subset.
     */
    public static Path dataset(String relative) {
        Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("datasets");
            if (Files.isDirectory(candidate)) {
                return candidate.resolve(relative).normalize();
            }
        }
        throw new IllegalStateException("No shared/datasets folder found above " + start);
    }
}
