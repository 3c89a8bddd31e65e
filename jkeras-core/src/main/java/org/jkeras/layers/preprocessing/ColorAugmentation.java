package org.jkeras.layers.preprocessing;

import java.util.Map;
import org.jkeras.layers.LayerConfig;

/**
 * What Keras's colour augmentations ({@code RandomBrightness}, {@code RandomContrast}) share: a {@code factor}
 * ({@code f} or {@code (lower, upper)}), a {@code value_range} (default {@code [0, 255]}) the outputs are clipped
 * to, a {@code seed}, and their config (no {@code data_format}).
 *
 * <pre>{@code
 * Layer bright = new RandomBrightness(0.2).valueRange(0, 1).seed(42);
 * }</pre>
 *
 * @param <T> the concrete layer, returned by the fluent setters
 */
public abstract class ColorAugmentation<T extends ColorAugmentation<T>> extends ImageLayer {
    /** {@code [lower, upper]} of Keras's {@code factor}. */
    protected final double[] factor;
    /** {@code [low, high]} of Keras's {@code value_range}. */
    protected double[] valueRange = {0, 255};

    /** {@code f}: the factor's one or two numbers, each checked to lie in {@code [lowest, highest]}. */
    protected ColorAugmentation(double[] f, double lowest, double highest) {
        this.factor = factor("factor", f, lowest, highest);
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    public T valueRange(double low, double high) {
        this.valueRange = ValueRange.check(new double[] {low, high});
        return self();
    }

    public T seed(long seed) {
        setSeed(seed);
        return self();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new java.util.LinkedHashMap<>(super.imageConfig());
        c.remove("data_format");
        c.put("factor", pair(factor));
        c.put("value_range", pair(valueRange));
        c.put("seed", seed());
        return c;
    }

    /** Reads {@code value_range} and {@code seed} of {@code c} into {@code layer}, built from its factor. */
    protected static <L extends ColorAugmentation<L>> L readRangeAndSeed(L layer, LayerConfig c) {
        double[] v = ValueRange.of(c);
        layer.valueRange(v[0], v[1]);
        Long s = seedOf(c);
        if (s != null) layer.seed(s);
        return layer;
    }
}
