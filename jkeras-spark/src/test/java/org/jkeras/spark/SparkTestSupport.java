package org.jkeras.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.spark.sql.SparkSession;

/** Shared helpers of the Spark tests: one small local[2] session and the repository's fixtures. */
final class SparkTestSupport {
    private SparkTestSupport() {
    }

    /** A local[2] session without UI, few shuffle partitions; one per test class (stop it in @AfterAll). */
    static SparkSession session(String name) {
        return SparkSession.builder().master("local[2]").appName(name)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    /** A path under the repository's test-data/fixtures (found by walking up from the module directory). */
    static Path fixture(String relative) {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("test-data/fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate.resolve(relative);
            }
        }
        throw new IllegalStateException("No test-data/fixtures above " + Paths.get("").toAbsolutePath());
    }
}
