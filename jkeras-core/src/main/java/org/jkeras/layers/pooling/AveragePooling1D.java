package org.jkeras.layers.pooling;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code AveragePooling1D} (see {@link Pooling}): pool_size default 2, strides default the pool size.
 *
 * <pre>{@code
 * AveragePooling1D p = new AveragePooling1D(2).padding("same");
 * }</pre>
 */
public class AveragePooling1D extends Pooling<AveragePooling1D> {
    /** Keras's defaults: a pool of 2 on every axis. */
    public AveragePooling1D() {
        this(2);
    }

    /** A pool of {@code poolSize} on every spatial axis. */
    public AveragePooling1D(int poolSize) {
        this(new int[] {poolSize});
    }

    /** One pool size per spatial axis (or one for all). */
    public AveragePooling1D(int[] poolSize) {
        super(false, 1, poolSize);
    }

    /** Keras's {@code from_config}. */
    public static AveragePooling1D fromConfig(LayerConfig c) {
        return read(new AveragePooling1D(poolSize(c, 1)), c);
    }
}
