package org.jkeras.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Normalization ops against hand arithmetic, direct loops and finite differences. */
class NormalizationOpsTest {

    private static Tensor r(long seed, int... shape) {
        return GradientCheck.randomInput(seed, shape);
    }

    @Test
    void batchNormTrainingUsesBiasedBatchStatisticsWorkedByHand() {
        // column 0: 1,2,3,4 -> mean 2.5, biased var 1.25; column 1: 0,0,4,4 -> mean 2, var 4
        Tensor x = Tensor.of(new float[][] {{1, 0}, {2, 0}, {3, 4}, {4, 4}});
        Tensor gamma = Tensor.vector(2f, 0.5f), beta = Tensor.vector(1f, -1f);
        float[] mean = new float[2], var = new float[2];
        Tensor y = NormalizationOps.batchNormTraining(x, gamma, beta, -1, 1e-3f, mean, var);
        assertArrayEquals(new float[] {2.5f, 2f}, mean, 1e-7f);
        assertArrayEquals(new float[] {1.25f, 4f}, var, 1e-7f);
        double s0 = Math.sqrt(1.25 + 1e-3), s1 = Math.sqrt(4 + 1e-3);
        float[] expect = {
            (float) ((1 - 2.5) / s0 * 2 + 1), (float) ((0 - 2) / s1 * 0.5 - 1),
            (float) ((2 - 2.5) / s0 * 2 + 1), (float) ((0 - 2) / s1 * 0.5 - 1),
            (float) ((3 - 2.5) / s0 * 2 + 1), (float) ((4 - 2) / s1 * 0.5 - 1),
            (float) ((4 - 2.5) / s0 * 2 + 1), (float) ((4 - 2) / s1 * 0.5 - 1)};
        assertArrayEquals(expect, y.toArray(), 1e-6f);
    }

