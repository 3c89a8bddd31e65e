package org.jkeras.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Every image transform against a tiny image worked out by hand. */
class ImageOpsTest {

    /** A single-channel channels-last batch of one image from its rows. */
    private static Tensor img(float[][] rows) {
        int h = rows.length, w = rows[0].length;
        float[] d = new float[h * w];
        for (int y = 0; y < h; y++) System.arraycopy(rows[y], 0, d, y * w, w);
        return Tensor.of(d, 1, h, w, 1);
    }

    private static Tensor range(int h, int w) {
        float[] d = new float[h * w];
        for (int i = 0; i < d.length; i++) d[i] = i;
        return Tensor.of(d, 1, h, w, 1);
    }

    @Test
    void rescaleIsAffine() {
        assertArrayEquals(new float[] {-1f, 0f, 1f},
                ImageOps.rescale(Tensor.vector(0f, 127.5f, 255f), 1f / 127.5f, -1f).toArray(), 1e-6f);
    }

    @Test
    void bilinearResizeUsesHalfPixelCentres() {
        // in = (o + 0.5)·0.5 − 0.5 → -0.25, 0.25, 0.75, 1.25 (clamped to the edges)
        Tensor y = ImageOps.resize(img(new float[][] {{0, 4}, {8, 12}}), 4, 4, "bilinear", false, false, 0f, true);
        assertArrayEquals(new float[] {0, 1, 3, 4, 2, 3, 5, 6, 6, 7, 9, 10, 8, 9, 11, 12}, y.toArray(), 1e-6f);
        assertArrayEquals(new int[] {1, 4, 4, 1}, y.shape());
    }

    @Test
    void nearestResizeTakesFloorOfHalfPixelCentres() {
        Tensor y = ImageOps.resize(range(4, 4), 2, 2, "nearest", false, false, 0f, true);
        assertArrayEquals(new float[] {5, 7, 13, 15}, y.toArray());
    }

    /** Keys's cubic kernel, a = -0.5. */
    private static double keys(double t) {
        double a = -0.5, x = Math.abs(t);
        return x <= 1 ? ((a + 2) * x - (a + 3)) * x * x + 1 : x < 2 ? ((a * x - 5 * a) * x + 8 * a) * x - 4 * a : 0;
    }

    @Test
    void bicubicResizeUsesKeysKernelRenormalizedAtTheBorders() {
        float[] row = {0, 1, 4, 9};
        Tensor y = ImageOps.resize(Tensor.of(row, 1, 1, 4, 1), 1, 8, "bicubic", false, false, 0f, true);
        for (int o = 0; o < 8; o++) {
            double in = (o + 0.5) * 0.5 - 0.5, sum = 0, v = 0;
            int loc = (int) Math.floor(in);
            for (int i = loc - 1; i <= loc + 2; i++) {
                if (i < 0 || i > 3) continue;   // outside taps weigh 0; the rest are renormalized
                double wgt = keys(in - i);
                sum += wgt;
                v += wgt * row[i];
            }
            assertEquals(v / sum, y.get(0, 0, o, 0), 1e-5, "output " + o);
        }
    }

    @Test
    void cropAndPadToAspectRatio() {
        // 2x4 to 2x2: the centred 2x2 window starting at column 1
        Tensor c = ImageOps.resize(range(2, 4), 2, 2, "bilinear", true, false, 0f, true);
        assertArrayEquals(new float[] {1, 2, 5, 6}, c.toArray(), 1e-6f);
        // 1x3 to 3x3: one row of fill above and below
        Tensor p = ImageOps.resize(img(new float[][] {{1, 2, 3}}), 3, 3, "bilinear", false, true, 9f, true);
        assertArrayEquals(new float[] {9, 9, 9, 1, 2, 3, 9, 9, 9}, p.toArray(), 1e-6f);
    }

    @Test
    void centerCropTakesTheMiddleOrSmartResizes() {
        assertArrayEquals(new float[] {5, 6, 9, 10}, ImageOps.centerCrop(range(4, 4), 2, 2, true).toArray());
        Tensor up = ImageOps.centerCrop(img(new float[][] {{0, 4}, {8, 12}}), 4, 4, true);
        assertArrayEquals(new float[] {0, 1, 3, 4, 2, 3, 5, 6, 6, 7, 9, 10, 8, 9, 11, 12}, up.toArray(), 1e-6f);
    }

