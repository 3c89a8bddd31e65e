package org.jkeras.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Convolution and pooling ops against direct loops written here (TensorFlow's padding rules spelled out
 * independently), and every mode's backward against finite differences.
 */
class ConvOpsTest {

    // ------------------------------------------------------------------ cases

    private static Tensor rnd(long seed, int... shape) {
        return GradientCheck.randomInput(seed, shape);
    }

    /** Distinct values 0.1 apart in random order, so a max is never tied or flipped by a finite-difference step. */
    private static Tensor distinct(long seed, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.buffer();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < d.length; i++) order.add(i);
        java.util.Collections.shuffle(order, new Random(seed));
        for (int i = 0; i < d.length; i++) d[order.get(i)] = 0.1f * i - 0.05f * d.length;
        return t;
    }

    private static int[] v(int... a) {
        return a;
    }

    /** name, input shape, kernel spatial size, strides, padding, dilation, groups, filters. */
    static Stream<Arguments> convModes() {
        return Stream.of(
                Arguments.of("1d valid", v(2, 7, 3), v(3), v(1), "valid", v(1), 1, 4),
                Arguments.of("1d same stride 2", v(2, 8, 3), v(3), v(2), "same", v(1), 1, 2),
                Arguments.of("1d causal dilation 2", v(2, 7, 2), v(3), v(1), "causal", v(2), 1, 3),
                Arguments.of("1d causal stride 2", v(1, 7, 2), v(2), v(2), "causal", v(1), 1, 2),
                Arguments.of("1d groups 2", v(2, 6, 4), v(2), v(1), "valid", v(1), 2, 4),
                Arguments.of("2d valid", v(2, 5, 6, 2), v(3, 3), v(1, 1), "valid", v(1, 1), 1, 3),
                Arguments.of("2d same", v(2, 5, 5, 2), v(3, 3), v(1, 1), "same", v(1, 1), 1, 3),
                Arguments.of("2d same even kernel stride 2", v(1, 6, 5, 2), v(2, 4), v(2, 2), "same", v(1, 1), 1, 2),
                Arguments.of("2d valid strides (2,1)", v(2, 7, 6, 1), v(3, 2), v(2, 1), "valid", v(1, 1), 1, 2),
                Arguments.of("2d dilation 2", v(1, 7, 7, 2), v(3, 3), v(1, 1), "valid", v(2, 2), 1, 2),
                Arguments.of("2d same dilation (2,1)", v(1, 6, 5, 2), v(3, 2), v(1, 1), "same", v(2, 1), 1, 2),
                Arguments.of("2d groups 2", v(2, 5, 5, 4), v(3, 3), v(1, 1), "same", v(1, 1), 2, 6),
                Arguments.of("2d groups 3 stride 2", v(1, 6, 6, 3), v(2, 2), v(2, 2), "valid", v(1, 1), 3, 3),
                Arguments.of("2d 6 channels (im2col + GEMM)", v(2, 5, 4, 6), v(3, 2), v(1, 1), "same", v(1, 1), 1, 3),
                Arguments.of("2d 5 channels stride 2 (im2col + GEMM)", v(1, 6, 5, 5), v(3, 3), v(2, 2), "same", v(1, 1), 1, 2),
                Arguments.of("2d 1x1 (no unfolding)", v(2, 4, 3, 3), v(1, 1), v(1, 1), "valid", v(1, 1), 1, 2),
                Arguments.of("3d valid", v(1, 4, 4, 3, 2), v(2, 2, 2), v(1, 1, 1), "valid", v(1, 1, 1), 1, 2),
                Arguments.of("3d same stride 2", v(1, 5, 4, 4, 1), v(3, 3, 2), v(2, 2, 2), "same", v(1, 1, 1), 1, 2),
                Arguments.of("3d dilation groups", v(1, 5, 5, 4, 2), v(2, 2, 2), v(1, 1, 1), "valid", v(2, 1, 2), 2, 2));
    }

    private static Tensor kernelFor(long seed, int[] ks, int cg, int filters) {
        int[] shape = Arrays.copyOf(ks, ks.length + 2);
        shape[ks.length] = cg;
        shape[ks.length + 1] = filters;
        return rnd(seed, shape);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convModes")
    void convEqualsDirectLoop(String name, int[] xs, int[] ks, int[] st, String pad, int[] dil, int groups, int filters) {
        Tensor x = rnd(1, xs), w = kernelFor(2, ks, xs[xs.length - 1] / groups, filters), b = rnd(3, filters);
        ConvSpec spec = ConvSpec.of(st, pad, dil, groups, "channels_last");
        Tensor y = ConvOps.conv(x, w, b, spec, UnaryOp.LINEAR, 0f);
        Tensor ref = ConvReference.naiveConv(x, w, b, st, pad, dil, groups);
        assertArrayEquals(ref.shape(), y.shape(), name);
        assertTrue(y.allClose(ref, 1e-5, 1e-5), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convModes")
    void convGradient(String name, int[] xs, int[] ks, int[] st, String pad, int[] dil, int groups, int filters) {
        Tensor x = rnd(4, xs), w = kernelFor(5, ks, xs[xs.length - 1] / groups, filters), b = rnd(6, filters);
        ConvSpec spec = ConvSpec.of(st, pad, dil, groups, "channels_last");
        check(in -> ConvOps.conv(in[0], in[1], in[2], spec, UnaryOp.LINEAR, 0f), x, w, b);
    }

    @Test
    void convChannelsFirstEqualsChannelsLastAndHasGradient() {
        Tensor x = rnd(7, 2, 3, 5, 4), w = kernelFor(8, v(2, 3), 3, 2), b = rnd(9, 2);
        ConvSpec first = ConvSpec.of(v(1, 2), "same", v(1, 1), 1, "channels_first");
        ConvSpec last = ConvSpec.of(v(1, 2), "same", v(1, 1), 1, "channels_last");
        Tensor y = ConvOps.conv(x, w, b, first, UnaryOp.LINEAR, 0f);
        Tensor ref = ConvOps.toChannelsFirst(ConvReference.naiveConv(ConvOps.toChannelsLast(x), w, b, v(1, 2), "same", v(1, 1), 1));
        assertArrayEquals(new int[] {2, 2, 5, 2}, y.shape());
        assertTrue(y.allClose(ref, 1e-5, 1e-5));
        assertTrue(ConvOps.conv(ConvOps.toChannelsLast(x), w, b, last, UnaryOp.LINEAR, 0f)
                .allClose(ConvOps.toChannelsLast(y), 1e-6, 1e-6));
        check(in -> ConvOps.conv(in[0], in[1], in[2], first, UnaryOp.TANH, 0f), x, w, b);
        check(in -> ConvOps.maxPool(in[0], v(2, 2), v(2, 2), "same", true), distinct(10, 1, 2, 5, 4));
        check(in -> ConvOps.averagePool(in[0], v(2), v(1), "valid", true), rnd(10, 2, 3, 5));
    }

    @Test
    void fusedActivationsMatchSeparateOps() {
        Tensor x = rnd(11, 2, 5, 5, 2), w = kernelFor(12, v(3, 3), 2, 3), b = rnd(13, 3);
        ConvSpec spec = ConvSpec.of(v(1, 1), "valid", v(1, 1), 1, "channels_last");
        for (UnaryOp act : new UnaryOp[] {UnaryOp.RELU, UnaryOp.SIGMOID, UnaryOp.ELU, UnaryOp.GELU}) {
            Tensor fused = ConvOps.conv(x, w, b, spec, act, 1f);
            Tensor ref = Ops.unary(act, ConvReference.naiveConv(x, w, b, v(1, 1), "valid", v(1, 1), 1), 1f);
            assertTrue(fused.allClose(ref, 1e-5, 1e-5), act.toString());
            check(in -> ConvOps.conv(in[0], in[1], in[2], spec, act, 1f), x, w, b);
        }
    }

    // ------------------------------------------------------------------ transposed, depthwise, separable

    /** name, input shape, kernel size, strides, padding, dilation, output padding (null = None), filters, expected spatial. */
    static Stream<Arguments> transposeModes() {
        return Stream.of(
                Arguments.of("1d valid", v(2, 5, 3), v(3), v(1), "valid", v(1), null, 2, v(7)),
                Arguments.of("1d same stride 2", v(2, 4, 2), v(3), v(2), "same", v(1), null, 3, v(8)),
                Arguments.of("1d valid stride 3 > kernel", v(1, 4, 2), v(2), v(3), "valid", v(1), null, 2, v(12)),
                Arguments.of("1d valid dilation 2", v(1, 4, 2), v(3), v(1), "valid", v(2), null, 2, v(8)),
                Arguments.of("2d valid stride 2", v(2, 3, 4, 2), v(3, 3), v(2, 2), "valid", v(1, 1), null, 3, v(7, 9)),
                Arguments.of("2d same stride 2", v(1, 3, 3, 2), v(3, 3), v(2, 2), "same", v(1, 1), null, 2, v(6, 6)),
                Arguments.of("2d same output_padding", v(1, 3, 3, 2), v(3, 3), v(2, 2), "same", v(1, 1), v(0, 1), 2, v(5, 6)),
                Arguments.of("2d valid output_padding", v(1, 3, 2, 1), v(2, 2), v(2, 2), "valid", v(1, 1), v(1, 0), 2, v(7, 4)),
                Arguments.of("3d same", v(1, 2, 3, 2, 2), v(2, 2, 2), v(1, 2, 1), "same", v(1, 1, 1), null, 2, v(2, 6, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transposeModes")
    void convTransposeEqualsDirectLoopAndHasGradient(String name, int[] xs, int[] ks, int[] st, String pad, int[] dil,
                                                     int[] outPad, int filters, int[] spatial) {
        Tensor x = rnd(21, xs), b = rnd(23, filters);
        int[] kshape = Arrays.copyOf(ks, ks.length + 2);
        kshape[ks.length] = filters;
        kshape[ks.length + 1] = xs[xs.length - 1];
        Tensor w = rnd(22, kshape);
        ConvSpec spec = ConvSpec.of(st, pad, dil, 1, "channels_last");
        Tensor y = ConvOps.convTranspose(x, w, b, spec, outPad, UnaryOp.LINEAR, 0f);
        Tensor ref = ConvReference.naiveConvTranspose(x, w, st, pad, dil, spatial).add(b);
        assertArrayEquals(ref.shape(), y.shape(), name);
        assertTrue(y.allClose(ref, 1e-5, 1e-5), name);
        check(in -> ConvOps.convTranspose(in[0], in[1], in[2], spec, outPad, UnaryOp.LINEAR, 0f), x, w, b);
    }

    @Test
    void convTransposeIsTheAdjointOfConv() {
        // <conv(z), x> == <z, conv_transpose(x)> for the same kernel, strides and padding
        Tensor z = rnd(31, 2, 7, 5, 3), w = rnd(32, 3, 2, 3, 4);
        ConvSpec spec = ConvSpec.of(v(2, 2), "same", v(1, 1), 1, "channels_last");
        Tensor cz = ConvOps.conv(z, w, null, spec, UnaryOp.LINEAR, 0f);
        Tensor x = rnd(33, cz.shape());
        Tensor tx = ConvOps.convTranspose(x, w, null, spec, v(0, 1), UnaryOp.LINEAR, 0f);
        assertArrayEquals(z.shape(), tx.shape());
        assertEquals(cz.mul(x).sumAll(), z.mul(tx).sumAll(), 1e-3);
    }

    @Test
    void depthwiseEqualsGroupedLoopAndHasGradient() {
        for (String pad : new String[] {"valid", "same"}) {
            Tensor x = rnd(41, 2, 5, 6, 3), w = rnd(42, 3, 2, 3, 2), b = rnd(43, 6);
            ConvSpec spec = ConvSpec.of(v(2, 1), pad, v(1, 1), 1, "channels_last");
            Tensor y = ConvOps.depthwiseConv(x, w, b, spec, UnaryOp.LINEAR, 0f);
            Tensor ref = ConvReference.naiveConv(x, w.reshape(3, 2, 1, 6), b, v(2, 1), pad, v(1, 1), 3);
            assertTrue(y.allClose(ref, 1e-5, 1e-5), pad);
            check(in -> ConvOps.depthwiseConv(in[0], in[1], in[2], spec, UnaryOp.LINEAR, 0f), x, w, b);
        }
        Tensor x1 = rnd(44, 2, 7, 2), w1 = rnd(45, 3, 2, 3);
        ConvSpec s1 = ConvSpec.of(v(1), "causal", v(2), 1, "channels_last");
        assertTrue(ConvOps.depthwiseConv(x1, w1, null, s1, UnaryOp.LINEAR, 0f)
                .allClose(ConvReference.naiveConv(x1, w1.reshape(3, 1, 6), null, v(1), "causal", v(2), 2), 1e-5, 1e-5));
        check(in -> ConvOps.depthwiseConv(in[0], in[1], null, s1, UnaryOp.LINEAR, 0f), x1, w1);
    }

    @Test
    void separableIsDepthwiseThenPointwise() {
        Tensor x = rnd(51, 2, 6, 5, 2), dw = rnd(52, 3, 3, 2, 2), pw = rnd(53, 1, 1, 4, 3), b = rnd(54, 3);
        ConvSpec spec = ConvSpec.of(v(1, 1), "same", v(2, 1), 1, "channels_last");
        Tensor y = ConvOps.separableConv(x, dw, pw, b, spec, UnaryOp.LINEAR, 0f);
        Tensor d = ConvReference.naiveConv(x, dw.reshape(3, 3, 1, 4), null, v(1, 1), "same", v(2, 1), 2);
        Tensor ref = ConvReference.naiveConv(d, pw, b, v(1, 1), "valid", v(1, 1), 1);
        assertTrue(y.allClose(ref, 1e-4, 1e-5));
        check(in -> ConvOps.separableConv(in[0], in[1], in[2], in[3], spec, UnaryOp.LINEAR, 0f), x, dw, pw, b);
    }

    // ------------------------------------------------------------------ pooling

    /** name, input shape, pool, strides, padding. */
    static Stream<Arguments> poolModes() {
        return Stream.of(
                Arguments.of("1d valid", v(2, 7, 3), v(2), v(2), "valid"),
                Arguments.of("1d same stride 1", v(2, 5, 2), v(3), v(1), "same"),
                Arguments.of("2d valid 2x2", v(2, 6, 5, 2), v(2, 2), v(2, 2), "valid"),
                Arguments.of("2d same 3x3 stride 2", v(1, 5, 6, 2), v(3, 3), v(2, 2), "same"),
                Arguments.of("2d overlapping", v(1, 5, 5, 1), v(3, 2), v(1, 2), "valid"),
                Arguments.of("3d valid", v(1, 4, 4, 4, 2), v(2, 2, 2), v(2, 2, 2), "valid"),
                Arguments.of("3d same", v(1, 3, 4, 5, 1), v(2, 3, 2), v(2, 2, 2), "same"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poolModes")
    void poolingEqualsDirectLoopAndHasGradient(String name, int[] xs, int[] pool, int[] st, String pad) {
        Tensor x = distinct(61, xs);
        for (boolean max : new boolean[] {true, false}) {
            Tensor y = max ? ConvOps.maxPool(x, pool, st, pad, false) : ConvOps.averagePool(x, pool, st, pad, false);
            Tensor ref = ConvReference.naivePool(max, x, pool, st, pad);
            assertArrayEquals(ref.shape(), y.shape(), name);
            assertTrue(y.allClose(ref, 1e-6, 1e-6), name + (max ? " max" : " average"));
            check(max ? in -> ConvOps.maxPool(in[0], pool, st, pad, false)
                    : in -> ConvOps.averagePool(in[0], pool, st, pad, false), x);
        }
    }

    @Test
    void averagePoolSameCountsOnlyRealPositions() {
        // 1-D [1, 2, 3, 4, 5], pool 2, stride 2, same: windows {1,2}, {3,4}, {5} -> 1.5, 3.5, 5 (not 2.5)
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5}, 1, 5, 1);
        Tensor y = ConvOps.averagePool(x, v(2), v(2), "same", false);
        assertArrayEquals(new float[] {1.5f, 3.5f, 5f}, y.toArray(), 0f);
        // same 3x3 stride 1 on a 2x2 ones image: every window averages ones -> all 1
        Tensor ones = Tensor.ones(1, 2, 2, 1);
        assertArrayEquals(new float[] {1, 1, 1, 1}, ConvOps.averagePool(ones, v(3, 3), v(1, 1), "same", false).toArray(), 0f);
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void badInputNamesWhatWasGiven() {
        ConvSpec s2 = ConvSpec.of(v(1, 1), "valid", v(1, 1), 1, "channels_last");
        Tensor x = Tensor.zeros(1, 4, 4, 3);
        String m = assertThrows(IllegalArgumentException.class,
                () -> ConvOps.conv(Tensor.zeros(4, 4, 3), kernelFor(1, v(3, 3), 3, 2), null, s2, UnaryOp.LINEAR, 0f)).getMessage();
        assertTrue(m.contains("rank 4") && m.contains("[4, 4, 3]"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> ConvOps.conv(x, kernelFor(1, v(5, 3), 3, 2), null, s2, UnaryOp.LINEAR, 0f)).getMessage();
        assertTrue(m.contains("larger than the input") && m.contains("[5, 3]"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> ConvOps.conv(x, kernelFor(1, v(3, 3), 2, 2), null, s2, UnaryOp.LINEAR, 0f)).getMessage();
        assertTrue(m.contains("3 channels") && m.contains("expects 2"), m);
        ConvSpec g2 = ConvSpec.of(v(1, 1), "valid", v(1, 1), 2, "channels_last");
        m = assertThrows(IllegalArgumentException.class,
                () -> ConvOps.conv(x, kernelFor(1, v(3, 3), 1, 2), null, g2, UnaryOp.LINEAR, 0f)).getMessage();
        assertTrue(m.contains("groups=2") && m.contains("(3)"), m);
        m = assertThrows(IllegalArgumentException.class, () -> ConvSpec.of(v(1), "full", v(1), 1, "channels_last")).getMessage();
        assertTrue(m.contains("padding=full"), m);
        m = assertThrows(IllegalArgumentException.class, () -> ConvSpec.of(v(1), "same", v(1), 1, "NHWC")).getMessage();
        assertTrue(m.contains("data_format=NHWC"), m);
        m = assertThrows(IllegalArgumentException.class, () -> ConvOps.maxPool(x, v(2, 2), v(2, 2), "causal", false)).getMessage();
        assertTrue(m.contains("padding=causal"), m);
        m = assertThrows(IllegalArgumentException.class, () -> ConvOps.maxPool(x, v(5, 2), v(1, 1), "valid", false)).getMessage();
        assertTrue(m.contains("larger than the input"), m);
    }

    private static void check(Function<Tensor[], Tensor> f, Tensor... in) {
        GradientCheck.Result r = GradientCheck.check(f, in, 1e-2);
        assertTrue(r.passed(2e-2, 2e-3), r.toString());
    }
}
