package org.jkeras.initializers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jkeras.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class InitializersTest {

    private static double[] meanStd(Tensor t) {
        double s = 0, s2 = 0;
        for (float v : t.toArray()) {
            s += v;
            s2 += v * v;
        }
        double m = s / t.size();
        return new double[] {m, Math.sqrt(s2 / t.size() - m * m)};
    }

    /** Expected standard deviations: uniform limit sqrt(3·scale/n) has std sqrt(scale/n); normal std sqrt(scale/n). */
    @ParameterizedTest
    @CsvSource({
        "glorot_uniform, 0.0790569", // sqrt(1 / ((200 + 120) / 2))  = sqrt(1/160)
        "glorot_normal,  0.0790569",
        "he_uniform,     0.1",       // sqrt(2 / 200)
        "he_normal,      0.1",
        "lecun_uniform,  0.0707107", // sqrt(1 / 200)
        "lecun_normal,   0.0707107",
        "random_normal,  0.05",
        "random_uniform, 0.0288675"  // 0.1 / sqrt(12)
    })
    void varianceMatchesKeras(String name, double expectedStd) {
        Tensor t = Initializers.get(name).init(new int[] {200, 120}, 3L);
        double[] ms = meanStd(t);
        assertEquals(0, ms[0], expectedStd * 0.05, name + " mean");
        assertEquals(expectedStd, ms[1], expectedStd * 0.03, name + " std");
    }

    @Test
    void seededAndBounded() {
        Initializer g = Initializers.get("glorot_uniform");
        assertArrayEquals(g.init(new int[] {10, 10}, 5L).toArray(), g.init(new int[] {10, 10}, 5L).toArray());
        double limit = Math.sqrt(6.0 / 20);
        for (float v : g.init(new int[] {10, 10}, 6L).toArray()) {
            assertTrue(Math.abs(v) <= limit);
        }
        for (float v : Initializers.get("he_normal").init(new int[] {50, 50}, 1L).toArray()) {
            assertTrue(Math.abs(v) <= 2 * Math.sqrt(2.0 / 50) / 0.87962566103423978 + 1e-6, "truncated at 2 stddev");
        }
        assertArrayEquals(new float[] {0, 0}, Initializers.get("zeros").init(new int[] {2}, 1L).toArray());
        assertArrayEquals(new float[] {1, 1}, Initializers.get("Ones").init(new int[] {2}, 1L).toArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializers.get("xavier"));
        assertTrue(e.getMessage().contains("xavier") && e.getMessage().contains("glorot_uniform"), e.getMessage());
    }
}
