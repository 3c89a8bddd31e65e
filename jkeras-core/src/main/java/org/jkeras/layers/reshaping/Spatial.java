package org.jkeras.layers.reshaping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jkeras.layers.DataFormat;
import org.jkeras.layers.Shapes;

/**
 * Argument checks and shape arithmetic shared by the spatial reshaping layers (padding, cropping, up-sampling):
 * Keras's {@code standardize_tuple} with its messages, and the spatial axes of a data format.
 *
 * <pre>{@code
 * int[] size = Spatial.tuple(new int[] {2, 2}, 2, "size", false, "up_sampling2d");
 * int[] axes = Spatial.axes(DataFormat.CHANNELS_LAST, 2);   // {1, 2}
 * }</pre>
 */
final class Spatial {
    private Spatial() {}

    /** Checks {@code n} integers, each positive (or non-negative with {@code allowZero}). */
    static int[] tuple(int[] value, int n, String name, boolean allowZero, String layer) {
        if (value == null || value.length != n) {
            throw new IllegalArgumentException("The `" + name + "` argument of layer '" + layer + "' must be a tuple of "
                    + n + " integers. Received: " + name + "=" + Arrays.toString(value) + ".");
        }
        for (int v : value) {
            if (allowZero ? v < 0 : v <= 0) {
                throw new IllegalArgumentException("The `" + name + "` argument of layer '" + layer + "' must be a tuple of "
                        + n + " integers. Received: " + name + "=" + Arrays.toString(value) + " including values that do "
                        + "not satisfy `value " + (allowZero ? ">= 0" : "> 0") + "`.");
            }
        }
        return value.clone();
    }

    /** Checks {@code n} (before, after) pairs of non-negative integers. */
    static int[][] pairs(int[][] value, int n, String name, String layer) {
        if (value == null || value.length != n) {
            throw new IllegalArgumentException("`" + name + "` of layer '" + layer + "' should have " + n + " elements. "
                    + "Received: " + name + "=" + Arrays.deepToString(value) + ".");
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[i] = tuple(value[i], 2, ordinal(i) + " entry of " + name, true, layer);
        }
        return out;
    }

    /** The same pair {@code (v, v)} for each of {@code n} axes. */
    static int[][] symmetric(int... perAxis) {
        int[][] out = new int[perAxis.length][];
        for (int i = 0; i < perAxis.length; i++) {
            out[i] = new int[] {perAxis[i], perAxis[i]};
        }
        return out;
    }

    private static String ordinal(int i) {
        return i == 0 ? "1st" : i == 1 ? "2nd" : i == 2 ? "3rd" : (i + 1) + "th";
    }

    /** The {@code n} spatial axes (batch axis 0 included in the count) for {@code format}. */
    static int[] axes(DataFormat format, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = format.firstSpatialAxis() + i;
        }
        return a;
    }

    /** {@code [[a, b], [c, d]]} as JSON-ready lists. */
    static List<Object> pairList(int[][] pairs) {
        List<Object> out = new ArrayList<>();
        for (int[] p : pairs) {
            out.add(List.of(p[0], p[1]));
        }
        return out;
    }

    static List<Object> list(int[] values) {
        List<Object> out = new ArrayList<>();
        for (int v : values) {
            out.add(v);
        }
        return out;
    }

    static String describe(int[] shape) {
        return Shapes.describe(shape);
    }
}
