package org.jkeras.layers.normalization;

import java.util.List;
import org.jkeras.layers.LayerConfig;
import org.jkeras.tensor.Shapes;

/**
 * The axis arguments of the normalization layers: checked against the input shape at build time with a message
 * naming the layer, and read from configs (an int, or a list of ints as Keras writes once built).
 *
 * <pre>{@code
 * int ax = Axes.resolve(-1, new int[] {-1, 28, 28, 3}, "BatchNormalization", "bn");   // 3
 * }</pre>
 */
final class Axes {
    private Axes() {}

    /** {@code axis} as a non-negative index of {@code shape}; never the batch axis. */
    static int resolve(int axis, int[] shape, String cls, String layer) {
        if (axis < -shape.length || axis >= shape.length || Shapes.axis(axis, shape.length) == 0) {
            throw new IllegalArgumentException(cls + " '" + layer + "': axis=" + axis + " is not a feature axis of the "
                    + "input shape " + org.jkeras.layers.Shapes.describe(shape) + " (rank " + shape.length + "); pass an "
                    + "axis in [1, " + (shape.length - 1) + "] or [" + (-shape.length + 1) + ", -1], e.g. -1 for "
                    + "channels_last or 1 for channels_first.");
        }
        return Shapes.axis(axis, shape.length);
    }

    /** The size of axis {@code ax}, which must be known. */
    static int knownSize(int[] shape, int ax, String cls, String layer) {
        if (shape[ax] <= 0) {
            throw new IllegalArgumentException(cls + " '" + layer + "': axis " + ax + " of the input shape "
                    + org.jkeras.layers.Shapes.describe(shape) + " should have a defined dimension; give the input a "
                    + "fixed size on that axis.");
        }
        return shape[ax];
    }

    /** One axis from a config: an int, or a list of one int (Keras 2's {@code axis: [3]}). */
    static int single(LayerConfig c, String key, int dflt) {
        Object v = c.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof List) {
            int[] l = c.intList(key);
            if (l.length != 1) {
                throw new IllegalArgumentException("Key '" + key + "' in " + c.where() + " should be one axis; received: "
                        + key + "=" + v + ".");
            }
            return l[0];
        }
        return c.integer(key);
    }

    /** An axis list from a config: an int or a list of ints. */
    static int[] list(LayerConfig c, String key, int dflt) {
        Object v = c.get(key);
        if (v == null) {
            return new int[] {dflt};
        }
        return v instanceof List ? c.intList(key) : new int[] {c.integer(key)};
    }
}
