package org.jkeras.layers.preprocessing;

import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.ops.ImageOps;
import org.jkeras.tensor.Tensor;

/**
 * The shared part of the random geometric augmentations (rotation, zoom, translation): Keras's
 * {@code fill_mode} (default "reflect"), {@code interpolation} (default "bilinear") and {@code fill_value}; in
 * training each image gets its own random transform, applied with {@link ImageOps#affine}; the identity at
 * inference.
 *
 * <pre>{@code
 * Layer rot = new RandomRotation(0.1).fillMode("constant").fillValue(0).seed(7);
 * }</pre>
 */
public abstract class AffineAugmentation extends ImageLayer {
    private String fillMode = "reflect";
    private String interpolation = "bilinear";
    private double fillValue;

    protected AffineAugmentation() {}

    protected final void setFillMode(String mode) {
        ImageOps.fillMode(mode);
        this.fillMode = mode;
    }

    protected final void setInterpolation(String interpolation) {
        if (ImageOps.interpolation(interpolation) == org.jkeras.tensor.ImageKernels.BICUBIC) {
            throw new IllegalArgumentException("Invalid value for argument `interpolation`. Expected one of "
                    + "{'bilinear', 'nearest'}. Received: interpolation=" + interpolation);
        }
        this.interpolation = interpolation;
    }

    protected final void setFillValue(double v) {
        this.fillValue = v;
    }

    /** The 8-value transform of image {@code n} of a batch of {@code height × width} images, freshly drawn. */
    protected abstract float[] drawTransform(int height, int width);

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        if (!ctx.training()) {
            return List.of(x);
        }
        int[] s = x.shape();
        int b = batch(s), ha = heightAxis(s), h = s[ha], w = s[ha + 1];
        float[] t = new float[8 * b];
        for (int n = 0; n < b; n++) {
            System.arraycopy(drawTransform(h, w), 0, t, 8 * n, 8);
        }
        return List.of(ImageOps.affine(x, t, interpolation, fillMode, (float) fillValue, channelsLast()));
    }

    /** The config keys of the affine augmentations. */
    protected final Map<String, Object> affineConfig() {
        Map<String, Object> c = imageConfig();
        c.put("fill_mode", fillMode);
        c.put("interpolation", interpolation);
        c.put("seed", seed());
        c.put("fill_value", fillValue);
        return c;
    }

    /** Reads the shared keys of a config into {@code layer}. */
    protected static <T extends AffineAugmentation> T readAffine(T layer, org.jkeras.layers.LayerConfig c) {
        layer.setFillMode(c.string("fill_mode", "reflect"));
        layer.setInterpolation(c.string("interpolation", "bilinear"));
        layer.setFillValue(c.number("fill_value", 0));
        layer.setDataFormat(c.string("data_format", "channels_last"));
        Long s = seedOf(c);
        if (s != null) layer.setSeed(s);
        return layer;
    }
}
