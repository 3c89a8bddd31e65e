package org.jkeras.layers.pooling;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code GlobalAveragePooling2D} (see {@link GlobalPooling}): the average over the 2 spatial axes.
 *
 * <pre>{@code
 * GlobalAveragePooling2D g = new GlobalAveragePooling2D().keepdims(true);
 * }</pre>
 */
public class GlobalAveragePooling2D extends GlobalPooling<GlobalAveragePooling2D> {
    public GlobalAveragePooling2D() {
        super(false, 2);
    }

    /** Keras's {@code from_config}. */
    public static GlobalAveragePooling2D fromConfig(LayerConfig c) {
        return read(new GlobalAveragePooling2D(), c);
    }
}
