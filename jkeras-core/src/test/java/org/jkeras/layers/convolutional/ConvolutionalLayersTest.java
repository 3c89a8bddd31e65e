package org.jkeras.layers.convolutional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.layers.LayerTestCase;
import org.jkeras.ops.ConvOps;
import org.jkeras.ops.ConvReference;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Every convolution layer through the harness, its values against direct loops, and its bad-input messages. */
class ConvolutionalLayersTest {
    private static int[] v(int... a) {
        return a;
    }

    @Test
    void conv1D() {
        LayerTestCase.of(() -> new Conv1D(3, 3)).inputShape(2, 7, 2).expectedOutputShape(2, 5, 3).run();
        LayerTestCase.of(() -> new Conv1D(2, 2, "tanh").padding("causal").dilationRate(2)).inputShape(2, 6, 2)
                .expectedOutputShape(2, 6, 2).run();
        LayerTestCase.of(() -> new Conv1D(4, 3).strides(2).padding("same").groups(2)).inputShape(2, 7, 4)
                .expectedOutputShape(2, 4, 4).run();
        LayerTestCase.of(() -> new Conv1D(2, 3).dataFormat("channels_first")).inputShape(2, 3, 6)
                .expectedOutputShape(2, 2, 4).run();
    }

    @Test
    void conv2D() {
        LayerTestCase.of(() -> new Conv2D(3, 3, "relu")).inputShape(2, 5, 5, 2).expectedOutputShape(2, 3, 3, 3).run();
        LayerTestCase.of(() -> new Conv2D(2, v(3, 2), null).strides(2, 1).padding("same").useBias(false))
                .inputShape(1, 5, 4, 3).expectedOutputShape(1, 3, 4, 2).run();
        LayerTestCase.of(() -> new Conv2D(4, 2).groups(2).dilationRate(2)).inputShape(1, 5, 5, 2)
                .expectedOutputShape(1, 3, 3, 4).run();
        LayerTestCase.of(() -> new Conv2D(2, 3, "sigmoid").dataFormat("channels_first").padding("same"))
                .inputShape(1, 2, 4, 5).expectedOutputShape(1, 2, 4, 5).run();
        LayerTestCase.of("Conv2D", Map.of("filters", 2, "kernel_size", List.of(2, 2), "strides", List.of(1, 2)))
                .inputShape(1, 4, 5, 1).expectedOutputShape(1, 3, 2, 2).run();
    }

    @Test
    void conv3D() {
        LayerTestCase.of(() -> new Conv3D(2, 2)).inputShape(1, 3, 4, 3, 2).expectedOutputShape(1, 2, 3, 2, 2).run();
        LayerTestCase.of(() -> new Conv3D(2, 3).padding("same").strides(2)).inputShape(1, 3, 3, 4, 1)
                .expectedOutputShape(1, 2, 2, 2, 2).run();
    }

    @Test
    void transposed() {
        LayerTestCase.of(() -> new Conv1DTranspose(2, 3)).inputShape(2, 4, 3).expectedOutputShape(2, 6, 2).run();
        LayerTestCase.of(() -> new Conv2DTranspose(2, 3).strides(2).padding("same")).inputShape(1, 3, 2, 2)
                .expectedOutputShape(1, 6, 4, 2).run();
        LayerTestCase.of(() -> new Conv2DTranspose(2, 3, "gelu").strides(2).outputPadding(1))
                .inputShape(1, 2, 3, 1).expectedOutputShape(1, 6, 8, 2).run();
        LayerTestCase.of(() -> new Conv2DTranspose(1, 2).dataFormat("channels_first")).inputShape(1, 2, 3, 3)
                .expectedOutputShape(1, 1, 4, 4).run();
        LayerTestCase.of(() -> new Conv3DTranspose(1, 2).strides(2)).inputShape(1, 2, 2, 1, 2)
                .expectedOutputShape(1, 4, 4, 2, 1).run();
    }

