package org.jkeras.layers.pooling;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code GlobalMaxPooling2D} (see {@link GlobalPooling}): the max over the 2 spatial axes.
 *
 * <pre>{@code
 * GlobalMaxPooling2D g = new GlobalMaxPooling2D().keepdims(true);
 * }</pre>
 */
public class GlobalMaxPooling2D extends GlobalPooling<GlobalMaxPooling2D> {
    public GlobalMaxPooling2D() {
        super(true, 2);
    }

    /** Keras's {@code from_config}. */
    public static GlobalMaxPooling2D fromConfig(LayerConfig c) {
        return read(new GlobalMaxPooling2D(), c);
    }
}
