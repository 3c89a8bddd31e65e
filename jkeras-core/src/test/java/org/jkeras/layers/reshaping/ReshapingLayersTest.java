package org.jkeras.layers.reshaping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.layers.LayerTestCase;
import org.jkeras.saving.LayerSerialization;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The reshaping layers: the harness, values against direct loops, Keras configs, bad input. */
class ReshapingLayersTest {

    @Test
    void zeroPaddingPutsTheInputInsideZeros() {
        Tensor x = GradientCheck.randomInput(1, 2, 3, 4, 2);
        Tensor y = LayerTestCase.of(() -> new ZeroPadding2D(new int[][] {{1, 0}, {2, 1}})).inputs(x)
                .expectedOutputShape(2, 4, 7, 2).run();
        for (int n = 0; n < 2; n++) {
            for (int h = 0; h < 4; h++) {
                for (int w = 0; w < 7; w++) {
                    for (int c = 0; c < 2; c++) {
                        boolean in = h >= 1 && w >= 2 && w < 6;
                        assertEquals(in ? x.get(n, h - 1, w - 2, c) : 0f, y.get(n, h, w, c), 0f);
                    }
                }
            }
        }
        LayerTestCase.of(() -> new ZeroPadding1D(2, 1)).inputShape(2, 3, 2).expectedOutputShape(2, 6, 2).run();
        LayerTestCase.of(() -> new ZeroPadding2D(1).dataFormat("channels_first")).inputShape(1, 2, 3, 3)
                .expectedOutputShape(1, 2, 5, 5).run();
        LayerTestCase.of(() -> new ZeroPadding3D(1, 0, 2)).inputShape(1, 2, 2, 2, 1).expectedOutputShape(1, 4, 2, 6, 1).run();
    }

    @Test
    void croppingKeepsTheMiddle() {
        Tensor x = GradientCheck.randomInput(2, 2, 6, 5, 3);
        Tensor y = LayerTestCase.of(() -> new Cropping2D(new int[][] {{1, 2}, {0, 1}})).inputs(x)
                .expectedOutputShape(2, 3, 4, 3).run();
        for (int n = 0; n < 2; n++) {
            for (int h = 0; h < 3; h++) {
                for (int w = 0; w < 4; w++) {
                    assertEquals(x.get(n, h + 1, w, 2), y.get(n, h, w, 2), 0f);
                }
            }
        }
        LayerTestCase.of(Cropping1D::new).inputShape(2, 5, 3).expectedOutputShape(2, 3, 3).run();
        LayerTestCase.of(() -> new Cropping2D(1).dataFormat("channels_first")).inputShape(1, 2, 4, 4)
                .expectedOutputShape(1, 2, 2, 2).run();
        LayerTestCase.of(Cropping3D::new).inputShape(1, 3, 4, 3, 2).expectedOutputShape(1, 1, 2, 1, 2).run();
        Cropping2D tooMuch = new Cropping2D(2, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tooMuch.call(Tensor.zeros(1, 4, 4, 1)));
        assertTrue(e.getMessage().contains(tooMuch.name()) && e.getMessage().contains("cropping"), e.getMessage());
    }

    @Test
    void nearestUpSamplingRepeatsEachEntry() {
        Tensor x = GradientCheck.randomInput(3, 2, 3, 2, 2);
        Tensor y = LayerTestCase.of(() -> new UpSampling2D(2, 3)).inputs(x).expectedOutputShape(2, 6, 6, 2).run();
        for (int h = 0; h < 6; h++) {
            for (int w = 0; w < 6; w++) {
                assertEquals(x.get(1, h / 2, w / 3, 1), y.get(1, h, w, 1), 0f);
            }
        }
        LayerTestCase.of(() -> new UpSampling1D(3)).inputShape(2, 2, 3).expectedOutputShape(2, 6, 3).run();
        LayerTestCase.of(() -> new UpSampling3D(1, 2, 2)).inputShape(1, 2, 2, 2, 1).expectedOutputShape(1, 2, 4, 4, 1).run();
        LayerTestCase.of(() -> new UpSampling2D().dataFormat("channels_first")).inputShape(1, 3, 2, 2)
                .expectedOutputShape(1, 3, 4, 4).run();
    }

