package org.jkeras.layers.preprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jkeras.layers.LayerTestCase;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CategoryEncodingTest {
    private static final Tensor IDS = Tensor.of(new float[] {0, 1, 1, 3, 2, 2, 0, 3}, 2, 4);

    @Test
    void countAndMultiHotByHand() {
        Tensor count = LayerTestCase.of(() -> new CategoryEncoding(4).outputMode("count")).inputs(IDS)
                .notDifferentiable().run();
        assertArrayEquals(new float[] {1, 2, 0, 1, 1, 0, 2, 1}, count.toArray());
        Tensor multi = LayerTestCase.of("CategoryEncoding", Map.of("num_tokens", 5)).inputs(IDS).notDifferentiable().run();
        assertArrayEquals(new int[] {2, 5}, multi.shape());
        assertArrayEquals(new float[] {1, 1, 0, 1, 0, 1, 0, 1, 1, 0}, multi.toArray());
        Tensor one = new CategoryEncoding(4).outputMode("multi_hot").call(Tensor.of(new float[] {0, 3}, 2));
        assertArrayEquals(new float[] {1, 0, 0, 1}, one.toArray());   // a rank-1 input is one sample
    }

    @Test
    void oneHotReplacesATrailingOneOrAppendsAnAxis() {
        Tensor col = Tensor.of(new float[] {0, 3}, 2, 1);
        Tensor a = LayerTestCase.of(() -> new CategoryEncoding(4).outputMode("one_hot")).inputs(col).notDifferentiable()
                .run();
        assertArrayEquals(new int[] {2, 4}, a.shape());
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0, 0, 1}, a.toArray());
        Tensor b = new CategoryEncoding(4).outputMode("one_hot").call(Tensor.of(new float[] {0, 1, 3, 2}, 2, 2));
        assertArrayEquals(new int[] {2, 2, 4}, b.shape());
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0}, b.toArray());
    }

    @Test
    void badInputIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CategoryEncoding(4).outputMode("tf_idf"));
        assertTrue(e.getMessage().contains("output_mode=tf_idf"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CategoryEncoding(0));
        assertTrue(e.getMessage().contains("num_tokens"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new CategoryEncoding(4).call(Tensor.of(new float[] {0, 7}, 1, 2)));
        assertTrue(e.getMessage().contains("7.0") && e.getMessage().contains("num_tokens=4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CategoryEncoding(4).call(Tensor.zeros(1, 2, 2)));
        assertTrue(e.getMessage().contains("ndim<=2"), e.getMessage());
    }
}
