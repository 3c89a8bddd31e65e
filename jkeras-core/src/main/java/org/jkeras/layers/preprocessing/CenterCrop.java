package org.jkeras.layers.preprocessing;

import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.ImageOps;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code CenterCrop}: the centred {@code height × width} window of each image; an image smaller than the
 * target is cropped to the target's aspect ratio and resized instead (Keras's {@code smart_resize}).
 *
 * <pre>{@code
 * Layer crop = new CenterCrop(160, 160);
 * }</pre>
 */
public class CenterCrop extends FixedSizeImageLayer {

    public CenterCrop(int height, int width) {
        super("CenterCrop", height, width);
    }

    public CenterCrop dataFormat(String format) {
        setDataFormat(format);
        return this;
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        return List.of(ImageOps.centerCrop(inputs.get(0), height, width, channelsLast()));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = sizeConfig();
        return c;
    }

    public static CenterCrop fromConfig(LayerConfig c) {
        return new CenterCrop(c.integer("height"), c.integer("width")).dataFormat(c.string("data_format", "channels_last"));
    }
}
