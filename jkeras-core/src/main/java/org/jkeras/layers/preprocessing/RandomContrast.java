package org.jkeras.layers.preprocessing;

import java.util.List;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.ImageOps;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code RandomContrast}: in training, per image, {@code (x − mean)·c + mean} per channel (mean over the
 * pixels) with {@code c} uniform in {@code [1 − lower, 1 + upper]}, clipped to {@code value_range}. As in Keras 3's
 * code, a single number {@code f} gives {@code (lower, upper) = (0, f)}; pass a pair for a symmetric range.
 *
 * <pre>{@code
 * Layer contrast = new RandomContrast(0.2, 0.2).seed(42);
 * }</pre>
 */
public class RandomContrast extends ColorAugmentation<RandomContrast> {
    public RandomContrast(double factor) {
        this(new double[] {factor});
    }

    public RandomContrast(double lower, double upper) {
        this(new double[] {lower, upper});
    }

    private RandomContrast(double[] f) {
        super(f, 0, 1);
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        if (!ctx.training()) {
            return List.of(x);
        }
        int b = batch(x.shape());
        float[] c = new float[b];
        for (int n = 0; n < b; n++) c[n] = (float) uniform(1.0 - factor[0], 1.0 + factor[1]);
        return List.of(ImageOps.contrast(x, c, (float) valueRange[0], (float) valueRange[1], channelsLast()));
    }

    public static RandomContrast fromConfig(LayerConfig c) {
        return readRangeAndSeed(new RandomContrast(factorOf(c, "factor", 0)), c);
    }
}
