package org.jkeras.layers.regularization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Dropout}: during training, zeroes each input element with probability {@code rate} and
 * scales the rest by {@code 1 / (1 - rate)}; at inference it is the identity. The mask stream is seeded
 * ({@code seed}, or a seed from the global stream), so training is reproducible.
 *
 * <pre>{@code
 * Layer drop = new Dropout(0.2).seed(1337);
 * }</pre>
 */
public class Dropout extends Layer {
    private final double rate;
    private Long seed;
    private SplittableRandom random;

    public Dropout(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate="
                    + rate + ".");
        }
        this.rate = rate;
    }

    /** Keras's {@code seed} (default none: a seed from the global stream): fixes the mask stream. */
    public Dropout seed(long seed) {
        this.seed = seed;
        this.random = null;
        return this;
    }

    public double rate() {
        return rate;
    }

    /** The seed, or null. */
    public Long seed() {
        return seed;
    }

    @Override
    protected boolean supportsMasking() {
        return true;
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        return List.of(inputShapes.get(0).clone());
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor input = inputs.get(0);
        if (!ctx.training() || rate == 0) {
            return List.of(input);
        }
        if (rate == 1) {
            return List.of(Ops.multiply(input, Tensor.scalar(0f)));
        }
        if (random == null) {
            random = new SplittableRandom(seed != null ? seed : Seeds.next());
        }
        return List.of(Ops.dropout(input, (float) rate, random));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("rate", rate);
        c.put("seed", seed);
        c.put("noise_shape", null);
        return c;
    }

    public static Dropout fromConfig(LayerConfig c) {
        c.requireNull("noise_shape");
        Dropout d = new Dropout(c.number("rate", 0));
        if (c.has("seed")) {
            d.seed((long) c.number("seed", 0));
        }
        return d;
    }
}
