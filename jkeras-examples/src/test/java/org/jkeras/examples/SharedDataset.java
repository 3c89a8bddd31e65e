package org.jkeras.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the project's shared Fashion-MNIST files for this module's tests. */
final class SharedDataset {
    private SharedDataset() {}

    /** {@code shared/datasets/fashion-mnist} beside the working directory or one of its parents. */
    static Path fashionMnist() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("datasets/fashion-mnist");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/datasets/fashion-mnist not found beside the project");
    }
}
