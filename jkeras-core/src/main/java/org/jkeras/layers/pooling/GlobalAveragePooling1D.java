package org.jkeras.layers.pooling;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code GlobalAveragePooling1D} (see {@link GlobalPooling}): the average over the 1 spatial axes.
 *
 * <pre>{@code
 * GlobalAveragePooling1D g = new GlobalAveragePooling1D().keepdims(true);
 * }</pre>
 */
public class GlobalAveragePooling1D extends GlobalPooling<GlobalAveragePooling1D> {
    public GlobalAveragePooling1D() {
        super(false, 1);
    }

    /** Keras's {@code from_config}. */
    public static GlobalAveragePooling1D fromConfig(LayerConfig c) {
        return read(new GlobalAveragePooling1D(), c);
    }
}
