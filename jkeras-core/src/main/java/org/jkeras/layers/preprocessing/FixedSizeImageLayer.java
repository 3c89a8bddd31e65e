package org.jkeras.layers.preprocessing;

import java.util.List;
import java.util.Map;

/**
 * An image layer whose outputs have a fixed {@code height × width} (Keras's {@code CenterCrop}, {@code RandomCrop},
 * {@code Resizing}): the positive-size check, the output shape and the {@code height}/{@code width} config keys.
 *
 * <pre>{@code
 * Layer crop = new CenterCrop(160, 160);   // (batch, 160, 160, channels)
 * }</pre>
 */
public abstract class FixedSizeImageLayer extends ImageLayer {
    protected final int height, width;

    /** {@code layer}: the class name the error message starts with. */
    protected FixedSizeImageLayer(String layer, int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException(layer + ": height and width must be positive integers; received: "
                    + "height=" + height + ", width=" + width + ".");
        }
        this.height = height;
        this.width = width;
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0).clone();
        int h = heightAxis(s);
        s[h] = height;
        s[h + 1] = width;
        return List.of(s);
    }

    /** The image config plus {@code height} and {@code width}. */
    protected final Map<String, Object> sizeConfig() {
        Map<String, Object> c = imageConfig();
        c.put("height", height);
        c.put("width", width);
        return c;
    }
}
