package org.jkeras.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Keras fixtures that ship with the repository ({@code test-data/fixtures}), found by walking up from the
 * working directory (Maven runs tests in the module folder), as core's {@code TestData} does.
 *
 * <pre>{@code
 * Path mlp = Fixtures.path("keras3-generated/mlp/mlp.keras");
 * }</pre>
 */
final class Fixtures {
    private Fixtures() {}

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("test-data/fixtures"))) {
                return dir.resolve("test-data/fixtures");
            }
        }
        throw new IllegalStateException("no test-data/fixtures above " + Path.of("").toAbsolutePath());
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String str(String relative) {
        return path(relative).toString();
    }
}
