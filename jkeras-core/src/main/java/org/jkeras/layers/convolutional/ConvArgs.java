package org.jkeras.layers.convolutional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jkeras.layers.DataFormat;

/**
 * Keras's argument checks for windowed layers (convolution and pooling): tuples from one integer or one per
 * spatial axis, padding and data_format strings, each error naming the layer, the argument, what was expected and
 * what was received.
 *
 * <pre>{@code
 * int[] k = ConvArgs.tuple("Conv2D", "kernel_size", new int[] {3}, 2);   // [3, 3]
 * }</pre>
 */
public final class ConvArgs {
    private ConvArgs() {}

    /** One value per spatial axis: a single value is repeated; every value must be positive. */
    public static int[] tuple(String layer, String arg, int[] values, int rank) {
        if (values == null || (values.length != 1 && values.length != rank)) {
            throw new IllegalArgumentException(layer + ": `" + arg + "` must be an integer or " + rank + " integers; Received: "
                    + arg + "=" + Arrays.toString(values) + ".");
        }
        int[] out = new int[rank];
        for (int a = 0; a < rank; a++) {
            out[a] = values.length == 1 ? values[0] : values[a];
            if (out[a] <= 0) {
                throw new IllegalArgumentException(layer + ": `" + arg + "` must contain only positive integers; Received: "
                        + arg + "=" + Arrays.toString(values) + ".");
            }
        }
        return out;
    }

    /** {@code valid} or {@code same} (or {@code causal} when allowed), lower-cased. */
    public static String padding(String layer, String padding, boolean allowCausal) {
        String p = padding == null ? "null" : padding.toLowerCase(Locale.ROOT);
        if (p.equals("valid") || p.equals("same") || (allowCausal && p.equals("causal"))) {
            return p;
        }
        throw new IllegalArgumentException(layer + ": `padding` must be " + (allowCausal ? "\"valid\", \"same\" or \"causal\""
                : "\"valid\" or \"same\"") + "; Received: padding=" + padding + ".");
    }

    /** {@code channels_last} or {@code channels_first} ({@link DataFormat}); null means Keras's default, channels_last. */
    public static String dataFormat(String layer, String dataFormat) {
        return DataFormat.parse(dataFormat, layer).kerasName();
    }

    /** Keras refuses strides and dilation both above 1. */
    public static void stridesOrDilation(String layer, int[] strides, int[] dilation) {
        if (Arrays.stream(strides).max().orElse(1) > 1 && Arrays.stream(dilation).max().orElse(1) > 1) {
            throw new IllegalArgumentException(layer + ": `strides > 1` not supported in conjunction with `dilation_rate > 1`."
                    + " Received: strides=" + Arrays.toString(strides) + " and dilation_rate=" + Arrays.toString(dilation) + ".");
        }
    }

    /** A Keras tuple for a config (a JSON list). */
    /** {@code value} when strictly positive, else Keras's "invalid value for argument" error naming {@code arg}. */
    static int positive(String layer, String arg, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(layer + ": invalid value for argument `" + arg + "`. Expected a strictly "
                    + "positive value. Received " + arg + "=" + value + ".");
        }
        return value;
    }

    public static List<Integer> list(int[] v) {
        List<Integer> l = new ArrayList<>(v.length);
        for (int x : v) {
            l.add(x);
        }
        return l;
    }

    /** The channel axis of a batch of rank {@code rank + 2}. */
    public static int channelAxis(boolean channelsFirst, int rank) {
        return channelsFirst ? 1 : rank + 1;
    }

    /** The spatial sizes of a full input shape. */
    public static int[] spatial(int[] shape, boolean channelsFirst) {
        int rank = shape.length - 2;
        return Arrays.copyOfRange(shape, channelsFirst ? 2 : 1, channelsFirst ? rank + 2 : rank + 1);
    }

    /** A full shape from batch, spatial sizes and channels in the given data format. */
    public static int[] shape(int batch, int[] spatial, int channels, boolean channelsFirst) {
        int[] s = new int[spatial.length + 2];
        s[0] = batch;
        s[channelsFirst ? 1 : spatial.length + 1] = channels;
        System.arraycopy(spatial, 0, s, channelsFirst ? 2 : 1, spatial.length);
        return s;
    }
}
