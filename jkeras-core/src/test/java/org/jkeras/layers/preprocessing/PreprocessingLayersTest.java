package org.jkeras.layers.preprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.jkeras.layers.FileRoundTrip;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerTestCase;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The image preprocessing and augmentation layers: harness, hand-computed images, seeds, training-only, files. */
class PreprocessingLayersTest {

    private static Tensor range(int b, int h, int w, int c) {
        float[] d = new float[b * h * w * c];
        for (int i = 0; i < d.length; i++) d[i] = i;
        return Tensor.of(d, b, h, w, c);
    }

    private static List<Layer> augmentations() {
        return List.of(new RandomFlip().seed(1), new RandomRotation(0.2).seed(2), new RandomZoom(0.3).seed(3),
                new RandomTranslation(0.3, 0.3).seed(4), new RandomContrast(0.5, 0.5).seed(5),
                new RandomBrightness(0.3).seed(6), new RandomCrop(3, 3).seed(7));
    }

    @Test
    void everyLayerPassesTheHarness() {
        LayerTestCase.of(() -> new Rescaling(0.5, 1.0)).inputShape(2, 3, 3, 2).run();
        LayerTestCase.of(() -> new Resizing(4, 2)).inputShape(2, 3, 3, 2).notDifferentiable().run();
        LayerTestCase.of(() -> new Resizing(2, 4).dataFormat("channels_first").interpolation("nearest"))
                .inputShape(2, 3, 3, 2).notDifferentiable().run();
        LayerTestCase.of(() -> new CenterCrop(2, 2)).inputShape(2, 3, 3, 2).notDifferentiable().run();
        LayerTestCase.of(() -> new RandomCrop(2, 2)).inputShape(2, 3, 3, 2).notDifferentiable().run();
        for (int i = 0; i < augmentations().size(); i++) {
            final int k = i;
            LayerTestCase.of(() -> augmentations().get(k)).inputShape(2, 5, 5, 2).notDifferentiable().run();
        }
    }