    @Test
    void depthwiseAndSeparable() {
        LayerTestCase.of(() -> new DepthwiseConv1D(3).depthMultiplier(2)).inputShape(2, 6, 2).expectedOutputShape(2, 4, 4).run();
        LayerTestCase.of(() -> new DepthwiseConv2D(3, "silu").padding("same")).inputShape(1, 4, 5, 3)
                .expectedOutputShape(1, 4, 5, 3).run();
        LayerTestCase.of(() -> new SeparableConv1D(3, 3).strides(2)).inputShape(2, 7, 2).expectedOutputShape(2, 3, 3).run();
        LayerTestCase.of(() -> new SeparableConv2D(2, 2).depthMultiplier(2).dilationRate(2)).inputShape(1, 5, 4, 2)
                .expectedOutputShape(1, 3, 2, 2).run();
    }

    @Test
    void valuesEqualDirectLoops() {
        Tensor x = GradientCheck.randomInput(1, 2, 6, 5, 3);
        Conv2D c = new Conv2D(4, v(3, 2), null).strides(2, 1).padding("same").biasInitializer("random_normal");
        Tensor y = c.call(x, false);
        assertTrue(y.allClose(ConvReference.naiveConv(x, c.kernel().value(), c.bias().value(), v(2, 1), "same", v(1, 1), 1),
                1e-5, 1e-5));
        assertArrayEquals(new int[] {3, 2, 3, 4}, c.kernel().value().shape());

        Conv1D causal = new Conv1D(2, 3).padding("causal").dilationRate(2);
        Tensor x1 = GradientCheck.randomInput(2, 2, 7, 3);
        assertTrue(causal.call(x1, false).allClose(ConvReference.naiveConv(x1, causal.kernel().value(),
                causal.bias().value(), v(1), "causal", v(2), 1), 1e-5, 1e-5));

        Conv2DTranspose t = new Conv2DTranspose(3, 3).strides(2).padding("same").useBias(false);
        Tensor yt = t.call(x, false);
        assertArrayEquals(new int[] {3, 3, 3, 3}, t.kernel().value().shape());
        assertTrue(yt.allClose(ConvReference.naiveConvTranspose(x, t.kernel().value(), v(2, 2), "same", v(1, 1),
                v(12, 10)), 1e-5, 1e-5));

        DepthwiseConv2D d = new DepthwiseConv2D(3).depthMultiplier(2).useBias(false);
        Tensor yd = d.call(x, false);
        assertArrayEquals(new int[] {3, 3, 3, 2}, d.kernel().value().shape());
        assertTrue(yd.allClose(ConvReference.naiveConv(x, d.kernel().value().reshape(3, 3, 1, 6), null, v(1, 1), "valid",
                v(1, 1), 3), 1e-5, 1e-5));

        SeparableConv2D s = new SeparableConv2D(2, 3).useBias(false);
        Tensor ys = s.call(x, false);
        Tensor mid = ConvReference.naiveConv(x, s.depthwiseKernel().value().reshape(3, 3, 1, 3), null, v(1, 1), "valid",
                v(1, 1), 3);
        assertTrue(ys.allClose(ConvReference.naiveConv(mid, s.pointwiseKernel().value(), null, v(1, 1), "valid", v(1, 1), 1),
                1e-4, 1e-5));
        assertEquals(List.of("depthwise_kernel", "pointwise_kernel"), s.weights().stream().map(w -> w.name()).toList());

        Conv2D first = new Conv2D(2, 3).dataFormat("channels_first");
        Tensor xf = GradientCheck.randomInput(3, 1, 3, 5, 4);
        Tensor yf = first.call(xf, false);
        Tensor ref = ConvOps.toChannelsFirst(ConvReference.naiveConv(ConvOps.toChannelsLast(xf), first.kernel().value(),
                first.bias().value(), v(1, 1), "valid", v(1, 1), 1));
        assertTrue(yf.allClose(ref, 1e-5, 1e-5));
    }

    @Test
    void namesAreKerasSnakeCase() {
        org.jkeras.layers.Names.reset();
        assertEquals("conv2d", new Conv2D(1, 1).name());
        assertEquals("conv2d_1", new Conv2D(1, 1).name());
        assertEquals("conv1d_transpose", new Conv1DTranspose(1, 1).name());
        assertEquals("depthwise_conv2d", new DepthwiseConv2D(1).name());
        assertEquals("separable_conv1d", new SeparableConv1D(1, 1).name());
    }

