package org.jkeras.layers.preprocessing;

import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.ImageOps;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code RandomFlip}: in training, each image is mirrored with probability 1/2 — left-right
 * ({@code "horizontal"}), top-bottom ({@code "vertical"}) or, for {@code "horizontal_and_vertical"} (the default),
 * both at once: as Keras 3, one draw per image decides both flips; the identity at inference.
 *
 * <pre>{@code
 * Layer flip = new RandomFlip("horizontal").seed(42);
 * }</pre>
 */
public class RandomFlip extends ImageLayer {
    private final String mode;

    public RandomFlip() {
        this("horizontal_and_vertical");
    }

    public RandomFlip(String mode) {
        if (!"horizontal".equals(mode) && !"vertical".equals(mode) && !"horizontal_and_vertical".equals(mode)) {
            throw new IllegalArgumentException("RandomFlip received an unknown mode argument: mode=" + mode
                    + "; expected 'horizontal', 'vertical' or 'horizontal_and_vertical'.");
        }
        this.mode = mode;
    }

    public RandomFlip seed(long seed) {
        setSeed(seed);
        return this;
    }

    public RandomFlip dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    public String mode() {
        return mode;
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        if (!ctx.training()) {
            return List.of(x);
        }
        int b = batch(x.shape());
        boolean[] h = mode.startsWith("horizontal") ? new boolean[b] : null;
        boolean[] v = mode.endsWith("vertical") ? new boolean[b] : null;
        for (int n = 0; n < b; n++) {
            boolean flip = random().nextDouble() <= 0.5;   // Keras 3: uniform <= 0.5, shared by both directions
            if (h != null) h[n] = flip;
            if (v != null) v[n] = flip;
        }
        return List.of(ImageOps.flip(x, h, v, channelsLast()));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = imageConfig();
        c.put("mode", mode);
        c.put("seed", seed());
        return c;
    }

    public static RandomFlip fromConfig(LayerConfig c) {
        RandomFlip f = new RandomFlip(c.string("mode", "horizontal_and_vertical"));
        Long s = seedOf(c);
        if (s != null) f.seed(s);
        return f.dataFormat(c.string("data_format", "channels_last"));
    }
}
