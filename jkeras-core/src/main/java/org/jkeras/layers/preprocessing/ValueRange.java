package org.jkeras.layers.preprocessing;

import java.util.List;
import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code value_range} argument of the colour augmentations: the {@code [low, high]} range the pixel values
 * live in (default {@code [0, 255]}); outputs are clipped to it.
 *
 * <pre>{@code
 * double[] r = ValueRange.check(new double[] {0, 1});
 * }</pre>
 */
final class ValueRange {
    private ValueRange() {}

    static double[] check(double[] range) {
        if (range == null || range.length != 2) {
            throw new IllegalArgumentException("The `value_range` argument should be a list of two numbers; received: "
                    + "value_range=" + java.util.Arrays.toString(range) + ".");
        }
        return new double[] {Math.min(range[0], range[1]), Math.max(range[0], range[1])};
    }

    static double[] of(LayerConfig c) {
        Object v = c.get("value_range");
        if (v == null) {
            return new double[] {0, 255};
        }
        List<?> l = (List<?>) v;
        return check(new double[] {((Number) l.get(0)).doubleValue(), ((Number) l.get(1)).doubleValue()});
    }
}
