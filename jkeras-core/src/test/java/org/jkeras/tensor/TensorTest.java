package org.jkeras.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {
    private static Tensor range(int... shape) {
        float[] d = new float[Shapes.size(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        return Tensor.of(d, shape);
    }

    @Test
    void creationAndElementAccess() {
        Tensor t = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertEquals(6f, t.get(1, 2));
        t.set(9f, 0, 1);
        assertEquals(9f, t.get(0, 1));
        assertEquals(0, Tensor.scalar(3f).rank());
        assertEquals(3f, Tensor.scalar(3f).item());
        assertArrayEquals(new float[] {7, 7}, Tensor.full(7f, 2).toArray());
        assertArrayEquals(Tensor.randomNormal(4, 0, 1, 3, 3).toArray(), Tensor.randomNormal(4, 0, 1, 3, 3).toArray());
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3));
        assertTrue(e.getMessage().contains("5") && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void reshapeAndSliceAreViews() {
        Tensor t = range(4, 3);
        Tensor r = t.reshape(2, -1);
        assertArrayEquals(new int[] {2, 6}, r.shape());
        assertSame(t.buffer(), r.buffer());
        Tensor rows = t.slice(1, 3);
        assertArrayEquals(new int[] {2, 3}, rows.shape());
        assertSame(t.buffer(), rows.buffer());
        assertEquals(3f, rows.get(0, 0));
        rows.set(-1f, 0, 0);
        assertEquals(-1f, t.get(1, 0), "writes through a view reach the original");
        assertArrayEquals(new float[] {9, 10, 11, 0, 1, 2}, t.gatherRows(new int[] {3, 0}).toArray());
        assertThrows(IllegalArgumentException.class, () -> t.reshape(5, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> t.slice(2, 5));
    }

    @Test
    void broadcastingArithmetic() {
        Tensor a = range(2, 3);
        assertArrayEquals(new float[] {10, 21, 32, 13, 24, 35}, a.add(Tensor.vector(10, 20, 30)).toArray());
        assertArrayEquals(new float[] {0, 1, 2, 30, 40, 50}, a.mul(Tensor.of(new float[] {1, 10}, 2, 1)).toArray());
        assertArrayEquals(new float[] {-1, 0, 1, 2, 3, 4}, a.sub(Tensor.scalar(1)).toArray());
        assertArrayEquals(new int[] {2, 2, 3}, range(2, 1, 3).add(range(2, 1)).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(range(2)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2]"), e.getMessage());
    }

    @Test
    void reductions() {
        Tensor t = range(2, 3, 4);
        assertEquals(276.0, t.sumAll(), 1e-9);
        assertArrayEquals(new float[] {66, 210}, t.sum(new int[] {1, 2}, false).toArray()); // 0+..+11, 12+..+23
        assertArrayEquals(new int[] {2, 1, 4}, t.sum(new int[] {1}, true).shape());
        assertArrayEquals(new float[] {1.5f, 5.5f, 9.5f, 13.5f, 17.5f, 21.5f}, t.mean(new int[] {-1}, false).toArray());
        assertArrayEquals(new float[] {20, 21, 22, 23}, t.max(new int[] {0, 1}, false).toArray());
        // non-contiguous axes (0 and 2)
        assertArrayEquals(new float[] {60, 92, 124}, t.sum(new int[] {0, 2}, false).toArray());
        assertArrayEquals(new int[] {1, 0}, Tensor.of(new float[][] {{1, 5, 2}, {9, 0, 3}}).argmaxLastAxis());
    }

    @Test
    void matmulWithTransposesAndBatches() {
        Tensor a = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        Tensor b = Tensor.of(new float[][] {{1, 0, 2}, {0, 1, 3}});
        assertArrayEquals(new float[] {1, 2, 8, 3, 4, 18, 5, 6, 28}, a.matmul(b).toArray());
        assertArrayEquals(a.matmul(b).toArray(), a.transpose().matmul(b, true, false).toArray());
        assertArrayEquals(a.matmul(b).toArray(), a.matmul(b.transpose(), false, true).toArray());
        Tensor batch = range(2, 3, 2);
        Tensor out = batch.matmul(b);
        assertArrayEquals(new int[] {2, 3, 3}, out.shape());
        assertArrayEquals(batch.slice(1, 2).reshape(3, 2).matmul(b).toArray(), out.slice(1, 2).reshape(3, 3).toArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.matmul(a));
        assertTrue(e.getMessage().contains("k=2") && e.getMessage().contains("k=3"), e.getMessage());
    }

    @Test
    void printsLikeNumpy() {
        assertEquals("[[1.0, 2.0],\n [3.0, 4.5]]", Tensor.of(new float[][] {{1, 2}, {3, 4.5f}}).toString());
        assertEquals("[0.0, 1.0, 2.0, ..., 7.0, 8.0, 9.0]", range(10).toString());
        assertEquals("2.0", Tensor.scalar(2).toString());
    }
}
