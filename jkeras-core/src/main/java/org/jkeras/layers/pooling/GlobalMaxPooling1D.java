package org.jkeras.layers.pooling;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code GlobalMaxPooling1D} (see {@link GlobalPooling}): the max over the 1 spatial axes.
 *
 * <pre>{@code
 * GlobalMaxPooling1D g = new GlobalMaxPooling1D().keepdims(true);
 * }</pre>
 */
public class GlobalMaxPooling1D extends GlobalPooling<GlobalMaxPooling1D> {
    public GlobalMaxPooling1D() {
        super(true, 1);
    }

    /** Keras's {@code from_config}. */
    public static GlobalMaxPooling1D fromConfig(LayerConfig c) {
        return read(new GlobalMaxPooling1D(), c);
    }
}
