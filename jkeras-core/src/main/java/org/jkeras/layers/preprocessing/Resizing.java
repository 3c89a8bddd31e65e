package org.jkeras.layers.preprocessing;

import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.ImageOps;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Resizing}: images to {@code height × width} with {@code interpolation} ("bilinear" or
 * "nearest"), optionally cropping ({@code cropToAspectRatio}) or padding ({@code padToAspectRatio}, with
 * {@code fillValue}) to the target aspect ratio first; in training and inference.
 *
 * <pre>{@code
 * Layer r = new Resizing(180, 180).cropToAspectRatio(true);
 * }</pre>
 */
public class Resizing extends FixedSizeImageLayer {
    private String interpolation = "bilinear";
    private boolean cropToAspectRatio, padToAspectRatio;
    private double fillValue;

    public Resizing(int height, int width) {
        super("Resizing", height, width);
    }

    public Resizing interpolation(String interpolation) {
        ImageOps.interpolation(interpolation);
        this.interpolation = interpolation;
        return this;
    }

    public Resizing cropToAspectRatio(boolean v) {
        this.cropToAspectRatio = v;
        return this;
    }

    public Resizing padToAspectRatio(boolean v) {
        this.padToAspectRatio = v;
        return this;
    }

    public Resizing fillValue(double v) {
        this.fillValue = v;
        return this;
    }

    public Resizing dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        return List.of(ImageOps.resize(inputs.get(0), height, width, interpolation, cropToAspectRatio, padToAspectRatio,
                (float) fillValue, channelsLast()));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = sizeConfig();
        c.put("interpolation", interpolation);
        c.put("crop_to_aspect_ratio", cropToAspectRatio);
        c.put("pad_to_aspect_ratio", padToAspectRatio);
        c.put("fill_mode", "constant");
        c.put("fill_value", fillValue);
        c.put("antialias", false);
        return c;
    }

    public static Resizing fromConfig(LayerConfig c) {
        if (c.bool("antialias", false)) {
            throw new IllegalArgumentException("Resizing in " + c.where() + " has antialias=True; jkeras resizes "
                    + "without antialiasing only.");
        }
        if (!"constant".equals(c.string("fill_mode", "constant"))) {
            throw new IllegalArgumentException("Invalid value for argument `fill_mode` in " + c.where()
                    + ". Only 'constant' is supported. Received: fill_mode=" + c.get("fill_mode"));
        }
        Resizing r = new Resizing(c.integer("height"), c.integer("width"));
        r.interpolation(c.string("interpolation", "bilinear"));
        r.cropToAspectRatio(c.bool("crop_to_aspect_ratio", false));
        r.padToAspectRatio(c.bool("pad_to_aspect_ratio", false));
        r.fillValue(c.number("fill_value", 0));
        r.dataFormat(c.string("data_format", "channels_last"));
        return r;
    }
}
