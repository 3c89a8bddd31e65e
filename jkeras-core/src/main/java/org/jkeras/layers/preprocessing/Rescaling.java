package org.jkeras.layers.preprocessing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.ImageOps;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Rescaling}: {@code x·scale + offset}, in training and inference ({@code [0, 255]} to
 * {@code [0, 1]} with {@code scale = 1/255}; to {@code [-1, 1]} with {@code 1/127.5} and offset -1).
 *
 * <pre>{@code
 * Layer r = new Rescaling(1.0 / 255);
 * }</pre>
 */
public class Rescaling extends Layer {
    private final double scale, offset;

    public Rescaling(double scale) {
        this(scale, 0.0);
    }

    public Rescaling(double scale, double offset) {
        this.scale = scale;
        this.offset = offset;
    }

    public double scale() {
        return scale;
    }

    public double offset() {
        return offset;
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        return List.of(inputShapes.get(0).clone());
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        return List.of(ImageOps.rescale(inputs.get(0), (float) scale, (float) offset));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("scale", scale);
        c.put("offset", offset);
        return c;
    }

    public static Rescaling fromConfig(LayerConfig c) {
        if (c.get("scale") instanceof List || c.get("offset") instanceof List) {
            throw new IllegalArgumentException("Rescaling in " + c.where() + " has a per-channel scale or offset; "
                    + "jkeras supports one number for each.");
        }
        return new Rescaling(c.number("scale", 1), c.number("offset", 0));
    }
}