    @Test
    void flipsMirrorEachImage() {
        Tensor x = range(2, 3);
        assertArrayEquals(new float[] {2, 1, 0, 5, 4, 3},
                ImageOps.flip(x, new boolean[] {true}, null, true).toArray());
        assertArrayEquals(new float[] {3, 4, 5, 0, 1, 2},
                ImageOps.flip(x, null, new boolean[] {true}, true).toArray());
        // channels_first [1, 2, 1, 2]: each channel mirrored on its own
        Tensor cf = Tensor.of(new float[] {1, 2, 3, 4}, 1, 2, 1, 2);
        assertArrayEquals(new float[] {2, 1, 4, 3}, ImageOps.flip(cf, new boolean[] {true}, null, false).toArray());
    }

    @Test
    void rotationByNinetyDegreesTurnsCounterClockwise() {
        Tensor y = ImageOps.affine(range(3, 3), ImageOps.rotation(90, 3, 3), "nearest", "constant", 0f, true);
        assertArrayEquals(new float[] {2, 5, 8, 1, 4, 7, 0, 3, 6}, y.toArray());
        Tensor z = ImageOps.affine(range(3, 3), ImageOps.rotation(90, 3, 3), "bilinear", "constant", 0f, true);
        assertArrayEquals(new float[] {2, 5, 8, 1, 4, 7, 0, 3, 6}, z.toArray(), 1e-5f);
    }

    @Test
    void translationFillModes() {
        Tensor row = img(new float[][] {{1, 2, 3, 4}});
        float[] t = ImageOps.translation(2, 0);   // out(x) = in(x − 2)
        assertArrayEquals(new float[] {9, 9, 1, 2}, ImageOps.affine(row, t, "nearest", "constant", 9f, true).toArray());
        assertArrayEquals(new float[] {1, 1, 1, 2}, ImageOps.affine(row, t, "nearest", "nearest", 0f, true).toArray());
        assertArrayEquals(new float[] {2, 1, 1, 2}, ImageOps.affine(row, t, "nearest", "reflect", 0f, true).toArray());
        assertArrayEquals(new float[] {3, 4, 1, 2}, ImageOps.affine(row, t, "nearest", "wrap", 0f, true).toArray());
        // half a pixel: bilinear between neighbours, the fill value outside
        assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f, 3.5f},
                ImageOps.affine(row, ImageOps.translation(0.5, 0), "bilinear", "constant", 0f, true).toArray(), 1e-6f);
    }

    @Test
    void zoomInSamplesTheCentre() {
        // width zoom 0.5 on 0..4: in = 0.5·x + 1
        Tensor y = ImageOps.affine(range(1, 5), ImageOps.zoom(0.5, 1.0, 1, 5), "bilinear", "constant", 0f, true);
        assertArrayEquals(new float[] {1, 1.5f, 2, 2.5f, 3}, y.toArray(), 1e-6f);
    }

    @Test
    void contrastAndBrightnessClipToTheValueRange() {
        Tensor x = img(new float[][] {{0, 2}, {4, 6}});   // mean 3
        assertArrayEquals(new float[] {0, 1, 5, 9}, ImageOps.contrast(x, new float[] {2f}, 0f, 255f, true).toArray());
        assertArrayEquals(new float[] {255, 10},
                ImageOps.brightness(Tensor.of(new float[] {250, 0}, 1, 1, 2, 1), new float[] {10f}, 0f, 255f).toArray());
    }

    @Test
    void unbatchedImagesKeepTheirRank() {
        Tensor x = Tensor.of(new float[] {0, 1, 2, 3}, 2, 2, 1);
        assertArrayEquals(new int[] {4, 4, 1}, ImageOps.resize(x, 4, 4, "nearest", false, false, 0f, true).shape());
    }

    @Test
    void badArgumentsNameTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageOps.resize(range(2, 2), 4, 4, "cubic", false, false, 0f, true));
        assertTrue(e.getMessage().contains("interpolation=cubic"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ImageOps.affine(range(2, 2), ImageOps.translation(1, 0), "nearest", "mirror", 0f, true));
        assertTrue(e.getMessage().contains("fill_mode=mirror"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageOps.flip(Tensor.ones(2, 3), null, null, true));
        assertTrue(e.getMessage().contains("rank 3") && e.getMessage().contains("[2, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ImageOps.resize(range(2, 2), 4, 4, "nearest", true, true, 0f, true));
        assertTrue(e.getMessage().contains("pad_to_aspect_ratio"), e.getMessage());
    }
}
