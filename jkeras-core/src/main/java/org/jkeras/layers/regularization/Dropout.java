package org.jkeras.layers.regularization;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.jkeras.layers.Layer;
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

    /** Fixes the seed of the mask stream. */
    public Dropout seed(long seed) {
        this.seed = seed;
        this.random = null;
        return this;
    }

    public double rate() {
        return rate;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        if (!training || rate == 0) {
            return input;
        }
        if (rate == 1) {
            return Ops.multiply(input, Tensor.scalar(0f));
        }
        if (random == null) {
            random = new SplittableRandom(seed != null ? seed : Seeds.next());
        }
        return Ops.dropout(input, (float) rate, random);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("rate", rate);
        c.put("seed", seed);
        c.put("noise_shape", null);
        return c;
    }
}
