package org.jkeras.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.jkeras.data.FashionMnist;
import org.junit.jupiter.api.Test;

class FashionMnistMlpTest {
    private static Path sharedDataset() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("datasets/fashion-mnist");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/datasets/fashion-mnist not found beside the project");
    }

    @Test
    void tutorialTrainsOnRealData() {
        Map<String, Double> scores = FashionMnistMlp.run(FashionMnist.loadFrom(sharedDataset()), 2, 5000);
        assertTrue(scores.get("accuracy") > 0.75, "test accuracy " + scores);
    }
}