    @Test
    void fixedLayersEqualHandComputedImages() {
        assertArrayEquals(new float[] {0, 0.5f, 1}, new Rescaling(1 / 255.0).call(Tensor.of(new float[] {0, 127.5f, 255}, 1, 1, 3, 1))
                .toArray(), 1e-6f);
        // 2x2 -> 4x4 bilinear, half-pixel centres
        Tensor up = new Resizing(4, 4).call(Tensor.of(new float[] {0, 4, 8, 12}, 1, 2, 2, 1));
        assertArrayEquals(new float[] {0, 1, 3, 4, 2, 3, 5, 6, 6, 7, 9, 10, 8, 9, 11, 12}, up.toArray(), 1e-6f);
        assertArrayEquals(new float[] {5, 6, 9, 10}, new CenterCrop(2, 2).call(range(1, 4, 4, 1)).toArray());
        // RandomCrop at inference: the centred window of the target's aspect ratio (all of 4x4), resized to 2x2:
        // half-pixel bilinear samples at 0.5 and 2.5, the means of 2x2 blocks
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, new RandomCrop(2, 2).call(range(1, 4, 4, 1)).toArray(),
                1e-6f);
    }

    @Test
    void augmentationIsSeededAndOnlyInTraining() {
        Tensor x = range(3, 5, 5, 2);
        for (Layer l : augmentations()) {
            Tensor inference = l.call(x, false);
            if (!(l instanceof RandomCrop)) {
                assertArrayEquals(x.toArray(), inference.toArray(), l + " is the identity at inference");
            }
        }
        List<Layer> a = augmentations(), b = augmentations();
        for (int i = 0; i < a.size(); i++) {
            float[] first = a.get(i).call(x, true).toArray();
            assertArrayEquals(first, b.get(i).call(x, true).toArray(), a.get(i) + ": reproducible from its seed");
        }
        Layer rot = new RandomRotation(0.2).seed(2);
        assertFalse(Arrays.equals(x.toArray(), rot.call(x, true).toArray()), "rotation changes the images in training");
    }

    @Test
    void randomTransformsMatchTheirHandComputedForm() {
        // A flip factor of one image: the training output is either the image or its mirror
        Tensor x = range(1, 2, 3, 1);
        float[] f = new RandomFlip("horizontal").seed(11).call(x, true).toArray();
        assertTrue(Arrays.equals(f, x.toArray()) || Arrays.equals(f, new float[] {2, 1, 0, 5, 4, 3}), Arrays.toString(f));
        // horizontal_and_vertical: one draw flips both ways (a half turn) or neither, as Keras 3
        for (long seed = 0; seed < 6; seed++) {
            float[] hv = new RandomFlip().seed(seed).call(x, true).toArray();
            assertTrue(Arrays.equals(hv, x.toArray()) || Arrays.equals(hv, new float[] {5, 4, 3, 2, 1, 0}), Arrays.toString(hv));
        }
        // a fixed rotation range [0.25, 0.25] turns exactly 90° counter-clockwise
        float[] r = new RandomRotation(0.25, 0.25).interpolation("nearest").fillMode("constant").seed(1)
                .call(range(1, 3, 3, 1), true).toArray();
        assertArrayEquals(new float[] {2, 5, 8, 1, 4, 7, 0, 3, 6}, r, 1e-5f);
        // a fixed translation of half the width to the right, constant fill 9
        float[] t = new RandomTranslation(new double[] {0, 0}, new double[] {0.5, 0.5}).fillMode("constant").fillValue(9)
                .interpolation("nearest").seed(1).call(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 4, 1), true).toArray();
        assertArrayEquals(new float[] {9, 9, 1, 2}, t);
        // a fixed zoom in by 2 (factor -0.5) on one row 0..4: in = 0.5·x + 1
        float[] z = new RandomZoom(-0.5, -0.5).widthFactor(-0.5, -0.5).seed(1).call(range(1, 1, 5, 1), true).toArray();
        assertArrayEquals(new float[] {1, 1.5f, 2, 2.5f, 3}, z, 1e-6f);
        // contrast: (x − 3)·c + 3 with one c in [0.5, 1.5] for the whole image (mean 3)
        float[] c = new RandomContrast(0.5, 0.5).valueRange(-100, 255).seed(1)
                .call(Tensor.of(new float[] {0, 2, 4, 6}, 1, 2, 2, 1), true).toArray();
        float k = (3 - c[0]) / 3;
        assertTrue(k >= 0.5f && k <= 1.5f, "contrast factor " + k);
        assertArrayEquals(new float[] {3 - 3 * k, 3 - k, 3 + k, 3 + 3 * k}, c, 1e-5f);
        // contrast clips to value_range
        float[] clipped = new RandomContrast(0.5, 0.5).valueRange(2.5, 3.5).seed(1)
                .call(Tensor.of(new float[] {0, 2, 4, 6}, 1, 2, 2, 1), true).toArray();
        assertEquals(2.5f, clipped[0]);
        assertEquals(3.5f, clipped[3]);
        // brightness shift fixed at 0.1 of the range [0, 100]: +10, clipped
        float[] br = new RandomBrightness(0.1, 0.1).valueRange(0, 100).seed(1)
                .call(Tensor.of(new float[] {95, 0}, 1, 1, 2, 1), true).toArray();
        assertArrayEquals(new float[] {100, 10}, br, 1e-5f);
        // a random crop is one of the windows of the image
        float[] rc = new RandomCrop(2, 2).seed(3).call(range(1, 3, 3, 1), true).toArray();
        boolean window = false;
        for (int y0 = 0; y0 < 2; y0++)
            for (int x0 = 0; x0 < 2; x0++) {
                float s = y0 * 3 + x0;
                window |= Arrays.equals(rc, new float[] {s, s + 1, s + 3, s + 4});
            }
        assertTrue(window, Arrays.toString(rc));
    }

    @Test
    void layersRoundTripThroughKerasFiles() {
        FileRoundTrip.check(new Rescaling(1 / 127.5, -1), 2, 3, 3, 1);
        FileRoundTrip.check(new Resizing(2, 4).interpolation("nearest").cropToAspectRatio(true), 2, 3, 3, 1);
        FileRoundTrip.check(new Resizing(5, 4).interpolation("bicubic"), 2, 3, 3, 1);
        FileRoundTrip.check(new CenterCrop(2, 2), 2, 3, 3, 1);
        for (Layer l : augmentations()) {
            FileRoundTrip.check(l, 2, 5, 5, 1);
        }
    }

    @Test
    void badInputGetsClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RandomRotation(1.5));
        assertTrue(e.getMessage().contains("factor=1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RandomFlip("diagonal"));
        assertTrue(e.getMessage().contains("mode=diagonal"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RandomZoom(0.1).fillMode("mirror"));
        assertTrue(e.getMessage().contains("fill_mode=mirror"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RandomRotation(0.1).interpolation("bicubic"));
        assertTrue(e.getMessage().contains("interpolation=bicubic"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Resizing(4, 4).interpolation("lanczos9"));
        assertTrue(e.getMessage().contains("interpolation=lanczos9"), e.getMessage());
        Layer flip = new RandomFlip();
        e = assertThrows(IllegalArgumentException.class, () -> flip.call(Tensor.ones(2, 3), true));
        assertTrue(e.getMessage().contains(flip.name()), e.getMessage());
        assertEquals(0, 0);
    }
}
