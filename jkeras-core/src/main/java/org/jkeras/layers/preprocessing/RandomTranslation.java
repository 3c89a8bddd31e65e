package org.jkeras.layers.preprocessing;

import java.util.Map;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.ImageOps;

/**
 * Keras's {@code RandomTranslation}: in training, each image is shifted by a fraction of its height and width
 * drawn from {@code heightFactor} and {@code widthFactor} (a number {@code f} means {@code [-f, f]}; positive
 * moves down / right).
 *
 * <pre>{@code
 * Layer shift = new RandomTranslation(0.1, 0.1).seed(42);
 * }</pre>
 */
public class RandomTranslation extends AffineAugmentation {
    private final double[] heightFactor, widthFactor;

    public RandomTranslation(double heightFactor, double widthFactor) {
        this(new double[] {heightFactor}, new double[] {widthFactor});
    }

    /** Ranges given as {@code [lower, upper]} pairs (or one number each). */
    public RandomTranslation(double[] heightFactor, double[] widthFactor) {
        this.heightFactor = factor("height_factor", heightFactor, -1, 1);
        this.widthFactor = factor("width_factor", widthFactor, -1, 1);
    }

    public RandomTranslation seed(long seed) {
        setSeed(seed);
        return this;
    }

    public RandomTranslation fillMode(String mode) {
        setFillMode(mode);
        return this;
    }

    public RandomTranslation interpolation(String interpolation) {
        setInterpolation(interpolation);
        return this;
    }

    public RandomTranslation fillValue(double v) {
        setFillValue(v);
        return this;
    }

    public RandomTranslation dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    @Override
    protected float[] drawTransform(int height, int width) {
        double dy = uniform(heightFactor[0], heightFactor[1]) * height;
        double dx = uniform(widthFactor[0], widthFactor[1]) * width;
        return ImageOps.translation(dx, dy);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = affineConfig();
        c.put("height_factor", pair(heightFactor));
        c.put("width_factor", pair(widthFactor));
        return c;
    }

    public static RandomTranslation fromConfig(LayerConfig c) {
        return readAffine(new RandomTranslation(factorOf(c, "height_factor", 0), factorOf(c, "width_factor", 0)), c);
    }
}
