package org.jkeras.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the project's shared directory (datasets and Keras-generated fixtures) from a test's working
 * directory, which Maven sets to the module directory ({@code jkeras/}), so the shared folder is
 * {@code ../shared} or {@code ../../shared} depending on how the checkout is laid out.
 *
 * <pre>{@code
 * Path npz = SharedFixtures.shared().resolve("fixtures/keras3-scenarios/data.npz");
 * }</pre>
 */
public final class SharedFixtures {
    private SharedFixtures() {
    }

    /** The shared directory: the nearest {@code shared/} with a {@code datasets/} or {@code fixtures/} inside. */
    public static Path shared() {
        Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("datasets")) || Files.isDirectory(candidate.resolve("fixtures"))) {
                return candidate.normalize();
            }
        }
        throw new IllegalStateException("No shared/ directory (with datasets/ or fixtures/) found in " + start
                + " or any directory above it; the tests expect the project's shared folder at ../shared or "
                + "../../shared relative to the module directory.");
    }

    /** A path under {@code shared/fixtures}, e.g. {@code fixture("keras3-scenarios/data.npz")}. */
    public static Path fixture(String relative) {
        return shared().resolve("fixtures").resolve(relative);
    }

    /** A path under {@code shared/datasets}, e.g. {@code dataset("fashion-mnist")}. */
    public static Path dataset(String relative) {
        return shared().resolve("datasets").resolve(relative);
    }
}