    @Test
    void batchNormInferenceChannelsFirstEqualsDirectLoop() {
        Tensor x = r(1, 2, 3, 2, 2);
        Tensor mean = Tensor.vector(0.1f, -0.2f, 0.3f), var = Tensor.vector(0.5f, 2f, 1.5f);
        Tensor gamma = Tensor.vector(1.5f, 0.5f, -1f), beta = Tensor.vector(0f, 1f, 2f);
        Tensor y = NormalizationOps.batchNormInference(x, mean, var, gamma, beta, 1, 1e-3f);
        float[] e = new float[x.size()];
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < 3; c++)
                for (int s = 0; s < 4; s++) {
                    int i = (n * 3 + c) * 4 + s;
                    e[i] = (float) ((x.toArray()[i] - mean.get(c)) / Math.sqrt(var.get(c) + 1e-3) * gamma.get(c) + beta.get(c));
                }
        assertArrayEquals(e, y.toArray(), 1e-5f);
    }

    @Test
    void batchNormTrainingChannelsFirstStatisticsEqualDirectLoop() {
        Tensor x = r(2, 3, 2, 5);
        float[] mean = new float[2], var = new float[2];
        NormalizationOps.batchNormTraining(x, null, null, 1, 1e-3f, mean, var);
        float[] d = x.toArray();
        for (int c = 0; c < 2; c++) {
            double s = 0, q = 0;
            for (int n = 0; n < 3; n++) for (int i = 0; i < 5; i++) s += d[(n * 2 + c) * 5 + i];
            double m = s / 15;
            for (int n = 0; n < 3; n++) for (int i = 0; i < 5; i++) q += Math.pow(d[(n * 2 + c) * 5 + i] - m, 2);
            assertEquals(m, mean[c], 1e-6);
            assertEquals(q / 15, var[c], 1e-6);
        }
    }

    @Test
    void layerNormOverLastAxisEqualsDirectLoop() {
        Tensor x = r(3, 4, 6);
        Tensor gamma = r(4, 6), beta = r(5, 6);
        Tensor y = NormalizationOps.layerNorm(x, gamma, beta, new int[] {-1}, 1e-3f, false);
        float[] d = x.toArray(), e = new float[24];
        for (int row = 0; row < 4; row++) {
            double m = 0, v = 0;
            for (int j = 0; j < 6; j++) m += d[row * 6 + j] / 6.0;
            for (int j = 0; j < 6; j++) v += Math.pow(d[row * 6 + j] - m, 2) / 6.0;
            for (int j = 0; j < 6; j++) {
                e[row * 6 + j] = (float) ((d[row * 6 + j] - m) / Math.sqrt(v + 1e-3) * gamma.get(j) + beta.get(j));
            }
        }
        assertArrayEquals(e, y.toArray(), 1e-5f);
    }

    @Test
    void layerNormRmsScalingKeepsTheMeanInTheOutput() {
        Tensor x = Tensor.of(new float[][] {{1, 2, 3}});
        Tensor y = NormalizationOps.layerNorm(x, Tensor.vector(1f, 1f, 2f), null, new int[] {-1}, 0f, true);
        double inv = 1 / Math.sqrt(2.0 / 3.0);   // var of 1,2,3 about its mean 2
        assertArrayEquals(new float[] {(float) inv, (float) (2 * inv), (float) (6 * inv)}, y.toArray(), 1e-6f);
    }

    @Test
    void groupNormChannelsLastEqualsDirectLoop() {
        int n = 2, h = 3, c = 4, g = 2;
        Tensor x = r(6, n, h, c);
        Tensor gamma = r(7, c), beta = r(8, c);
        Tensor y = NormalizationOps.groupNorm(x, gamma, beta, g, -1, 1e-3f);
        float[] d = x.toArray(), e = new float[d.length];
        for (int b = 0; b < n; b++)
            for (int gr = 0; gr < g; gr++) {
                double m = 0, v = 0;
                for (int s = 0; s < h; s++) for (int k = 0; k < 2; k++) m += d[(b * h + s) * c + gr * 2 + k] / 6.0;
                for (int s = 0; s < h; s++)
                    for (int k = 0; k < 2; k++) v += Math.pow(d[(b * h + s) * c + gr * 2 + k] - m, 2) / 6.0;
                for (int s = 0; s < h; s++)
                    for (int k = 0; k < 2; k++) {
                        int i = (b * h + s) * c + gr * 2 + k, ch = gr * 2 + k;
                        e[i] = (float) ((d[i] - m) / Math.sqrt(v + 1e-3) * gamma.get(ch) + beta.get(ch));
                    }
            }
        assertArrayEquals(e, y.toArray(), 1e-5f);
    }

    @Test
    void l2NormalizeEqualsDirectLoopAndClampsZeroVectors() {
        Tensor x = Tensor.of(new float[][] {{3, 4}, {0, 0}});
        Tensor y = NormalizationOps.l2Normalize(x, -1, 1e-12f);
        assertArrayEquals(new float[] {0.6f, 0.8f, 0f, 0f}, y.toArray(), 1e-7f);
    }

    static Stream<Arguments> gradients() {
        List<Arguments> a = new ArrayList<>();
        a.add(Arguments.of("batch norm training, channels_last",
                (Function<Tensor[], Tensor>) x -> NormalizationOps.batchNormTraining(x[0], x[1], x[2], -1, 1e-3f,
                        new float[3], new float[3]), new Tensor[] {r(10, 5, 3), r(11, 3), r(12, 3)}));
        a.add(Arguments.of("batch norm training, axis 1 of 4",
                (Function<Tensor[], Tensor>) x -> NormalizationOps.batchNormTraining(x[0], x[1], x[2], 1, 1e-3f,
                        new float[2], new float[2]), new Tensor[] {r(13, 3, 2, 2, 2), r(14, 2), r(15, 2)}));
        a.add(Arguments.of("batch norm training, no gamma/beta",
                (Function<Tensor[], Tensor>) x -> NormalizationOps.batchNormTraining(x[0], null, null, -1, 1e-3f,
                        new float[2], new float[2]), new Tensor[] {r(16, 2, 3, 2)}));
        Tensor mm = Tensor.vector(0.2f, -0.1f, 0.4f), mv = Tensor.vector(1.5f, 0.7f, 2f);
        a.add(Arguments.of("batch norm inference",
                (Function<Tensor[], Tensor>) x -> NormalizationOps.batchNormInference(x[0], mm, mv, x[1], x[2], -1,
                        1e-3f), new Tensor[] {r(17, 4, 3), r(18, 3), r(19, 3)}));
        a.add(Arguments.of("batch norm inference, gradients to the statistics",
                (Function<Tensor[], Tensor>) x -> NormalizationOps.batchNormInference(x[0], x[1], x[2], x[3], null, 1,
                        1e-3f), new Tensor[] {r(34, 2, 3, 2), r(35, 3), Tensor.randomUniform(36, 0.5f, 2f, 3), r(37, 3)}));
        a.add(Arguments.of("layer norm last axis",
                (Function<Tensor[], Tensor>) x -> NormalizationOps.layerNorm(x[0], x[1], x[2], new int[] {-1}, 1e-3f,
                        false), new Tensor[] {r(20, 3, 5), r(21, 5), r(22, 5)}));
        a.add(Arguments.of("layer norm axes [1, 3]",
                (Function<Tensor[], Tensor>) x -> NormalizationOps.layerNorm(x[0], x[1], null, new int[] {1, 3}, 1e-3f,
                        false), new Tensor[] {r(23, 2, 3, 2, 2), r(24, 3, 2)}));
        a.add(Arguments.of("layer norm rms_scaling",
                (Function<Tensor[], Tensor>) x -> NormalizationOps.layerNorm(x[0], x[1], null, new int[] {-1}, 1e-3f,
                        true), new Tensor[] {r(25, 3, 4), r(26, 4)}));
        a.add(Arguments.of("group norm channels_last",
                (Function<Tensor[], Tensor>) x -> NormalizationOps.groupNorm(x[0], x[1], x[2], 2, -1, 1e-3f),
                new Tensor[] {r(27, 2, 3, 4), r(28, 4), r(29, 4)}));
        a.add(Arguments.of("group norm channels_first",
                (Function<Tensor[], Tensor>) x -> NormalizationOps.groupNorm(x[0], x[1], x[2], 3, 1, 1e-3f),
                new Tensor[] {r(30, 2, 6, 2), r(31, 6), r(32, 6)}));
        a.add(Arguments.of("l2 normalize axis 1",
                (Function<Tensor[], Tensor>) x -> NormalizationOps.l2Normalize(x[0], 1, 1e-12f),
                new Tensor[] {r(33, 2, 3, 2)}));
        return a.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gradients")
    void backwardMatchesFiniteDifferences(String name, Function<Tensor[], Tensor> f, Tensor[] inputs) {
        GradientCheck.Result result = GradientCheck.check(f, inputs, 1e-2);
        assertTrue(result.passed(2e-2, 2e-3), name + ": " + result);
    }

    @Test
    void badInputGetsClearMessages() {
        Tensor x = r(40, 2, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NormalizationOps.batchNormInference(x, Tensor.zeros(4), Tensor.ones(4), null, null, 2, 1e-3f));
        assertTrue(e.getMessage().contains("axis=2") && e.getMessage().contains("rank 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NormalizationOps.groupNorm(r(41, 2, 6), null, null, 4, -1, 1e-3f));
        assertTrue(e.getMessage().contains("(4) must divide") && e.getMessage().contains("(6)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NormalizationOps.batchNormInference(x, Tensor.zeros(3), Tensor.ones(4), null, null, -1, 1e-3f));
        assertTrue(e.getMessage().contains("moving_mean") && e.getMessage().contains("[4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NormalizationOps.layerNorm(r(42, 2, 2, 2, 2, 2), null, null, new int[] {0, 2, 4}, 1e-3f, false));
        assertTrue(e.getMessage().contains("two separate runs") || e.getMessage().contains("more than two"),
                e.getMessage());
    }
}
