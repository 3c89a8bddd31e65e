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

/**
 * The ops behind the reshaping and activation layers (ShapeOps, ImageOps, ActivationOps): backward rules against
 * finite differences in every mode, and values against direct loops or hand arithmetic.
 */
class LayerOpsTest {
    private static Tensor r(long seed, int... shape) {
        return GradientCheck.randomInput(seed, shape);
    }

    private static Arguments c(String name, Function<Tensor[], Tensor> f, Tensor... in) {
        return Arguments.of(name, f, in);
    }

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        a.add(c("pad 2d", x -> ShapeOps.pad(x[0], new int[][] {{0, 0}, {1, 2}, {0, 3}, {0, 0}}), r(1, 2, 3, 2, 2)));
        a.add(c("pad every axis", x -> ShapeOps.pad(x[0], new int[][] {{1, 0}, {2, 1}}), r(2, 3, 2)));
        a.add(c("crop", x -> ShapeOps.crop(x[0], new int[][] {{0, 0}, {1, 0}, {1, 2}}), r(3, 2, 4, 5)));
        a.add(c("crop 3d channels_first", x -> ShapeOps.crop(x[0], new int[][] {{0, 0}, {0, 0}, {1, 1}, {0, 1}, {1, 0}}),
                r(4, 1, 2, 3, 3, 3)));
        a.add(c("permute", x -> ShapeOps.permute(x[0], 0, 2, 3, 1), r(5, 2, 3, 4, 2)));
        a.add(c("permute last axes", x -> ShapeOps.permute(x[0], 0, 2, 1), r(6, 2, 3, 4)));
        a.add(c("repeat axis 1", x -> ShapeOps.repeat(x[0], 1, 3), r(7, 2, 3, 2)));
        a.add(c("repeat last axis", x -> ShapeOps.repeat(x[0], -1, 2), r(8, 2, 3)));
        a.add(c("bilinear x2 NHWC", x -> ImageOps.resizeBilinear(x[0], 1, 6, 4), r(9, 2, 3, 2, 2)));
        a.add(c("bilinear x(2,3) NCHW", x -> ImageOps.resizeBilinear(x[0], 2, 4, 6), r(10, 1, 2, 2, 2)));
        a.add(c("bilinear downscale", x -> ImageOps.resizeBilinear(x[0], 1, 2, 3), r(11, 1, 5, 4, 1)));
        a.add(c("relu threshold slope max", x -> ActivationOps.relu(x[0], 0.2, 1.5, 0.5), r(12, 4, 5)));
        a.add(c("relu threshold", x -> ActivationOps.relu(x[0], 0.0, null, 0.7), r(13, 4, 5)));
        a.add(c("relu slope and max", x -> ActivationOps.relu(x[0], 0.3, 2.0, 0.0), r(14, 4, 5)));
        a.add(c("prelu shared axes", x -> ActivationOps.prelu(x[0], x[1]), r(15, 2, 3, 3, 2), r(16, 1, 1, 2)));
        a.add(c("prelu full alpha", x -> ActivationOps.prelu(x[0], x[1]), r(17, 2, 3, 2), r(18, 3, 2)));
        a.add(c("softmax two axes", x -> ActivationOps.softmax(x[0], new int[] {1, 2}, null), r(19, 2, 3, 2, 2)));
        a.add(c("softmax masked", x -> ActivationOps.softmax(x[0], new int[] {-1}, mask()), r(20, 2, 4)));
        return a.stream();
    }

    private static Tensor mask() {
        return Tensor.of(new float[] {1, 1, 0, 1, 0, 1, 1, 1}, 2, 4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backwardMatchesFiniteDifferences(String name, Function<Tensor[], Tensor> f, Tensor[] inputs) {
        GradientCheck.Result res = GradientCheck.check(f, inputs, 1e-3);
        assertTrue(res.passed(2e-2, 2e-3), name + ": " + res);
    }

    @Test
    void padAndCropValuesAgainstDirectLoops() {
        Tensor x = r(30, 2, 3, 4);
        Tensor p = ShapeOps.pad(x, new int[][] {{0, 1}, {2, 0}, {1, 1}});
        assertArrayEquals(new int[] {3, 5, 6}, p.shape());
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 5; b++) {
                for (int c = 0; c < 6; c++) {
                    boolean inside = a < 2 && b >= 2 && c >= 1 && c <= 4;
                    float expected = inside ? x.get(a, b - 2, c - 1) : 0f;
                    assertEquals(expected, p.get(a, b, c), 0f);
                }
            }
        }
        Tensor back = ShapeOps.crop(p, new int[][] {{0, 1}, {2, 0}, {1, 1}});
        assertArrayEquals(x.toArray(), back.toArray());
        assertThrows(IllegalArgumentException.class, () -> ShapeOps.crop(x, new int[][] {{0, 0}, {2, 1}, {0, 0}}));
    }

    @Test
    void permuteAndRepeatValues() {
        Tensor x = r(31, 2, 3, 4);
        Tensor t = ShapeOps.permute(x, 2, 0, 1);
        assertArrayEquals(new int[] {4, 2, 3}, t.shape());
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 3; b++) {
                for (int c = 0; c < 4; c++) {
                    assertEquals(x.get(a, b, c), t.get(c, a, b), 0f);
                }
            }
        }
        Tensor u = ShapeOps.repeat(x, 1, 2);
        for (int b = 0; b < 6; b++) {
            assertEquals(x.get(1, b / 2, 3), u.get(1, b, 3), 0f);
        }
        assertThrows(IllegalArgumentException.class, () -> ShapeOps.permute(x, 0, 0, 1));
    }

    @Test
    void bilinearIsTensorFlowsHalfPixelResize() {
        // [[1, 2], [3, 4]] to 4x4: source coordinate (i + 0.5) / 2 - 0.5 per axis, clamped at the edges, worked by hand
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 2, 2, 1);
        float[] y = ImageOps.resizeBilinear(x, 1, 4, 4).toArray();
        assertArrayEquals(new float[] {
            1f, 1.25f, 1.75f, 2f,
            1.5f, 1.75f, 2.25f, 2.5f,
            2.5f, 2.75f, 3.25f, 3.5f,
            3f, 3.25f, 3.75f, 4f}, y, 1e-6f);
    }

    @Test
    void reluMatchesKerasFormula() {
        float[] xs = {-2f, -0.5f, 0f, 0.3f, 0.5f, 0.8f, 1.2f, 3f};
        Tensor y = ActivationOps.relu(Tensor.of(xs, xs.length), 0.1, 1.0, 0.5);
        for (int i = 0; i < xs.length; i++) {
            float v = xs[i];
            // Keras: where(x > t, x, 0) clipped to [0, max], minus slope * relu(t - x)
            double expected = Math.min(Math.max(v > 0.5 ? v : 0, 0), 1.0) - 0.1 * Math.max(0.5 - v, 0);
            assertEquals(expected, y.get(i), 1e-6, "x=" + v);
        }
    }

    @Test
    void maskedSoftmaxGivesMaskedPositionsNothing() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 0, 0, 5, 1}, 2, 4);
        float[] y = ActivationOps.softmax(x, new int[] {-1}, mask()).toArray();
        double z0 = Math.exp(1) + Math.exp(2) + Math.exp(4);
        assertEquals(Math.exp(2) / z0, y[1], 1e-6);
        assertEquals(0f, y[2], 0f);
        assertEquals(0f, y[4], 0f);
        double z1 = Math.exp(0) + Math.exp(5) + Math.exp(1);
        assertEquals(Math.exp(5) / z1, y[6], 1e-6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ActivationOps.softmax(x, new int[] {-1}, Tensor.ones(2, 3)));
        assertTrue(e.getMessage().contains("broadcastable"), e.getMessage());
    }

    @Test
    void jointSoftmaxSumsToOneOverBothAxes() {
        Tensor y = ActivationOps.softmax(r(32, 2, 3, 4), new int[] {1, 2}, null);
        for (int b = 0; b < 2; b++) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    s += y.get(b, i, j);
                }
            }
            assertEquals(1.0, s, 1e-5);
        }
    }
}
