package org.jkeras.layers.pooling;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code AveragePooling3D} (see {@link Pooling}): pool_size default (2, 2, 2), strides default the pool size.
 *
 * <pre>{@code
 * AveragePooling3D p = new AveragePooling3D(2).padding("same");
 * }</pre>
 */
public class AveragePooling3D extends Pooling<AveragePooling3D> {
    /** Keras's defaults: a pool of 2 on every axis. */
    public AveragePooling3D() {
        this(2);
    }

    /** A pool of {@code poolSize} on every spatial axis. */
    public AveragePooling3D(int poolSize) {
        this(new int[] {poolSize});
    }

    /** One pool size per spatial axis (or one for all). */
    public AveragePooling3D(int[] poolSize) {
        super(false, 3, poolSize);
    }

    /** Keras's {@code from_config}. */
    public static AveragePooling3D fromConfig(LayerConfig c) {
        return read(new AveragePooling3D(poolSize(c, 3)), c);
    }
}
