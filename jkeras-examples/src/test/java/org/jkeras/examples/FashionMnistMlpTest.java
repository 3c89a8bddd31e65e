package org.jkeras.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jkeras.data.FashionMnist;
import org.junit.jupiter.api.Test;

class FashionMnistMlpTest {
    @Test
    void tutorialTrainsOnRealData() {
        FashionMnist.Dataset data = FashionMnist.loadFrom(RepositoryData.fashionMnistSubset());
        CapturedOutput<Map<String, Double>> r = CapturedOutput.of(() -> FashionMnistMlp.run(data, 2, 5000));
        assertTrue(r.value().get("accuracy") > 0.75, "test accuracy " + r.value());
        // what the tutorial shows: the summary, the epochs, History, and predictions for five test images
        assertTrue(r.out().contains("Model: \"sequential") && r.out().contains("Epoch 2/2")
                && r.out().contains("History: {accuracy=") && r.out().contains("test image 4: "), r.out());
    }
}
