package org.jkeras.layers.regularization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.NoiseOps;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code GaussianNoise}: in training adds zero-mean Gaussian noise of standard deviation {@code stddev};
 * the identity at inference.
 *
 * <pre>{@code
 * Layer noise = new GaussianNoise(0.1).seed(42);
 * }</pre>
 */
public class GaussianNoise extends SeededNoise {
    private final double stddev;

    public GaussianNoise(double stddev) {
        this.stddev = checkRate("stddev", stddev);
    }

    public GaussianNoise seed(long seed) {
        setSeed(seed);
        return this;
    }

    public double stddev() {
        return stddev;
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        return List.of(ctx.training() && stddev > 0 ? NoiseOps.gaussianNoise(x, (float) stddev, random()) : x);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("stddev", stddev);
        c.put("seed", seed());
        return c;
    }

    public static GaussianNoise fromConfig(LayerConfig c) {
        GaussianNoise g = new GaussianNoise(c.number("stddev", 0));
        if (c.has("seed")) g.seed((long) c.number("seed", 0));
        return g;
    }
}
