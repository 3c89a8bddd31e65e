package org.jkeras.layers.regularization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.NoiseOps;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code AlphaDropout}: dropout for SELU networks that keeps the mean and variance of its inputs — dropped
 * values are set to SELU's negative saturation, then an affine correction is applied; the identity at inference.
 *
 * <pre>{@code
 * Layer drop = new AlphaDropout(0.1).seed(42);
 * }</pre>
 */
public class AlphaDropout extends SeededNoise {
    private final double rate;
    private int[] noiseShape;

    public AlphaDropout(double rate) {
        this.rate = checkRate("rate", rate);
    }

    public AlphaDropout seed(long seed) {
        setSeed(seed);
        return this;
    }

    /** Keras's {@code noise_shape}, batch axis included; -1 (None) takes the input's size. */
    public AlphaDropout noiseShape(int... shape) {
        this.noiseShape = shape == null ? null : shape.clone();
        return this;
    }

    public double rate() {
        return rate;
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        if (!ctx.training() || rate <= 0) {
            return List.of(x);
        }
        int[] shape = null;
        if (noiseShape != null) {
            if (noiseShape.length != x.rank()) {
                throw new IllegalArgumentException("AlphaDropout '" + name() + "': noise_shape "
                        + java.util.Arrays.toString(noiseShape) + " must have the input's rank " + x.rank() + ".");
            }
            shape = noiseShape.clone();
            for (int i = 0; i < shape.length; i++) if (shape[i] < 0) shape[i] = x.dim(i);
        }
        return List.of(NoiseOps.alphaDropout(x, (float) rate, shape, random()));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("rate", rate);
        c.put("seed", seed());
        if (noiseShape == null) {
            c.put("noise_shape", null);
        } else {
            List<Integer> l = new java.util.ArrayList<>();
            for (int d : noiseShape) l.add(d < 0 ? null : d);
            c.put("noise_shape", l);
        }
        return c;
    }

    public static AlphaDropout fromConfig(LayerConfig c) {
        AlphaDropout a = new AlphaDropout(c.number("rate", 0));
        if (c.has("seed")) a.seed((long) c.number("seed", 0));
        if (c.has("noise_shape")) a.noiseShape(c.intList("noise_shape"));
        return a;
    }
}