    @Test
    void configHasKerasKeysAndDefaults() {
        Map<String, Object> c = new Conv2D(8, 3).getConfig();
        assertEquals(List.of("name", "trainable", "dtype", "filters", "kernel_size", "strides", "padding", "data_format",
                "dilation_rate", "groups", "activation", "use_bias", "kernel_initializer", "bias_initializer",
                "kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint"),
                List.copyOf(c.keySet()));
        assertEquals(List.of(3, 3), c.get("kernel_size"));
        assertEquals(List.of(1, 1), c.get("strides"));
        assertEquals("valid", c.get("padding"));
        assertEquals("channels_last", c.get("data_format"));
        assertEquals("linear", c.get("activation"));
        assertEquals(1, c.get("groups"));
        Map<String, Object> p = new SeparableConv1D(4, 3).getConfig();
        assertTrue(p.containsKey("pointwise_initializer") && p.containsKey("depth_multiplier"), p.toString());
        assertTrue(new Conv2DTranspose(2, 3).getConfig().containsKey("output_padding"));
        assertEquals(null, new Conv2DTranspose(2, 3).getConfig().get("output_padding"));
    }

    @Test
    void badInputNamesLayerExpectedAndGiven() {
        String m = assertThrows(IllegalArgumentException.class, () -> new Conv2D(2, 3).call(Tensor.zeros(2, 5, 3), false))
                .getMessage();
        assertTrue(m.contains("\"conv2d") && m.contains("ndim=4") && m.contains("found ndim=3"), m);

        m = assertThrows(IllegalArgumentException.class, () -> new Conv2D(2, 5).call(Tensor.zeros(1, 3, 3, 1), false))
                .getMessage();
        assertTrue(m.contains("Conv2D") && m.contains("larger than the input") && m.contains("[5, 5]"), m);

        Conv2D loaded = new Conv2D(2, 3);
        loaded.call(Tensor.zeros(1, 5, 5, 3), false);   // kernel (3, 3, 3, 2) now exists
        m = assertThrows(IllegalArgumentException.class, () -> loaded.call(Tensor.zeros(1, 5, 5, 2), false)).getMessage();
        assertTrue(m.contains(loaded.name()) && m.contains("value 3") && m.contains("5, 5, 2"), m);
        m = assertThrows(IllegalArgumentException.class, () -> loaded.kernel().assign(Tensor.zeros(3, 3, 2, 2))).getMessage();
        assertTrue(m.contains("[3, 3, 2, 2]") && m.contains("[3, 3, 3, 2]"), m);

        m = assertThrows(IllegalArgumentException.class, () -> new Conv2D(4, 3).groups(2).call(Tensor.zeros(1, 5, 5, 3), false))
                .getMessage();
        assertTrue(m.contains("Conv2D") && m.contains("groups=2") && m.contains("3 channels"), m);
        m = assertThrows(IllegalArgumentException.class, () -> new Conv2D(3, 3).groups(2)).getMessage();
        assertTrue(m.contains("groups=2") && m.contains("filters=3"), m);

        m = assertThrows(IllegalArgumentException.class, () -> new Conv2D(2, 3).padding("full")).getMessage();
        assertTrue(m.contains("Conv2D") && m.contains("padding=full") && m.contains("\"same\""), m);
        m = assertThrows(IllegalArgumentException.class, () -> new Conv2D(2, 3).padding("causal")).getMessage();
        assertTrue(m.contains("padding=causal"), m);
        m = assertThrows(IllegalArgumentException.class, () -> new Conv1D(2, 3).dataFormat("NWC")).getMessage();
        assertTrue(m.contains("Conv1D") && m.contains("data_format=NWC"), m);
        m = assertThrows(IllegalArgumentException.class, () -> new Conv2DTranspose(2, 3).strides(2).outputPadding(2))
                .getMessage();
        assertTrue(m.contains("Conv2DTranspose") && m.contains("output_padding"), m);
        m = assertThrows(IllegalArgumentException.class, () -> new Conv2D(2, 3).strides(2).dilationRate(2)).getMessage();
        assertTrue(m.contains("dilation_rate"), m);
        m = assertThrows(IllegalArgumentException.class, () -> new Conv2D(0, 3)).getMessage();
        assertTrue(m.contains("filters=0"), m);
    }
}
