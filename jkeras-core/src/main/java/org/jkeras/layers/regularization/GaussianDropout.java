package org.jkeras.layers.regularization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.NoiseOps;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code GaussianDropout}: in training multiplies by Gaussian noise of mean 1 and standard deviation
 * {@code sqrt(rate / (1 − rate))}; the identity at inference.
 *
 * <pre>{@code
 * Layer drop = new GaussianDropout(0.2).seed(42);
 * }</pre>
 */
public class GaussianDropout extends SeededNoise {
    private final double rate;

    public GaussianDropout(double rate) {
        this.rate = checkRate("rate", rate);
    }

    public GaussianDropout seed(long seed) {
        setSeed(seed);
        return this;
    }

    public double rate() {
        return rate;
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        return List.of(ctx.training() && rate > 0 ? NoiseOps.gaussianDropout(x, (float) rate, random()) : x);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("rate", rate);
        c.put("seed", seed());
        return c;
    }

    public static GaussianDropout fromConfig(LayerConfig c) {
        GaussianDropout g = new GaussianDropout(c.number("rate", 0));
        if (c.has("seed")) g.seed((long) c.number("seed", 0));
        return g;
    }
}
