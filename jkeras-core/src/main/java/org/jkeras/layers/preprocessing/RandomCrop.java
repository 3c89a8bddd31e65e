package org.jkeras.layers.preprocessing;

import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.ImageOps;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code RandomCrop}: in training, one random {@code height × width} window (the same for the whole batch,
 * as Keras) when the images are larger than the target; otherwise — and at inference — the largest centred
 * window of the target's aspect ratio, resized (bilinear) to the target.
 *
 * <pre>{@code
 * Layer crop = new RandomCrop(160, 160).seed(42);
 * }</pre>
 */
public class RandomCrop extends FixedSizeImageLayer {

    public RandomCrop(int height, int width) {
        super("RandomCrop", height, width);
    }

    public RandomCrop seed(long seed) {
        setSeed(seed);
        return this;
    }

    public RandomCrop dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        int[] s = x.shape();
        int ha = heightAxis(s), h = s[ha], w = s[ha + 1];
        if (ctx.training() && h > height && w > width) {
            int y0 = (int) uniform(0, h - height + 1), x0 = (int) uniform(0, w - width + 1);
            return List.of(ImageOps.crop(x, y0, x0, height, width, channelsLast()));
        }
        return List.of(ImageOps.resize(x, height, width, "bilinear", true, false, 0f, channelsLast()));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = sizeConfig();
        c.put("seed", seed());
        return c;
    }

    public static RandomCrop fromConfig(LayerConfig c) {
        RandomCrop r = new RandomCrop(c.integer("height"), c.integer("width"));
        Long s = seedOf(c);
        if (s != null) r.seed(s);
        return r.dataFormat(c.string("data_format", "channels_last"));
    }
}
