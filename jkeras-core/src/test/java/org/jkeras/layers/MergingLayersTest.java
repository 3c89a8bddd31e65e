package org.jkeras.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.core.Input;
import org.jkeras.layers.merging.Add;
import org.jkeras.layers.merging.Average;
import org.jkeras.layers.merging.Concatenate;
import org.jkeras.layers.merging.Dot;
import org.jkeras.layers.merging.Maximum;
import org.jkeras.layers.merging.Merge;
import org.jkeras.layers.merging.Minimum;
import org.jkeras.layers.merging.Multiply;
import org.jkeras.layers.merging.Subtract;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Every merging layer: symbolic shape, values against a direct computation, and gradients by finite differences. */
class MergingLayersTest {
    private static final Tensor A = GradientCheck.randomInput(1, 3, 4);
    private static final Tensor B = GradientCheck.randomInput(2, 3, 4);

    /** Output shape from apply() equals the real output's; gradients w.r.t. every input pass the check. */
    private static Tensor check(Merge layer, Tensor... xs) {
        return LayerTestCase.of(layer).inputs(xs).run();
    }

    @Test
    void elementwiseMerges() {
        float[] a = A.toArray(), b = B.toArray();
        float[] add = check(new Add(), A, B).toArray(), sub = check(new Subtract(), A, B).toArray();
        float[] mul = check(new Multiply(), A, B).toArray(), avg = check(new Average(), A, B).toArray();
        float[] max = check(new Maximum(), A, B).toArray(), min = check(new Minimum(), A, B).toArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i] + b[i], add[i], 1e-6);
            assertEquals(a[i] - b[i], sub[i], 1e-6);
            assertEquals(a[i] * b[i], mul[i], 1e-6);
            assertEquals((a[i] + b[i]) / 2, avg[i], 1e-6);
            assertEquals(Math.max(a[i], b[i]), max[i], 1e-6);
            assertEquals(Math.min(a[i], b[i]), min[i], 1e-6);
        }
        Tensor c = GradientCheck.randomInput(3, 3, 4);
        float[] add3 = check(new Add(), A, B, c).toArray();
        assertEquals(a[5] + b[5] + c.toArray()[5], add3[5], 1e-6);
        // broadcasting a dimension of 1
        Tensor col = GradientCheck.randomInput(4, 3, 1);
        assertEquals(A.get(2, 3) * col.get(2, 0), check(new Multiply(), A, col).get(2, 3), 1e-6);
    }

    @Test
    void concatenate() {
        Tensor c = GradientCheck.randomInput(3, 3, 2);
        Tensor y = check(new Concatenate(), A, c);
        assertArrayEquals(new int[] {3, 6}, y.shape());
        assertEquals(c.get(1, 1), y.get(1, 5), 0);
        Tensor r = check(new Concatenate(1), GradientCheck.randomInput(5, 2, 2, 3), GradientCheck.randomInput(6, 2, 1, 3));
        assertArrayEquals(new int[] {2, 3, 3}, r.shape());
        assertEquals(-1, new Concatenate().getConfig().get("axis"));
    }

    @Test
    void dot() {
        Tensor y = check(new Dot(1), A, B);
        assertArrayEquals(new int[] {3, 1}, y.shape());
        double d = 0;
        for (int j = 0; j < 4; j++) {
            d += A.get(1, j) * B.get(1, j);
        }
        assertEquals(d, y.get(1, 0), 1e-5);
        Tensor cos = check(new Dot(1, true), A, B);
        double na = 0, nb = 0;
        for (int j = 0; j < 4; j++) {
            na += A.get(1, j) * A.get(1, j);
            nb += B.get(1, j) * B.get(1, j);
        }
        assertEquals(d / Math.sqrt(na * nb), cos.get(1, 0), 1e-5);
        Tensor p = GradientCheck.randomInput(7, 2, 5, 3), q = GradientCheck.randomInput(8, 2, 4, 3);
        Tensor att = check(new Dot(2, 2), p, q); // (2, 5, 3)·(2, 4, 3) over the last axes: (2, 5, 4)
        assertArrayEquals(new int[] {2, 5, 4}, att.shape());
        double e = 0;
        for (int k = 0; k < 3; k++) {
            e += p.get(1, 2, k) * q.get(1, 3, k);
        }
        assertEquals(e, att.get(1, 2, 3), 1e-5);
        Tensor r = GradientCheck.randomInput(9, 2, 3, 6);
        assertArrayEquals(new int[] {2, 5, 6}, check(new Dot(2, 1), p, r).shape());
    }

    @Test
    void badMergesSayWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Subtract().apply(Input.of(2), Input.of(2), Input.of(2)));
        assertTrue(e.getMessage().contains("exactly 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Add().apply(Input.of(2), Input.of(3)));
        assertTrue(e.getMessage().contains("(None, 2)") && e.getMessage().contains("(None, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dot(1).apply(Input.of(2), Input.of(3)));
        assertTrue(e.getMessage().contains("2") && e.getMessage().contains("3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dense(2).apply(Input.of(2), Input.of(2)));
        assertTrue(e.getMessage().contains("takes one input"), e.getMessage());
    }
}
