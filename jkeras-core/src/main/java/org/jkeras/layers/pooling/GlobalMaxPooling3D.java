package org.jkeras.layers.pooling;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code GlobalMaxPooling3D} (see {@link GlobalPooling}): the max over the 3 spatial axes.
 *
 * <pre>{@code
 * GlobalMaxPooling3D g = new GlobalMaxPooling3D().keepdims(true);
 * }</pre>
 */
public class GlobalMaxPooling3D extends GlobalPooling<GlobalMaxPooling3D> {
    public GlobalMaxPooling3D() {
        super(true, 3);
    }

    /** Keras's {@code from_config}. */
    public static GlobalMaxPooling3D fromConfig(LayerConfig c) {
        return read(new GlobalMaxPooling3D(), c);
    }
}
