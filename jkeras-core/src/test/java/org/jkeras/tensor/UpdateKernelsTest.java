package org.jkeras.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vector and scalar update paths agree bit for bit, and subnormal values are flushed. */
class UpdateKernelsTest {
    private static final int N = 1003; // not a multiple of the vector length: exercises the scalar tail

    private static float[] random(long seed, float scale) {
        Random r = new Random(seed);
        float[] a = new float[N];
        for (int i = 0; i < N; i++) {
            // a mix of ordinary, tiny (subnormal-producing) and zero values
            a[i] = i % 7 == 0 ? 0f : i % 5 == 0 ? (float) (r.nextGaussian() * 1e-20) : (float) (r.nextGaussian() * scale);
        }
        return a;
    }

    @Test
    void adamVectorEqualsScalar() {
        float[] w1 = random(1, 1), m1 = random(2, 0.01f), v1 = random(3, 0.01f), g = random(4, 0.1f);
        for (int i = 0; i < N; i++) {
            v1[i] = Math.abs(v1[i]);
        }
        float[] w2 = w1.clone(), m2 = m1.clone(), v2 = v1.clone();
        float c1 = (float) (1 - 0.9), c2 = (float) (1 - 0.999);
        for (int step = 0; step < 3; step++) {
            UpdateKernels.adam(w1, 0, m1, 0, v1, 0, g, 0, 0, N, 0.9f, c1, 0.999f, c2, 1e-3f, 1e-7f);
            UpdateKernels.adamScalar(w2, 0, m2, 0, v2, 0, g, 0, 0, N, 0.9f, c1, 0.999f, c2, 1e-3f, 1e-7f,
                    UpdateKernels.adamMinGradient(c1, c2));
        }
        assertArrayEquals(w2, w1);
        assertArrayEquals(m2, m1);
        assertArrayEquals(v2, v1);
        for (int i = 0; i < N; i++) {
            assertTrue(m1[i] == 0f || Math.abs(m1[i]) >= Float.MIN_NORMAL, "m[" + i + "] is not subnormal");
            assertTrue(v1[i] == 0f || v1[i] >= Float.MIN_NORMAL, "v[" + i + "] is not subnormal");
        }
    }

    @Test
    void sgdAndRmspropVectorEqualsScalar() {
        float[] g = random(5, 0.1f);
        float[] w1 = random(6, 1), w2 = w1.clone();
        UpdateKernels.sgd(w1, 0, g, 0, 0, N, -0.01f);
        UpdateKernels.sgdScalar(w2, 0, g, 0, 0, N, -0.01f, UpdateKernels.minGradient(-0.01f));
        assertArrayEquals(w2, w1);

        float[] m1 = random(7, 0.01f), m2 = m1.clone();
        for (boolean nesterov : new boolean[] {false, true}) {
            UpdateKernels.sgdMomentum(w1, 0, m1, 0, g, 0, 0, N, -0.01f, 0.9f, nesterov);
            UpdateKernels.sgdMomentumScalar(w2, 0, m2, 0, g, 0, 0, N, -0.01f, 0.9f, nesterov, UpdateKernels.minGradient(-0.01f));
            assertArrayEquals(w2, w1);
            assertArrayEquals(m2, m1);
        }

        float[] v1 = new float[N], v2 = new float[N];
        float c = (float) (1 - 0.9);
        UpdateKernels.rmsprop(w1, 0, v1, 0, g, 0, 0, N, 0.9f, c, 1e-3f, 1e-7f);
        UpdateKernels.rmspropScalar(w2, 0, v2, 0, g, 0, 0, N, 0.9f, c, 1e-3f, 1e-7f,
                UpdateKernels.rmspropMinGradient(1e-3f, c));
        assertArrayEquals(w2, w1);
        assertArrayEquals(v2, v1);
    }

    @Test
    void rangesTouchOnlyTheirElements() {
        float[] w = new float[64], g = new float[64];
        java.util.Arrays.fill(g, 1f);
        UpdateKernels.sgd(w, 0, g, 0, 10, 40, -0.5f);
        for (int i = 0; i < 64; i++) {
            assertEquals(i >= 10 && i < 40 ? -0.5f : 0f, w[i], "element " + i);
        }
    }
}
