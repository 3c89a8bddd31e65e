package org.jkeras.layers.preprocessing;

import java.util.Map;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.ImageOps;

/**
 * Keras's {@code RandomZoom}: in training, each image is zoomed about its centre by {@code 1 + f}, {@code f}
 * drawn from {@code heightFactor} (a number {@code h} means {@code [-h, h]}; negative zooms in, positive zooms
 * out) and, when {@code widthFactor} is unset, the same zoom for both axes.
 *
 * <pre>{@code
 * Layer zoom = new RandomZoom(0.2).seed(42);
 * Layer zoomIn = new RandomZoom(-0.3, -0.1);      // always zoom in by 10-30%
 * }</pre>
 */
public class RandomZoom extends AffineAugmentation {
    private final double[] heightFactor;
    private double[] widthFactor;

    public RandomZoom(double heightFactor) {
        this(new double[] {heightFactor});
    }

    public RandomZoom(double lower, double upper) {
        this(new double[] {lower, upper});
    }

    private RandomZoom(double[] f) {
        this.heightFactor = factor("height_factor", f, -1, Double.MAX_VALUE);
    }

    /** Keras's {@code width_factor} (default none: keep the aspect ratio). */
    public RandomZoom widthFactor(double... f) {
        this.widthFactor = f == null ? null : factor("width_factor", f, -1, Double.MAX_VALUE);
        return this;
    }

    public RandomZoom seed(long seed) {
        setSeed(seed);
        return this;
    }

    public RandomZoom fillMode(String mode) {
        setFillMode(mode);
        return this;
    }

    public RandomZoom interpolation(String interpolation) {
        setInterpolation(interpolation);
        return this;
    }

    public RandomZoom fillValue(double v) {
        setFillValue(v);
        return this;
    }

    public RandomZoom dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    @Override
    protected float[] drawTransform(int height, int width) {
        double hz = 1.0 + uniform(heightFactor[0], heightFactor[1]);
        double wz = widthFactor != null ? 1.0 + uniform(widthFactor[0], widthFactor[1]) : hz;
        return ImageOps.zoom(wz, hz, height, width);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = affineConfig();
        c.put("height_factor", pair(heightFactor));
        c.put("width_factor", widthFactor == null ? null : pair(widthFactor));
        return c;
    }

    public static RandomZoom fromConfig(LayerConfig c) {
        RandomZoom z = new RandomZoom(factorOf(c, "height_factor", 0));
        if (c.has("width_factor")) z.widthFactor(factorOf(c, "width_factor", 0));
        return readAffine(z, c);
    }
}
