package org.jkeras.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Large arrays take the parallel path; results must equal the element-by-element definition. */
class UnaryKernelsTest {
    @Test
    void reluVectorAndScalarPathsAgreeIncludingNanAndSignedZero() {
        int n = 70; // vector body plus a scalar tail
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % 5 - 2) * 0.5f;
        }
        x[3] = Float.NaN;
        x[4] = -0f;
        x[n - 1] = Float.NaN;
        float[] y = UnaryKernels.forward(UnaryOp.RELU, Tensor.of(x, n), 0f).toArray();
        float[] g = new float[n];
        java.util.Arrays.fill(g, 2f);
        float[] gx = new float[n];
        UnaryKernels.backward(UnaryOp.RELU, 0f, null, 0, y, 0, g, 0, gx, 0, n);
        for (int i = 0; i < n; i++) {
            float expected = Float.isNaN(x[i]) ? Float.NaN : x[i] < 0 ? 0f : x[i];
            assertEquals(expected, y[i], 0f, "relu(" + x[i] + ")");
            assertEquals(y[i] > 0 ? 2f : 0f, gx[i], 0f, "relu'(" + x[i] + ")");
        }
    }

    @Test
    void parallelPathsMatchTheDefinition() {
        int n = 5 * UnaryKernels.PARALLEL_GRAIN + 17;
        Tensor x = Tensor.randomNormal(1, 0, 2, n);
        float[] tanh = UnaryKernels.forward(UnaryOp.TANH, x, 0f).toArray();
        float[] g = Tensor.randomNormal(2, 0, 1, n).toArray();
        float[] gx = new float[n];
        UnaryKernels.backward(UnaryOp.TANH, 0f, null, 0, tanh, 0, g, 0, gx, 0, n);
        for (int i = 0; i < n; i += 997) {
            float v = x.buffer()[i];
            assertEquals((float) Math.tanh(v), tanh[i], 0f, "tanh at " + i);
            assertEquals(g[i] * (1f - tanh[i] * tanh[i]), gx[i], 0f, "tanh' at " + i);
        }
        Tensor y = Tensor.randomNormal(3, 0, 1, n);
        float[] sum = x.add(y).toArray();
        float[] expected = new float[n];
        for (int i = 0; i < n; i++) {
            expected[i] = x.buffer()[i] + y.buffer()[i];
        }
        assertArrayEquals(expected, sum, 0f);
    }
}
