package org.jkeras.layers.preprocessing;

import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.ImageOps;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code RandomBrightness}: in training, adds to every value of each image a shift drawn uniformly from
 * {@code [lower, upper]·(high − low)} of {@code value_range}, clipped to that range ({@code factor} {@code f}
 * means {@code [-f, f]}).
 *
 * <pre>{@code
 * Layer bright = new RandomBrightness(0.2).valueRange(0, 1).seed(42);
 * }</pre>
 */
public class RandomBrightness extends ImageLayer {
    private final double[] factor;
    private double[] valueRange = {0, 255};

    public RandomBrightness(double factor) {
        this(new double[] {factor});
    }

    public RandomBrightness(double lower, double upper) {
        this(new double[] {lower, upper});
    }

    private RandomBrightness(double[] f) {
        this.factor = factor("factor", f, -1, 1);
    }

    public RandomBrightness valueRange(double low, double high) {
        this.valueRange = ValueRange.check(new double[] {low, high});
        return this;
    }

    public RandomBrightness seed(long seed) {
        setSeed(seed);
        return this;
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        if (!ctx.training()) {
            return List.of(x);
        }
        int b = batch(x.shape());
        float[] d = new float[b];
        double span = valueRange[1] - valueRange[0];
        for (int n = 0; n < b; n++) d[n] = (float) (uniform(factor[0], factor[1]) * span);
        return List.of(ImageOps.brightness(x, d, (float) valueRange[0], (float) valueRange[1]));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new java.util.LinkedHashMap<>(super.imageConfig());
        c.remove("data_format");
        c.put("factor", pair(factor));
        c.put("value_range", pair(valueRange));
        c.put("seed", seed());
        return c;
    }

    public static RandomBrightness fromConfig(LayerConfig c) {
        RandomBrightness r = new RandomBrightness(factorOf(c, "factor", 0));
        double[] v = ValueRange.of(c);
        r.valueRange(v[0], v[1]);
        Long s = seedOf(c);
        if (s != null) r.seed(s);
        return r;
    }
}