    @Test
    void bilinearUpSamplingMatchesKerasResize() {
        // (i + 0.5) / 2 - 0.5 per axis, clamped: [[1, 2], [3, 4]] gives these rows (hand arithmetic)
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 2, 2, 1);
        Tensor y = LayerTestCase.of(() -> new UpSampling2D(2).interpolation("bilinear")).inputs(x).run();
        assertArrayEquals(new float[] {1f, 1.25f, 1.75f, 2f, 1.5f, 1.75f, 2.25f, 2.5f, 2.5f, 2.75f, 3.25f, 3.5f,
            3f, 3.25f, 3.75f, 4f}, y.toArray(), 1e-6f);
        Tensor cf = new UpSampling2D(2).interpolation("BILINEAR").dataFormat("channels_first")
                .call(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2));
        assertArrayEquals(y.toArray(), cf.toArray(), 1e-6f);
        LayerTestCase.of(() -> new UpSampling2D(3, 2).interpolation("bilinear")).inputShape(2, 2, 3, 2).run();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UpSampling2D().interpolation("bicubic"));
        assertTrue(e.getMessage().contains("interpolation=bicubic"), e.getMessage());
    }

    @Test
    void permuteRepeatVectorFlattenReshape() {
        Tensor x = GradientCheck.randomInput(4, 2, 3, 4);
        Tensor y = LayerTestCase.of(() -> new Permute(2, 1)).inputs(x).expectedOutputShape(2, 4, 3).run();
        assertEquals(x.get(1, 2, 3), y.get(1, 3, 2), 0f);
        Tensor v = GradientCheck.randomInput(5, 2, 3);
        Tensor r = LayerTestCase.of(() -> new RepeatVector(4)).inputs(v).expectedOutputShape(2, 4, 3).run();
        assertEquals(v.get(1, 2), r.get(1, 3, 2), 0f);
        LayerTestCase.of(Flatten::new).inputShape(2, 3, 2, 2).expectedOutputShape(2, 12).run();
        assertArrayEquals(new int[] {3, 1}, new Flatten().call(Tensor.zeros(3)).shape()); // Keras: (batch,) -> (batch, 1)
        Tensor img = GradientCheck.randomInput(6, 1, 2, 2, 3);   // channels_first (1, C=2, 2, 3)
        Tensor f = LayerTestCase.of(() -> new Flatten().dataFormat("channels_first")).inputs(img).run();
        // channels moved last first: element (h, w, c) at (h * 3 + w) * 2 + c
        assertEquals(img.get(0, 1, 1, 2), f.get(0, (1 * 3 + 2) * 2 + 1), 0f);
        LayerTestCase.of(() -> new Reshape(-1, 2)).inputShape(2, 3, 4).expectedOutputShape(2, 6, 2).run();
    }

    @Test
    void kerasConfigsAreReadAndWritten() {
        ZeroPadding2D p = (ZeroPadding2D) LayerSerialization.fromJson("{\"class_name\": \"ZeroPadding2D\", \"config\": "
                + "{\"name\": \"zp\", \"padding\": [[1, 2], [3, 4]], \"data_format\": \"channels_last\"}}");
        assertArrayEquals(new int[][] {{1, 2}, {3, 4}}, p.padding());
        assertEquals(List.of(List.of(1, 2), List.of(3, 4)), p.getConfig().get("padding"));
        UpSampling2D u = (UpSampling2D) LayerSerialization.fromJson("{\"class_name\": \"UpSampling2D\", \"config\": "
                + "{\"size\": [2, 3], \"data_format\": \"channels_first\", \"interpolation\": \"bilinear\"}}");
        assertArrayEquals(new int[] {2, 3}, u.size());
        assertEquals("bilinear", u.interpolation());
        Map<String, Object> c1 = new Cropping1D(1, 2).getConfig();
        assertEquals(List.of(1, 2), c1.get("cropping"));
        assertTrue(!c1.containsKey("data_format"), "Keras's Cropping1D has no data_format");
        assertEquals(2, new UpSampling1D().getConfig().get("size"));
        assertEquals(List.of(2, 1), new Permute(2, 1).getConfig().get("dims"));
        assertEquals("zero_padding2d", Names(new ZeroPadding2D()));
    }

    private static String Names(ZeroPadding2D l) {
        return l.name().replaceAll("_\\d+$", "");
    }

    @Test
    void badInputIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ZeroPadding2D().dataFormat("channels_middle"));
        assertTrue(e.getMessage().contains("data_format=channels_middle"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ZeroPadding2D(new int[][] {{1, -1}, {0, 0}}));
        assertTrue(e.getMessage().contains("padding"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new UpSampling2D(0));
        assertTrue(e.getMessage().contains("size=[0, 0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Permute(1, 3));
        assertTrue(e.getMessage().contains("dims=[1, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RepeatVector(0));
        assertTrue(e.getMessage().contains("n=0"), e.getMessage());
        UpSampling2D up = new UpSampling2D();
        e = assertThrows(IllegalArgumentException.class, () -> up.call(Tensor.zeros(2, 3, 3)));
        assertTrue(e.getMessage().contains(up.name()) && e.getMessage().contains("expected ndim=4, found ndim=3"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LayerSerialization.fromJson("{\"class_name\": "
                + "\"Cropping2D\", \"config\": {\"cropping\": [1, 2, 3]}}"));
        assertTrue(e.getMessage().contains("cropping"), e.getMessage());
    }
}
