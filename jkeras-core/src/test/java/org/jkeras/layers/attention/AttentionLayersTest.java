package org.jkeras.layers.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.layers.LayerTestCase;
import org.jkeras.layers.core.EinsumDense;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AttentionLayersTest {
    private static Tensor rand(long seed, int... shape) {
        return GradientCheck.randomInput(seed, shape);
    }

    /** Keras's Attention by hand: scores, -1e9 where masked, softmax, weights · value, query mask. */
    private static float[] direct(String mode, float scale, float concatWeight, float[] addScale, Tensor query,
            Tensor value, Tensor key, float[] valueMask, boolean causal, float[] queryMask) {
        int b = query.shape()[0], tq = query.shape()[1], d = query.shape()[2], tv = value.shape()[1], dv = value.shape()[2];
        float[] q = query.toArray(), v = value.toArray(), k = key.toArray();
        float[] out = new float[b * tq * dv];
        for (int n = 0; n < b; n++) {
            for (int i = 0; i < tq; i++) {
                double[] s = new double[tv];
                for (int j = 0; j < tv; j++) {
                    double acc = 0;
                    for (int c = 0; c < d; c++) {
                        double qc = q[(n * tq + i) * d + c], kc = k[(n * tv + j) * d + c];
                        if (mode.equals("dot")) {
                            acc += qc * kc;
                        } else if (mode.equals("concat")) {
                            acc += Math.tanh(scale * (qc + kc));
                        } else {
                            acc += (addScale == null ? 1 : addScale[c]) * Math.tanh(qc + kc);
                        }
                    }
                    s[j] = mode.equals("dot") ? acc * scale : mode.equals("concat") ? acc * concatWeight : acc;
                    boolean keep = (valueMask == null || valueMask[n * tv + j] > 0.5f) && (!causal || i >= j);
                    if (!keep) {
                        s[j] -= 1e9;
                    }
                }
                double max = Arrays.stream(s).max().getAsDouble(), z = 0;
                for (int j = 0; j < tv; j++) {
                    s[j] = Math.exp(s[j] - max);
                    z += s[j];
                }
                for (int e = 0; e < dv; e++) {
                    double acc = 0;
                    for (int j = 0; j < tv; j++) {
                        acc += s[j] / z * v[(n * tv + j) * dv + e];
                    }
                    float qm = queryMask == null ? 1f : queryMask[n * tq + i];
                    out[(n * tq + i) * dv + e] = (float) acc * qm;
                }
            }
        }
        return out;
    }

    private static void assertClose(float[] e, Tensor got) {
        float[] g = got.toArray();
        assertEquals(e.length, g.length);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], g[i], 1e-5, "element " + i);
        }
    }

    @Test
    void dotAttentionWithScaleAndKey() {
        Tensor q = rand(1, 2, 3, 4), v = rand(2, 2, 5, 6), k = rand(3, 2, 5, 4);
        LayerTestCase.of(() -> new Attention().useScale(true)).inputs(q, v, k).expectedOutputShape(2, 3, 6).run();
        Attention a = new Attention();
        Tensor out = a.callAll(List.of(q, v, k), false).get(0);
        assertClose(direct("dot", 1f, 1f, null, q, v, k, null, false, null), out);
        Attention s = new Attention().useScale(true);
        s.callAll(List.of(q, v, k), false);
        s.weights().get(0).assign(Tensor.scalar(0.7f));
        assertClose(direct("dot", 0.7f, 1f, null, q, v, k, null, false, null), s.callAll(List.of(q, v, k), false).get(0));
    }

    @Test
    void concatAttention() {
        Tensor q = rand(4, 2, 3, 4), v = rand(5, 2, 5, 4);
        LayerTestCase.of(() -> new Attention("concat").useScale(true)).inputs(q, v).run();
        LayerTestCase.of(() -> new Attention("concat")).inputs(q, v).run();
        Attention a = new Attention("concat").useScale(true);
        a.callAll(List.of(q, v), false);
        a.weights().get(0).assign(Tensor.scalar(0.5f));
        a.weights().get(1).assign(Tensor.scalar(1.5f));
        assertClose(direct("concat", 0.5f, 1.5f, null, q, v, v, null, false, null), a.callAll(List.of(q, v), false).get(0));
    }

    @Test
    void additiveAttention() {
        Tensor q = rand(6, 2, 3, 4), v = rand(7, 2, 5, 4);
        LayerTestCase.of(AdditiveAttention::new).inputs(q, v).run();
        LayerTestCase.of(() -> new AdditiveAttention().useScale(false)).inputs(q, v).run();
        AdditiveAttention a = new AdditiveAttention();
        Tensor out = a.callAll(List.of(q, v), false).get(0);
        assertArrayEquals(new int[] {4}, a.weights().get(0).shape());
        assertClose(direct("additive", 1f, 1f, a.weights().get(0).value().toArray(), q, v, v, null, false, null), out);
    }

    @Test
    void masksAndCausalInEveryScoreMode() {
        Tensor q = rand(8, 2, 4, 4), v = rand(9, 2, 4, 4);
        float[] vm = {1, 0, 1, 1, 1, 1, 0, 1};
        float[] qm = {1, 1, 0, 1, 0, 1, 1, 1};
        List<Tensor> masks = Arrays.asList(Tensor.of(qm, 2, 4), Tensor.of(vm, 2, 4));
        for (Attention a : List.of(new Attention(), new Attention("concat"), new AdditiveAttention().useScale(false))) {
            for (boolean causal : new boolean[] {false, true}) {
                a.useCausalMask(causal);
                String mode = a instanceof AdditiveAttention ? "additive" : a.scoreMode();
                Tensor out = a.callAll(List.of(q, v), masks, false).get(0);
                assertClose(direct(mode, 1f, 1f, null, q, v, v, vm, causal, qm), out);
                GradientCheck.Result g = GradientCheck.check(t -> a.callAll(List.of(t[0], t[1]), masks, false).get(0),
                        new Tensor[] {q, v}, 1e-3);
                assertTrue(g.passed(1e-2, 1e-3), mode + " causal=" + causal + ": " + g);
                assertEquals(masks.get(0), a.computeMask(List.of(q, v), masks).get(0));
            }
        }
    }

    @Test
    void returnAttentionScoresAndDropout() {
        Tensor q = rand(10, 2, 3, 4), v = rand(11, 2, 5, 4);
        Attention a = new Attention().returnAttentionScores(true);
        List<Tensor> out = a.callAll(List.of(q, v), false);
        assertArrayEquals(new int[] {2, 3, 5}, out.get(1).shape());
        Tensor again = new Attention().callAll(List.of(q, v), false).get(0);
        assertClose(again.toArray(), out.get(0));
        LayerTestCase.of(() -> new Attention().dropout(0.5).seed(2)).inputs(q, v).notDifferentiableInTraining().run();
        Attention d = new Attention().dropout(0.5).seed(2);
        assertTrue(!Arrays.equals(d.callAll(List.of(q, v), true).get(0).toArray(), again.toArray()));
        assertClose(again.toArray(), d.callAll(List.of(q, v), false).get(0));
    }

    @Test
    void einsumDenseEqualsLoopsAndPassesHarness() {
        Tensor x = rand(12, 2, 4, 6);
        LayerTestCase.of(() -> new EinsumDense("abc,cde->abde", null, 2, 3).biasAxes("de").biasInitializer("ones"))
                .inputs(x).expectedOutputShape(2, 4, 2, 3).run();
        LayerTestCase.of(() -> new EinsumDense("...b,bc->...c", 5).biasAxes("c").activation("tanh")).inputShape(2, 3, 4)
                .expectedOutputShape(2, 3, 5).run();
        LayerTestCase.of(() -> new EinsumDense("abc,cd->abd", null, 3).biasAxes("b")).inputShape(2, 5, 4).run();
        EinsumDense e = new EinsumDense("abcd,cde->abe", null, 7).biasAxes("e").biasInitializer("random_normal");
        Tensor y4 = rand(13, 2, 3, 2, 4);
        Tensor out = e.call(y4);
        float[] k = e.kernel().value().toArray(), bias = e.bias().value().toArray(), in = y4.toArray();
        float[] expected = new float[2 * 3 * 7];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 3; b++) {
                for (int o = 0; o < 7; o++) {
                    double acc = bias[o];
                    for (int c = 0; c < 2; c++) {
                        for (int d = 0; d < 4; d++) {
                            acc += in[((a * 3 + b) * 2 + c) * 4 + d] * k[(c * 4 + d) * 7 + o];
                        }
                    }
                    expected[(a * 3 + b) * 7 + o] = (float) acc;
                }
            }
        }
        assertClose(expected, out);
        EinsumDense t = new EinsumDense("abc,cd->abd", null, 3).biasAxes("b");
        t.call(rand(1, 2, 5, 4));
        assertArrayEquals(new int[] {5, 1}, t.bias().shape());
    }

    @Test
    void badInputIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Attention("cosine"));
        assertTrue(e.getMessage().contains("score_mode=cosine"), e.getMessage());
        Tensor q = rand(1, 2, 3, 4), v = rand(2, 2, 5, 4);
        e = assertThrows(IllegalArgumentException.class,
                () -> new Attention().callAll(List.of(q, v), Arrays.asList(null, Tensor.ones(2, 3)), false));
        assertTrue(e.getMessage().contains("value_mask") && e.getMessage().contains("[2, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Attention().callAll(List.of(q, rand(3, 2, 5, 6),
                rand(4, 2, 5, 3)), false));
        assertTrue(e.getMessage().contains("same last dimension"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EinsumDense("abc,cde->abfe", null, 2, 3).call(rand(1, 2,
                4, 6)));
        assertTrue(e.getMessage().contains("'f'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EinsumDense("ab,bc->ac", 3).biasAxes("z")
                .call(rand(1, 2, 4)));
        assertTrue(e.getMessage().contains("Bias dimension 'z'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EinsumDense("abc", 3));
        assertTrue(e.getMessage().contains("equation"), e.getMessage());
    }
}
