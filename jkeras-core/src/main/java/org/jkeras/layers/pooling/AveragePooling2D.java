package org.jkeras.layers.pooling;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code AveragePooling2D} (see {@link Pooling}): pool_size default (2, 2), strides default the pool size.
 *
 * <pre>{@code
 * AveragePooling2D p = new AveragePooling2D(2).padding("same");
 * }</pre>
 */
public class AveragePooling2D extends Pooling<AveragePooling2D> {
    /** Keras's defaults: a pool of 2 on every axis. */
    public AveragePooling2D() {
        this(2);
    }

    /** A pool of {@code poolSize} on every spatial axis. */
    public AveragePooling2D(int poolSize) {
        this(new int[] {poolSize});
    }

    /** One pool size per spatial axis (or one for all). */
    public AveragePooling2D(int[] poolSize) {
        super(false, 2, poolSize);
    }

    /** Keras's {@code from_config}. */
    public static AveragePooling2D fromConfig(LayerConfig c) {
        return read(new AveragePooling2D(poolSize(c, 2)), c);
    }
}
