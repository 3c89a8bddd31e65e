package org.jkeras.layers.reshaping;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code UpSampling2D(size=(2, 2), interpolation="nearest")}: each pixel repeated {@code size} times per
 * axis, or with {@code interpolation("bilinear")} Keras's {@code ops.image.resize} to {@code (h · size[0],
 * w · size[1])} with half-pixel centres (TensorFlow's {@code tf.image.resize}).
 *
 * <pre>{@code
 * Layer up = new UpSampling2D();                                   // (None, 7, 7, 8) -> (None, 14, 14, 8)
 * Layer smooth = new UpSampling2D(2).interpolation("bilinear");
 * }</pre>
 */
public class UpSampling2D extends UpSampling {
    private String interpolation = "nearest";

    public UpSampling2D() {
        this(2);
    }

    public UpSampling2D(int size) {
        this(size, size);
    }

    public UpSampling2D(int height, int width) {
        super(new int[] {height, width});
    }

    /** Keras's {@code data_format} (default {@code "channels_last"}). */
    public UpSampling2D dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    /**
     * Keras's {@code interpolation}: {@code "nearest"} (default) or {@code "bilinear"} (case-insensitive; Keras's
     * other resize methods are refused with a message).
     */
    public UpSampling2D interpolation(String value) {
        String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
        if (!v.equals("nearest") && !v.equals("bilinear")) {
            throw new IllegalArgumentException("The `interpolation` argument of layer '" + name() + "' must be "
                    + "\"nearest\" or \"bilinear\" in jkeras; received: interpolation=" + value + ". Keras's bicubic, "
                    + "lanczos3, lanczos5 and area are not supported by jkeras yet; use \"nearest\" or \"bilinear\".");
        }
        this.interpolation = v;
        setBilinear(v.equals("bilinear"));
        return this;
    }

    public String interpolation() {
        return interpolation;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("interpolation", interpolation);
        return c;
    }

    public static UpSampling2D fromConfig(LayerConfig c) {
        int[] s = c.ints("size", 2, new int[] {2, 2});
        return new UpSampling2D(s[0], s[1]).dataFormat(c.string("data_format", null))
                .interpolation(c.string("interpolation", "nearest"));
    }
}
