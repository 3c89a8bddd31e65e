package org.jkeras.layers.preprocessing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jkeras.layers.InputSpec;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.tensor.Seeds;

/**
 * The shared part of Keras's image preprocessing layers: the {@code data_format} (images {@code [B, H, W, C]} or
 * {@code [B, C, H, W]}, or one image of rank 3), the {@code seed} and one random stream per layer (from that seed
 * or the global {@link Seeds} stream), and Keras's {@code factor} arguments (a number {@code f} meaning
 * {@code (max(-f, lowest), f)}, or a {@code [lower, upper]} pair).
 *
 * <pre>{@code
 * Layer flip = new RandomFlip("horizontal").seed(1);   // an ImageLayer
 * }</pre>
 */
public abstract class ImageLayer extends Layer {
    private String dataFormat = "channels_last";
    private Long seed;
    private SplittableRandom random;

    protected ImageLayer() {
        setInputSpec(InputSpec.minNdim(3).maxNdim(4));
    }

    /** Sets Keras's {@code data_format} (default channels_last). */
    protected final void setDataFormat(String format) {
        this.dataFormat = org.jkeras.layers.DataFormat.parse(format, getClass().getSimpleName()).kerasName();
    }

    public final String dataFormat() {
        return dataFormat;
    }

    protected final boolean channelsLast() {
        return "channels_last".equals(dataFormat);
    }

    protected final void setSeed(Long seed) {
        this.seed = seed;
        this.random = null;
    }

    /** The seed, or null. */
    public final Long seed() {
        return seed;
    }

    protected final SplittableRandom random() {
        if (random == null) {
            random = new SplittableRandom(seed != null ? seed : Seeds.next());
        }
        return random;
    }

    /** A uniform draw in {@code [lo, hi)}. */
    protected final double uniform(double lo, double hi) {
        return lo + (hi - lo) * random().nextDouble();
    }

    /** Number of images: the batch size of a rank-4 input, 1 for one image. */
    protected static int batch(int[] shape) {
        return shape.length == 4 ? shape[0] : 1;
    }

    /** The height axis of a shape in this layer's format. */
    protected final int heightAxis(int[] shape) {
        return shape.length - (channelsLast() ? 3 : 2);
    }

    /**
     * Keras's factor argument: a number {@code f} is {@code (max(-|f|, lowest), |f|)}, a pair is sorted; both must
     * overlap {@code [lowest, highest]}.
     */
    protected static double[] factor(String arg, double[] f, double lowest, double highest) {
        String msg = "The `" + arg + "` argument should be a number (or a list of two numbers) in the range [" + lowest
                + ", " + highest + "]. Received: " + arg + "=" + (f.length == 1 ? String.valueOf(f[0]) : Arrays.toString(f));
        if (f.length == 1) {
            if (f[0] < lowest || f[0] > highest) throw new IllegalArgumentException(msg);
            double a = Math.abs(f[0]);
            return new double[] {Math.max(-a, lowest), a};
        }
        if (f.length != 2) throw new IllegalArgumentException(msg);
        double lo = Math.min(f[0], f[1]), hi = Math.max(f[0], f[1]);
        if (lo > highest || hi < lowest) throw new IllegalArgumentException(msg);
        return new double[] {lo, hi};
    }

    /** A factor pair as Keras writes it in a config. */
    protected static List<Double> pair(double[] f) {
        return List.of(f[0], f[1]);
    }

    /** A factor from a config: a number or a list of two numbers. */
    protected static double[] factorOf(LayerConfig c, String key, double dflt) {
        Object v = c.get(key);
        if (v == null) return new double[] {dflt};
        if (v instanceof Number) return new double[] {((Number) v).doubleValue()};
        if (v instanceof List) {
            List<?> l = (List<?>) v;
            double[] out = new double[l.size()];
            for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).doubleValue();
            return out;
        }
        throw new IllegalArgumentException("Key '" + key + "' in " + c.where() + " should be a number or a list of two "
                + "numbers; received: " + key + "=" + v + ".");
    }

    /** The seed from a config, or null. */
    protected static Long seedOf(LayerConfig c) {
        return c.has("seed") ? (long) c.number("seed", 0) : null;
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        return List.of(inputShapes.get(0).clone());
    }

    /** The base config plus the keys every image layer writes ({@code data_format}). */
    protected final Map<String, Object> imageConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("data_format", dataFormat);
        return c;
    }
}
