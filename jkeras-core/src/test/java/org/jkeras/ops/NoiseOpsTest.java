package org.jkeras.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The seeded noise ops: structure of the noise, reproducibility, statistics and gradients. */
class NoiseOpsTest {

    @Test
    void spatialDropoutDropsWholeChannelsPerSample() {
        Tensor x = Tensor.ones(4, 3, 5, 6);   // [N, H, W, C]
        Tensor y = NoiseOps.spatialDropout(x, 0.5f, true, new SplittableRandom(7));
        float[] d = y.toArray();
        int dropped = 0;
        for (int n = 0; n < 4; n++)
            for (int c = 0; c < 6; c++) {
                float first = d[(n * 15) * 6 + c];
                assertTrue(first == 0f || first == 2f, "kept channels are scaled by 1/(1-rate): " + first);
                for (int s = 0; s < 15; s++) assertEquals(first, d[(n * 15 + s) * 6 + c], "channel " + c + " of sample " + n);
                if (first == 0f) dropped++;
            }
        assertTrue(dropped > 0 && dropped < 24, "some but not all channels dropped: " + dropped);
        Tensor z = NoiseOps.spatialDropout(Tensor.ones(2, 3, 4), 0.5f, false, new SplittableRandom(7));   // [N, C, W]
        float[] e = z.toArray();
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < 3; c++)
                for (int w = 1; w < 4; w++) assertEquals(e[(n * 3 + c) * 4], e[(n * 3 + c) * 4 + w]);
    }

    @Test
    void seededDrawsAreReproducible() {
        Tensor x = GradientCheck.randomInput(1, 8, 8);
        assertArrayEquals(NoiseOps.gaussianNoise(x, 0.3f, new SplittableRandom(5)).toArray(),
                NoiseOps.gaussianNoise(x, 0.3f, new SplittableRandom(5)).toArray());
        assertArrayEquals(NoiseOps.alphaDropout(x, 0.3f, null, new SplittableRandom(5)).toArray(),
                NoiseOps.alphaDropout(x, 0.3f, null, new SplittableRandom(5)).toArray());
    }

    @Test
    void gaussianNoiseAndDropoutHaveTheirMoments() {
        int n = 40000;
        Tensor zeros = Tensor.zeros(n), ones = Tensor.ones(n);
        float[] noise = NoiseOps.gaussianNoise(zeros, 0.5f, new SplittableRandom(3)).toArray();
        float[] drop = NoiseOps.gaussianDropout(ones, 0.2f, new SplittableRandom(4)).toArray();
        assertEquals(0.0, mean(noise), 0.02);
        assertEquals(0.25, variance(noise), 0.01);
        assertEquals(1.0, mean(drop), 0.02);
        assertEquals(0.2 / 0.8, variance(drop), 0.01);   // Keras: stddev = sqrt(rate / (1 - rate))
        assertArrayEquals(ones.toArray(), NoiseOps.gaussianDropout(ones, 1f, new SplittableRandom(4)).toArray());
    }

    @Test
    void alphaDropoutUsesKerasAffineConstants() {
        float rate = 0.25f;
        Tensor x = Tensor.full(0.7f, 1000);
        float[] y = NoiseOps.alphaDropout(x, rate, null, new SplittableRandom(9)).toArray();
        double alphaP = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946;
        double a = Math.pow((1 - rate) * (1 + rate * alphaP * alphaP), -0.5), b = -a * alphaP * rate;
        int kept = 0;
        for (float v : y) {
            boolean k = Math.abs(v - (a * 0.7 + b)) < 1e-5, dr = Math.abs(v - (a * alphaP + b)) < 1e-5;
            assertTrue(k || dr, "value " + v + " is neither a*x+b nor a*alpha'+b");
            if (k) kept++;
        }
        assertEquals(750, kept, 60);
    }

    @Test
    void gradientsFlowThroughTheMasks() {
        Tensor x = GradientCheck.randomInput(2, 2, 3, 4);
        GradientCheck.Result r = GradientCheck.check(
                in -> NoiseOps.spatialDropout(in[0], 0.5f, true, new SplittableRandom(11)), new Tensor[] {x}, 1e-2);
        assertTrue(r.passed(2e-2, 2e-3), r.toString());
        r = GradientCheck.check(in -> NoiseOps.alphaDropout(in[0], 0.3f, null, new SplittableRandom(12)),
                new Tensor[] {x}, 1e-2);
        assertTrue(r.passed(2e-2, 2e-3), r.toString());
        r = GradientCheck.check(in -> NoiseOps.gaussianDropout(in[0], 0.3f, new SplittableRandom(13)),
                new Tensor[] {x}, 1e-2);
        assertTrue(r.passed(2e-2, 2e-3), r.toString());
    }

    @Test
    void spatialDropoutNeedsRankThree() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NoiseOps.spatialDropout(Tensor.ones(2, 3), 0.5f, true, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("rank >= 3") && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float f : v) s += f;
        return s / v.length;
    }

    private static double variance(float[] v) {
        double m = mean(v), s = 0;
        for (float f : v) s += (f - m) * (f - m);
        return s / v.length;
    }
}
