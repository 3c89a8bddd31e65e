package org.jkeras.layers.pooling;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code GlobalAveragePooling3D} (see {@link GlobalPooling}): the average over the 3 spatial axes.
 *
 * <pre>{@code
 * GlobalAveragePooling3D g = new GlobalAveragePooling3D().keepdims(true);
 * }</pre>
 */
public class GlobalAveragePooling3D extends GlobalPooling<GlobalAveragePooling3D> {
    public GlobalAveragePooling3D() {
        super(false, 3);
    }

    /** Keras's {@code from_config}. */
    public static GlobalAveragePooling3D fromConfig(LayerConfig c) {
        return read(new GlobalAveragePooling3D(), c);
    }
}
