package org.jkeras.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jkeras.data.FashionMnist;
import org.junit.jupiter.api.Test;

class FashionMnistMlpTest {
    @Test
    void tutorialTrainsOnRealData() {
        Map<String, Double> scores = FashionMnistMlp.run(FashionMnist.loadFrom(RepositoryData.fashionMnistSubset()), 2, 5000);
        assertTrue(scores.get("accuracy") > 0.75, "test accuracy " + scores);
    }
}
