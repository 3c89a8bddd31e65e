package org.jkeras.layers.pooling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jkeras.layers.LayerTestCase;
import org.jkeras.ops.ConvOps;
import org.jkeras.ops.ConvReference;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Every pooling layer through the harness, values against direct loops, and the bad-input messages. */
class PoolingLayersTest {
    private static int[] v(int... a) {
        return a;
    }

    /** Distinct values 0.1 apart, so a max is never tied or flipped by a finite-difference step. */
    private static Tensor distinct(long seed, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.buffer();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < d.length; i++) order.add(i);
        Collections.shuffle(order, new Random(seed));
        for (int i = 0; i < d.length; i++) d[order.get(i)] = 0.1f * i - 0.05f * d.length;
        return t;
    }

    @Test
    void maxPooling() {
        LayerTestCase.of(MaxPooling1D::new).inputs(distinct(1, 2, 7, 3)).expectedOutputShape(2, 3, 3).run();
        LayerTestCase.of(() -> new MaxPooling2D(2)).inputs(distinct(2, 2, 5, 4, 2)).expectedOutputShape(2, 2, 2, 2).run();
        LayerTestCase.of(() -> new MaxPooling2D(v(3, 2)).strides(1, 2).padding("same")).inputs(distinct(3, 1, 4, 5, 2))
                .expectedOutputShape(1, 4, 3, 2).run();
        LayerTestCase.of(() -> new MaxPooling2D(2).dataFormat("channels_first")).inputs(distinct(4, 1, 2, 4, 4))
                .expectedOutputShape(1, 2, 2, 2).run();
        LayerTestCase.of(MaxPooling3D::new).inputs(distinct(5, 1, 4, 4, 2, 1)).expectedOutputShape(1, 2, 2, 1, 1).run();
    }

    @Test
    void averagePooling() {
        LayerTestCase.of(() -> new AveragePooling1D(3).strides(1).padding("same")).inputShape(2, 5, 2)
                .expectedOutputShape(2, 5, 2).run();
        LayerTestCase.of(AveragePooling2D::new).inputShape(2, 4, 5, 2).expectedOutputShape(2, 2, 2, 2).run();
        LayerTestCase.of(() -> new AveragePooling3D(2).padding("same")).inputShape(1, 3, 3, 2, 1)
                .expectedOutputShape(1, 2, 2, 1, 1).run();
        LayerTestCase.of("AveragePooling2D", Map.of("pool_size", List.of(2, 2), "strides", List.of(1, 1), "padding", "valid"))
                .inputShape(1, 3, 3, 1).expectedOutputShape(1, 2, 2, 1).run();
    }

    @Test
    void globalPooling() {
        LayerTestCase.of(GlobalAveragePooling1D::new).inputShape(2, 5, 3).expectedOutputShape(2, 3).run();
        LayerTestCase.of(() -> new GlobalAveragePooling2D().keepdims(true)).inputShape(2, 3, 4, 2)
                .expectedOutputShape(2, 1, 1, 2).run();
        LayerTestCase.of(() -> new GlobalAveragePooling3D().dataFormat("channels_first")).inputShape(1, 2, 2, 3, 2)
                .expectedOutputShape(1, 2).run();
        LayerTestCase.of(GlobalMaxPooling1D::new).inputs(distinct(6, 2, 5, 3)).expectedOutputShape(2, 3).run();
        LayerTestCase.of(() -> new GlobalMaxPooling2D().keepdims(true).dataFormat("channels_first"))
                .inputs(distinct(7, 1, 2, 3, 3)).expectedOutputShape(1, 2, 1, 1).run();
        LayerTestCase.of(GlobalMaxPooling3D::new).inputs(distinct(8, 1, 2, 2, 2, 3)).expectedOutputShape(1, 3).run();
    }

    @Test
    void valuesEqualDirectLoops() {
        Tensor x = distinct(9, 2, 5, 6, 3);
        assertTrue(new MaxPooling2D(v(3, 3)).strides(2, 2).padding("same").call(x, false)
                .allClose(ConvReference.naivePool(true, x, v(3, 3), v(2, 2), "same"), 0, 0));
        assertTrue(new AveragePooling2D(v(3, 3)).strides(2, 2).padding("same").call(x, false)
                .allClose(ConvReference.naivePool(false, x, v(3, 3), v(2, 2), "same"), 1e-6, 1e-6));
        Tensor first = ConvOps.toChannelsFirst(x);
        assertTrue(new AveragePooling2D(2).dataFormat("channels_first").call(first, false)
                .allClose(ConvOps.toChannelsFirst(ConvReference.naivePool(false, x, v(2, 2), v(2, 2), "valid")), 1e-6, 1e-6));
        // global average of a 1-D [1, 2, 3, 4] per channel; global max
        Tensor s = Tensor.of(new float[] {1, 10, 2, 20, 3, 30, 4, 40}, 1, 4, 2);
        assertArrayEquals(new float[] {2.5f, 25f}, new GlobalAveragePooling1D().call(s, false).toArray(), 1e-6f);
        assertArrayEquals(new float[] {4f, 40f}, new GlobalMaxPooling1D().call(s, false).toArray(), 0f);
    }

    @Test
    void configHasKerasKeys() {
        Map<String, Object> c = new MaxPooling2D().getConfig();
        assertEquals(List.of("name", "trainable", "dtype", "pool_size", "padding", "strides", "data_format"),
                List.copyOf(c.keySet()));
        assertEquals(List.of(2, 2), c.get("strides"));
        Map<String, Object> g = new GlobalAveragePooling2D().getConfig();
        assertEquals(false, g.get("keepdims"));
        assertEquals("channels_last", g.get("data_format"));
    }

    @Test
    void badInputNamesLayerExpectedAndGiven() {
        String m = assertThrows(IllegalArgumentException.class, () -> new MaxPooling2D(5).call(Tensor.zeros(1, 3, 4, 1), false))
                .getMessage();
        assertTrue(m.contains("MaxPooling2D") && m.contains("pool_size [5, 5]") && m.contains("[3, 4]"), m);
        m = assertThrows(IllegalArgumentException.class, () -> new AveragePooling1D().call(Tensor.zeros(2, 4), false))
                .getMessage();
        assertTrue(m.contains("\"average_pooling1d") && m.contains("ndim=3"), m);
        m = assertThrows(IllegalArgumentException.class, () -> new MaxPooling1D().padding("causal")).getMessage();
        assertTrue(m.contains("MaxPooling1D") && m.contains("padding=causal"), m);
        m = assertThrows(IllegalArgumentException.class, () -> new GlobalMaxPooling2D().dataFormat("NCHW")).getMessage();
        assertTrue(m.contains("data_format=NCHW"), m);
        m = assertThrows(IllegalArgumentException.class, () -> new MaxPooling2D(v(0, 2))).getMessage();
        assertTrue(m.contains("pool_size"), m);
    }
}
