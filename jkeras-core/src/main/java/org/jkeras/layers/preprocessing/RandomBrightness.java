package org.jkeras.layers.preprocessing;

import java.util.List;
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
public class RandomBrightness extends ColorAugmentation<RandomBrightness> {
    public RandomBrightness(double factor) {
        this(new double[] {factor});
    }

    public RandomBrightness(double lower, double upper) {
        this(new double[] {lower, upper});
    }

    private RandomBrightness(double[] f) {
        super(f, -1, 1);
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

    public static RandomBrightness fromConfig(LayerConfig c) {
        return readRangeAndSeed(new RandomBrightness(factorOf(c, "factor", 0)), c);
    }
}
