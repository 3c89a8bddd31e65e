package org.jkeras.layers.preprocessing;

import java.util.Map;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.ImageOps;

/**
 * Keras's {@code RandomRotation}: in training, each image is turned about its centre by an angle drawn uniformly
 * from {@code [lower·360°, upper·360°]} ({@code factor} a fraction of a full turn: {@code f} means
 * {@code [-f, f]}; positive angles turn counter-clockwise).
 *
 * <pre>{@code
 * Layer rot = new RandomRotation(0.1).seed(42);   // up to ±36°
 * }</pre>
 */
public class RandomRotation extends AffineAugmentation {
    private final double[] factor;

    public RandomRotation(double factor) {
        this(new double[] {factor});
    }

    public RandomRotation(double lower, double upper) {
        this(new double[] {lower, upper});
    }

    private RandomRotation(double[] f) {
        this.factor = factor("factor", f, -1, 1);
    }

    public RandomRotation seed(long seed) {
        setSeed(seed);
        return this;
    }

    public RandomRotation fillMode(String mode) {
        setFillMode(mode);
        return this;
    }

    public RandomRotation interpolation(String interpolation) {
        setInterpolation(interpolation);
        return this;
    }

    public RandomRotation fillValue(double v) {
        setFillValue(v);
        return this;
    }

    public RandomRotation dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    @Override
    protected float[] drawTransform(int height, int width) {
        return ImageOps.rotation(uniform(factor[0] * 360.0, factor[1] * 360.0), height, width);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = affineConfig();
        c.put("factor", pair(factor));
        return c;
    }

    public static RandomRotation fromConfig(LayerConfig c) {
        return readAffine(new RandomRotation(factorOf(c, "factor", 0)), c);
    }
}
